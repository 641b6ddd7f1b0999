/**
 * daemon.json gaining our authorization plugin (daemonJsonAuthz.ts): every other member kept with
 * its value (as JSON.parse reads both), plugins already named kept first, a second enable a
 * no-op, and a file that is not a JSON object, or whose plugin list is not one, refused unchanged.
 * Whether dockerd reads the result is the enforce engine test's (a real dockerd reloads it).
 */
import * as assert from 'node:assert/strict';

import { authorizationPluginsOf, DaemonJsonError, withAuthorizationPlugin } from '../../../src/core/access/daemonJsonAuthz';

describe('daemon.json: authorization-plugins', () => {
  it('adds the plugin after those there, keeping every other member', () => {
    const corpus = [
      '',
      '{}',
      '{\n  "debug": true,\n  "log-opts": {"max-size": "10m"}\n}\n',
      '{"authorization-plugins": ["other"], "hosts": ["unix:///var/run/docker.sock"]}',
      '{"authorization-plugins": null}',
      '{"labels": ["a=b"], "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}}',
    ];
    for (const text of corpus) {
      const before = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const after = JSON.parse(withAuthorizationPlugin(text, 'dcg-authz')) as Record<string, unknown>;
      const { 'authorization-plugins': plugins, ...rest } = after;
      const { 'authorization-plugins': previous, ...others } = before;
      assert.deepEqual(rest, others, text);
      assert.deepEqual(plugins, [...((previous as string[] | null) ?? []), 'dcg-authz'], text);
      assert.equal(
        withAuthorizationPlugin(withAuthorizationPlugin(text, 'dcg-authz'), 'dcg-authz'),
        withAuthorizationPlugin(text, 'dcg-authz'),
        'a second enable is a no-op',
      );
    }
  });

  it('refuses what it cannot read, never rewriting it', () => {
    for (const text of ['{', '[]', '"text"', 'null', '42', '{"authorization-plugins": "dcg-authz"}', '{"authorization-plugins": [1]}'])
      assert.throws(() => withAuthorizationPlugin(text, 'dcg-authz'), DaemonJsonError, text);
    assert.deepEqual(authorizationPluginsOf('{"authorization-plugins": ["a", "b"]}'), ['a', 'b']);
  });
});
