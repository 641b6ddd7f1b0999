/**
 * The store watcher sees a switch however config.json is stored, a symlink to another directory
 * included: docker's own `use` (whose temp file appears in the config directory) and ours (whose
 * temp file appears beside the link's target, as only the target's directory shows).
 */
import * as assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { ContextStore } from '../../../src/core/contexts/contextStore';
import { DockerConfigFile } from '../../../src/core/contexts/dockerConfigFile';
import { StoreWatcher } from '../../../src/core/contexts/storeWatcher';
import { switchContext } from '../../../src/core/contexts/switchContext';
import { dockerCli } from '../../support/dockerCli';
import { useTempDirs } from '../../support/tempDir';

describe('StoreWatcher (with the real docker CLI)', () => {
  const tempDir = useTempDirs('watcher');

  async function seesSwitches(configDir: string): Promise<void> {
    const docker = dockerCli(configDir);
    await docker.ok('context', 'create', 'other', '--docker', 'host=unix:///tmp/other.sock');
    let changes = 0;
    const watcher = new StoreWatcher(configDir, () => changes++, 50);
    const switched = async (how: string, doSwitch: () => Promise<unknown>) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      changes = 0;
      await doSwitch();
      for (let waited = 0; changes === 0 && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(changes > 0, `the switch by ${how} was seen`);
    };
    try {
      await switched('docker', () => docker.ok('context', 'use', 'other'));
      await switched('us', () => switchContext(new ContextStore(configDir, {}), new DockerConfigFile(configDir), {}, 'default'));
      assert.match(await docker.ok('context', 'show'), /^default$/m);
    } finally {
      watcher.dispose();
    }
  }

  it('sees a switch in a plain config.json', async () => seesSwitches(await tempDir()));

  it('sees a switch written through a symlinked config.json into another directory', async () => {
    const configDir = await tempDir();
    const real = path.join(await tempDir(), 'config.json');
    await writeFile(real, '{}');
    await symlink(real, path.join(configDir, 'config.json'));
    await seesSwitches(configDir);
  });
});
