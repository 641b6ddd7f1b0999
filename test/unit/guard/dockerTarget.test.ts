/**
 * Which context a command line goes to, in the Docker CLI's precedence — checked against the
 * real CLI itself: for every case, `docker … context show` (same flags, same environment) names
 * the same context as the guard does.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { tierRulesToEnv } from '../../../src/core/contexts/tierRulesEnv';
import { defaultTierRules } from '../../../src/core/contexts/tiers';
import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import { resolveCommandTarget, resolveDockerContext } from '../../../src/core/guard/dockerTarget';
import { defaultGuardSettings, isRemote } from '../../../src/core/guard/guardPolicy';
import { sharedEnv } from '../../../src/core/sharedEnvironment';
import { dockerCli } from '../../support/dockerCli';
import { runProcess } from '../../support/runProcess';
import { useTempDirs } from '../../support/tempDir';

describe('docker target resolution', () => {
  const tempDir = useTempDirs('target');
  let configDir: string;
  let otherConfigDir: string;
  let home: string;
  /** A clean environment: only what each case sets. */
  let base: NodeJS.ProcessEnv;

  before(async () => {
    configDir = await tempDir();
    otherConfigDir = await tempDir();
    home = await tempDir();
    const docker = dockerCli(configDir);
    await docker.ok('context', 'create', 'prod-eu', '--docker', 'host=tcp://127.0.0.2:2376');
    await docker.ok('context', 'create', 'laptop', '--docker', 'host=unix:///tmp/laptop.sock');
    await docker.ok('context', 'create', 'staging', '--docker', 'host=ssh://ops@staging-1');
    await docker.ok('context', 'use', 'laptop');
    await dockerCli(otherConfigDir).ok('context', 'create', 'elsewhere', '--docker', 'host=tcp://127.0.0.5:2375');
    await dockerCli(otherConfigDir).ok('context', 'use', 'elsewhere');
    await dockerCli(path.join(home, '.docker')).ok('context', 'create', 'at-home', '--docker', 'host=tcp://127.0.0.6:2375');
    await dockerCli(path.join(home, '.docker')).ok('context', 'use', 'at-home');
    base = { HOME: home, DOCKER_CONFIG: configDir, PATH: process.env.PATH };
  });

  /** [docker args before the subcommand, environment, expected context, expected source, expected host]. */
  const cases: [string[], NodeJS.ProcessEnv, string, string, string?][] = [
    [[], {}, 'laptop', 'config', 'unix:///tmp/laptop.sock'],
    [[], { DOCKER_CONTEXT: 'staging' }, 'staging', 'DOCKER_CONTEXT'],
    [[], { DOCKER_HOST: 'tcp://127.0.0.3:2375', DOCKER_CONTEXT: 'staging' }, 'default', 'DOCKER_HOST', 'tcp://127.0.0.3:2375'],
    [['--context', 'prod-eu'], { DOCKER_HOST: 'tcp://127.0.0.3:2375', DOCKER_CONTEXT: 'staging' }, 'prod-eu', '--context', 'tcp://127.0.0.2:2376'],
    [['-c', 'staging'], {}, 'staging', '--context'],
    [['-H', 'unix:///tmp/other.sock'], { DOCKER_CONTEXT: 'staging' }, 'default', '--host', 'unix:///tmp/other.sock'],
    [['--host=tcp://127.0.0.4:2376'], { DOCKER_HOST: 'tcp://127.0.0.3:2375' }, 'default', '--host', 'tcp://127.0.0.4:2376'],
    [['--config', '<other>'], {}, 'elsewhere', 'config', 'tcp://127.0.0.5:2375'],
  ];

  for (const [flags, env, name, source, host] of cases) {
    it(`${flags.join(' ') || '(no flags)'} ${JSON.stringify(env)} → ${name} (${source})`, async () => {
      const args = flags.map((flag) => flag.replace('<other>', otherConfigDir));
      const fullEnv = { ...base, ...env };
      const { context, source: seen } = await resolveDockerContext(classifyDockerArgs([...args, 'rm', 'x']).globalFlags, fullEnv);
      assert.deepEqual([context.name, seen], [name, source]);
      if (host) assert.equal(context.host, host);
      const shown = await runProcess('docker', [...args, 'context', 'show'], { env: fullEnv });
      assert.equal(shown.stdout.trim(), name, `the docker CLI disagrees: ${shown.stderr}`);
    });
  }

  it("-H or DOCKER_HOST naming a stored context's endpoint is that context (production stays production)", async () => {
    const prodHost = async (env: NodeJS.ProcessEnv) =>
      (await runProcess('docker', ['context', 'inspect', 'prod-eu', '--format', '{{.Endpoints.docker.Host}}'], { env })).stdout.trim();
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [['-H', 'tcp://127.0.0.2:2376'], {}, 'prod-eu'],
      [['-H', '127.0.0.2:2376'], {}, 'prod-eu'],
      [[], { DOCKER_HOST: 'tcp://127.0.0.2:2376' }, 'prod-eu'],
      [['-H', 'unix:///tmp//laptop.sock'], {}, 'laptop'],
      [['-H', 'tcp://127.0.0.2:2375'], {}, 'default'],
    ];
    for (const [flags, env, name] of cases) {
      const fullEnv = { ...base, ...env };
      const { context, source } = await resolveDockerContext(classifyDockerArgs([...flags, 'rm', 'x']).globalFlags, fullEnv);
      assert.equal(context.name, name, flags.join(' ') || JSON.stringify(env));
      assert.equal(source, flags.length > 0 ? '--host' : 'DOCKER_HOST');
      if (name === 'prod-eu') assert.equal(context.tier, 'production');
      // The oracle: the endpoint docker builds for the default context from that address.
      const dialled = (
        await runProcess('docker', [...flags, 'context', 'inspect', 'default', '--format', '{{.Endpoints.docker.Host}}'], { env: fullEnv })
      ).stdout.trim();
      assert.equal(dialled === (await prodHost(fullEnv)), name === 'prod-eu', `${dialled} vs prod-eu`);
    }
  });

  it('without DOCKER_CONFIG, the config in ~/.docker', async () => {
    const env = { HOME: home, PATH: process.env.PATH };
    assert.equal((await resolveDockerContext({}, env)).context.name, 'at-home');
    assert.equal((await runProcess('docker', ['context', 'show'], { env })).stdout.trim(), 'at-home');
  });

  it('gives each context its tier and says which are remote', async () => {
    const rules = { ...defaultTierRules, tiers: { staging: 'staging' as const } };
    const env = { ...base, [sharedEnv.tierRules]: tierRulesToEnv(rules) };
    const describe = async (name: string) => {
      const { context } = await resolveDockerContext({ context: name }, env);
      return [context.tier, isRemote(context)];
    };
    assert.deepEqual(await Promise.all(['prod-eu', 'laptop', 'staging'].map(describe)), [
      ['production', true],
      ['local', false],
      ['staging', true],
    ]);
  });

  it('a context that does not exist: no target, and the reason (docker will refuse the command itself)', async () => {
    const target = await resolveCommandTarget(classifyDockerArgs(['--context', 'nope', 'rm', 'x']), base, defaultGuardSettings);
    assert.deepEqual(target, { problem: 'context "nope" does not exist' });
  });

  it('context commands act on the most guarded context they name; login on none', async () => {
    const removal = await resolveCommandTarget(classifyDockerArgs(['context', 'rm', 'laptop', 'prod-eu', 'nope']), base, defaultGuardSettings);
    assert.equal(removal.context?.name, 'prod-eu');
    const use = await resolveCommandTarget(classifyDockerArgs(['context', 'use', 'staging']), { ...base, DOCKER_CONTEXT: 'prod-eu' }, defaultGuardSettings);
    assert.equal(use.context?.name, 'staging');
    assert.deepEqual(await resolveCommandTarget(classifyDockerArgs(['context', 'create', 'fresh']), base, defaultGuardSettings), {});
    assert.deepEqual(
      await resolveCommandTarget(classifyDockerArgs(['login', 'registry.example']), { ...base, DOCKER_CONTEXT: 'prod-eu' }, defaultGuardSettings),
      {},
    );
  });
});
