/** `docker-context-guard classify -- …`: the JSON scripts rely on, for the cases that matter. */
import * as assert from 'node:assert/strict';

import { defaultGuardSettings } from '../../../src/core/guard/guardPolicy';
import { guardSettingsToEnv } from '../../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../../src/core/sharedEnvironment';
import { dockerCli } from '../../support/dockerCli';
import { cliPath } from '../../support/repoPaths';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('CLI: classify', () => {
  const tempDir = useTempDirs('classify');
  let env: NodeJS.ProcessEnv;

  before(async () => {
    const configDir = await tempDir();
    const docker = dockerCli(configDir);
    await docker.ok('context', 'create', 'prod-eu', '--docker', 'host=tcp://127.10.0.1:2376');
    await docker.ok('context', 'create', 'laptop', '--docker', 'host=unix:///tmp/laptop.sock');
    await docker.ok('context', 'use', 'laptop');
    env = {
      ...process.env,
      DOCKER_CONFIG: configDir,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, production: 'typeName' }),
    };
  });

  const classify = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const result = await runProcess(process.execPath, [cliPath, 'classify', '--', ...args], { env: { ...env, ...extra } });
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it('prints class, context, host, tier, remote and guarded first', async () => {
    const json = await classify(['--context', 'prod-eu', 'rm', '-f', 'web']);
    assert.deepEqual(Object.keys(json).slice(0, 6), ['class', 'context', 'host', 'tier', 'remote', 'guarded']);
    assert.deepEqual(json, {
      class: 'destroy',
      context: 'prod-eu',
      host: 'tcp://127.10.0.1:2376',
      tier: 'production',
      remote: true,
      guarded: true,
      confirmation: 'typeName',
      operation: 'container rm --force',
      targets: ['web'],
      hostAccess: [],
      source: '--context',
    });
  });

  it('a container handed the host is asked on a remote engine, as the terminal guard asks it', async () => {
    const json = await classify(['run', '--privileged', '-v', '/:/host', 'busybox'], { DOCKER_HOST: 'ssh://ops@build-1' });
    assert.deepEqual([json.class, json.confirmation, json.hostAccess], ['mutate', 'confirm', ['--privileged', 'bind of /']]);
    assert.equal((await classify(['run', 'busybox'], { DOCKER_HOST: 'ssh://ops@build-1' })).guarded, false);
  });

  it('a read on production, a destroy on the local current context, a mutate on production', async () => {
    assert.deepEqual(await classify(['--context', 'prod-eu', 'ps']).then((json) => [json.class, json.guarded]), ['read', false]);
    assert.deepEqual(await classify(['rm', 'x']).then((json) => [json.context, json.remote, json.guarded]), ['laptop', false, false]);
    assert.deepEqual(await classify(['-c', 'prod-eu', 'pull', 'nginx']).then((json) => [json.class, json.confirmation]), ['mutate', 'confirm']);
  });

  it('follows the settings in the environment', async () => {
    const settings = {
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, production: 'typeName', includeLocal: true, confirmMutateOnProduction: false }),
    };
    assert.equal((await classify(['rm', 'x'], settings)).guarded, true);
    assert.equal((await classify(['-c', 'prod-eu', 'pull', 'nginx'], settings)).guarded, false);
  });

  it('DOCKER_HOST and -H: the default context at that address', async () => {
    const json = await classify(['system', 'prune', '-af'], { DOCKER_HOST: 'ssh://ops@build-1' });
    assert.deepEqual([json.context, json.host, json.tier, json.remote, json.confirmation], ['default', 'ssh://ops@build-1', 'development', true, 'confirm']);
    assert.equal((await classify(['-H', 'unix:///tmp/x.sock', 'rm', 'x'])).remote, false);
  });

  it('a context that does not exist: nothing to guard, and why', async () => {
    const json = await classify(['--context', 'nope', 'rm', 'x']);
    assert.deepEqual([json.context, json.guarded, json.error], [null, false, 'context "nope" does not exist']);
  });
});
