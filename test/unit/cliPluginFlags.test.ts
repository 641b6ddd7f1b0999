/**
 * The CLI as a Docker CLI plugin, given docker's global flags (`docker --context X guard ls`,
 * `docker --config DIR guard …`, `docker -H … guard …`): installed in temp DOCKER_CONFIGs and run
 * by the real docker, which hands the plugin its whole command line. For each flag combination
 * and environment, the real docker is the oracle: `docker … context ls` says which context is
 * current and where each one points; `guard ls`, `guard classify` and `guard exec` must agree.
 */
import * as assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import * as path from 'node:path';

import { cliPath } from '../support/repoPaths';
import { runProcess } from '../support/runProcess';
import { useTempDirs } from '../support/tempDir';

interface DockerListed {
  Name: string;
  Current: boolean;
  DockerEndpoint: string;
  Error: string;
}

interface GuardListed {
  name: string;
  current: boolean;
  host: string;
  error: string | null;
}

describe("CLI as a Docker CLI plugin, with docker's global flags (real docker as the oracle)", function () {
  this.timeout(300_000);
  const tempDir = useTempDirs('plugin-flags');
  let home: string;
  let other: string;

  const docker = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = await runProcess('docker', args, { env: { ...process.env, HOME: home, DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_CONFIG: '', ...env } });
    return { ...result, args };
  };
  const ok = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = await docker(args, env);
    assert.equal(result.code, 0, `docker ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  before(async () => {
    home = await tempDir();
    other = await tempDir();
    // ~/.docker, and another config dir that only --config reaches; the plugin in both, as docker looks in the one it uses.
    for (const config of [path.join(home, '.docker'), other]) {
      await mkdir(path.join(config, 'cli-plugins'), { recursive: true });
      await symlink(cliPath, path.join(config, 'cli-plugins', 'docker-guard'));
    }
    await ok(['context', 'create', 'ctx1', '--docker', 'host=unix:///tmp/dcg-a.sock']);
    await ok(['context', 'create', 'prod-eu', '--docker', 'host=tcp://127.0.0.1:7']);
    await ok(['context', 'use', 'ctx1']);
    await ok(['--config', other, 'context', 'create', 'other', '--docker', 'host=unix:///tmp/dcg-b.sock']);
  });

  const flagSets = (): string[][] => [
    [],
    ['--context', 'prod-eu'],
    ['--context=default'],
    ['-c', 'nope'],
    ['-cctx1', '-D'],
    ['-H', 'unix:///tmp/dcg-h.sock'],
    ['--host=tcp://127.0.0.1:9', '-l', 'error'],
    ['--config', other],
    ['--config', other, '-c', 'other'],
    ['--config', other, '-H', 'tcp://127.0.0.1:9'],
    ['-D', '--config', other, '--context', 'default'],
  ];
  const environments: NodeJS.ProcessEnv[] = [{}, { DOCKER_HOST: 'tcp://127.0.0.1:7' }, { DOCKER_CONTEXT: 'prod-eu' }];

  /** The stored context (not default) whose endpoint is `host`, as `docker context ls` lists them. */
  const storedContextAt = async (flags: string[], env: NodeJS.ProcessEnv, host: string) =>
    (await ok([...flags, 'context', 'ls', '--format', 'json'], env))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as DockerListed)
      .find((listed) => listed.Name !== 'default' && listed.DockerEndpoint === host)?.Name;

  for (const env of environments) {
    describe(`with ${JSON.stringify(env)}`, () => {
      it('`docker FLAGS guard ls --json` lists what `docker FLAGS context ls` lists, with the same current context', async () => {
        for (const flags of flagSets()) {
          const [theirs, ours] = await Promise.all([ok([...flags, 'context', 'ls', '--format', 'json'], env), ok([...flags, 'guard', 'ls', '--json'], env)]);
          const expected = theirs
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as DockerListed);
          const listed = JSON.parse(ours) as GuardListed[];
          const label = `docker ${flags.join(' ')} (${JSON.stringify(env)})`;
          assert.deepEqual(
            listed.map(({ name, current }) => ({ name, current })),
            expected.map(({ Name, Current }) => ({ name: Name, current: Current })),
            label,
          );
          for (const context of expected.filter((candidate) => !candidate.Error)) {
            assert.equal(listed.find((candidate) => candidate.name === context.Name)?.host, context.DockerEndpoint, `${label}: ${context.Name}`);
          }
          assert.equal(
            listed.some((context) => context.error),
            expected.some((context) => context.Error),
            label,
          );
        }
      });

      // (The slowest check: three Node starts per flag set. DOCKER_CONTEXT is the list's to weigh.)
      if (env.DOCKER_CONTEXT) return;
      it('`guard classify` weighs the context docker picks, and `guard exec` runs docker with the same flags', async () => {
        for (const flags of flagSets()) {
          const [shown, classified, executed] = await Promise.all([
            ok([...flags, 'context', 'show'], env),
            ok([...flags, 'guard', 'classify', '--', 'rm', 'web'], env),
            ok([...flags, 'guard', 'exec', '--', 'context', 'show'], env),
          ]);
          const label = `docker ${flags.join(' ')} (${JSON.stringify(env)})`;
          assert.equal(executed, shown, label);
          const { context, host, error } = JSON.parse(classified) as { context: string | null; host: string | null; error?: string };
          if (error) {
            assert.match(error, new RegExp(`"${shown.trim()}" does not exist`), label);
            continue;
          }
          const inspected = JSON.parse(await ok([...flags, 'context', 'inspect'], env)) as { Endpoints: { docker: { Host: string } } }[];
          const dialled = inspected[0].Endpoints.docker.Host;
          // The default context at a stored context's endpoint is weighed as that context (dockerTarget.ts).
          const stored = shown.trim() === 'default' ? await storedContextAt(flags, env, dialled) : undefined;
          assert.equal(context, stored ?? shown.trim(), label);
          assert.equal(host, dialled, label);
        }
      });
    });
  }

  it('`docker --config DIR guard use NAME` switches the context of that config dir, as `docker --config DIR context use` does', async () => {
    await ok(['--config', other, 'guard', 'use', 'other']);
    assert.equal((await ok(['--config', other, 'context', 'show'])).trim(), 'other');
    assert.equal((await ok(['context', 'show'])).trim(), 'ctx1');
    await ok(['--config', other, 'guard', 'use', 'default']);
    assert.equal((await ok(['--config', other, 'context', 'show'])).trim(), 'default');
  });

  it('`docker -H ADDR guard inspect default` shows the default context at that address, as `docker -H ADDR context inspect default` does', async () => {
    const flags = ['-H', 'tcp://127.0.0.1:9'];
    const inspected = JSON.parse(await ok([...flags, 'context', 'inspect', 'default'])) as { Endpoints: { docker: { Host: string } } }[];
    const ours = JSON.parse(await ok([...flags, 'guard', 'inspect', 'default'])) as GuardListed;
    assert.equal(ours.host, inspected[0].Endpoints.docker.Host);
    assert.equal(ours.current, true);
  });
});
