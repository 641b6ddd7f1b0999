/** The launchers (sh and cmd) cannot import src/core/sharedEnvironment.ts: every variable of ours they use must be declared there. */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { sharedEnv } from '../../src/core/sharedEnvironment';
import { repoRoot } from '../support/repoPaths';

describe('shared environment variables', () => {
  it('the launchers use only variables the shared module declares', async () => {
    const declared = new Set<string>(Object.values(sharedEnv));
    for (const launcher of ['docker', 'docker.cmd']) {
      const text = await readFile(path.join(repoRoot, 'media', 'shim', launcher), 'utf8');
      const used = new Set(text.match(/DOCKER_(?:CONTEXT_)?GUARD_[A-Z_]+/g) ?? []);
      assert.ok(used.size >= 3, `${launcher}: ${[...used].join(' ')}`);
      for (const name of used)
        assert.ok(
          declared.has(name) || name === sharedEnv.savedPrefix.replace(/_$/, '') || name.startsWith(sharedEnv.savedPrefix),
          `${launcher} uses ${name}, which src/core/sharedEnvironment.ts does not declare`,
        );
    }
  });
});
