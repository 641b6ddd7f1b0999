/**
 * Whether an engine enforces access, from its `/info` answer (engineAuthorization.ts), over the
 * shapes an engine (or something posing as one) may send: only names listed in
 * Plugins.Authorization count, in their order; anything else reads as "enforces nothing".
 */
import * as assert from 'node:assert/strict';

import { authorizationPlugins } from '../../../src/core/access/engineAuthorization';

describe('engine authorization: docker info Plugins.Authorization', () => {
  it('lists the names dockerd names, and nothing for any other shape', () => {
    const corpus: [unknown, string[]][] = [
      [{ Plugins: { Authorization: ['dcg-authz'] } }, ['dcg-authz']],
      [{ Plugins: { Authorization: ['a', 'b'], Volume: ['local'] } }, ['a', 'b']],
      [{ Plugins: { Authorization: null } }, []],
      [{ Plugins: {} }, []],
      [{}, []],
      [null, []],
      ['text', []],
      [{ Plugins: { Authorization: 'dcg-authz' } }, []],
      [{ Plugins: { Authorization: [1, '', 'x', null] } }, ['x']],
      [{ Plugins: null }, []],
    ];
    for (const [info, expected] of corpus) assert.deepEqual(authorizationPlugins(info), expected, JSON.stringify(info));
  });
});
