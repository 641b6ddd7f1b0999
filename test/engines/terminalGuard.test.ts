/**
 * The terminal guard against the real engines: a production context `prod-eu` and a remote
 * development one `edge` on the TLS engine, a local `laptop` on the unix-socket engine. A
 * destroy on a guarded engine is refused without a terminal (and the container is still there),
 * goes ahead with DOCKER_GUARD_CONFIRM, and is asked for on a real pseudo-terminal (no keeps
 * the container, yes or the typed name removes it); the local engine is never asked about.
 * Output, exit status and signals pass through; the audit log holds the right lines and no secret.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

import type { AuditRecord } from '../../src/core/audit/auditRecord';
import { ContextStore } from '../../src/core/contexts/contextStore';
import { defaultGuardSettings } from '../../src/core/guard/guardPolicy';
import { guardSettingsToEnv } from '../../src/core/guard/guardSettingsEnv';
import { sharedEnv } from '../../src/core/sharedEnvironment';
import { dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { cliPath, repoRoot } from '../support/repoPaths';
import { ensureSystemPackages } from '../support/systemDeps';
import { useTempDirs } from '../support/tempDir';
import { runOnTerminal, runWithoutTerminal, startWithoutTerminal } from '../unit/guard/terminalProcess';

const launcherDir = path.join(repoRoot, 'media', 'shim');
const sleeper = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

describe('terminal guard (real engines)', function () {
  this.timeout(60_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('terminal-guard');
  let env: NodeJS.ProcessEnv;
  let auditFile: string;
  let docker: ReturnType<typeof dockerCli>;
  let containerCount = 0;
  const made: [string, string][] = [];

  before(async () => {
    await ensureSystemPackages([{ command: 'python3', pkg: 'python3' }]);
    const configDir = await tempDir();
    auditFile = path.join(await tempDir(), 'audit', 'audit.jsonl');
    docker = dockerCli(configDir);
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    const tls = `ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`;
    await docker.ok('context', 'create', 'prod-eu', '--docker', `host=${info.tls.host},${tls}`);
    await docker.ok('context', 'create', 'edge', '--docker', `host=${info.tls.host},${tls}`);
    await docker.ok('context', 'create', 'laptop', '--docker', `host=${info.local.host}`);
    env = {
      ...process.env,
      PATH: `${launcherDir}:${process.env.PATH}`,
      DOCKER_CONFIG: configDir,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      DOCKER_GUARD_CONFIRM: '',
      DOCKER_CONTEXT_GUARD_NODE: process.execPath,
      [sharedEnv.auditLog]: auditFile,
      // The confirmations of the typed-name mode; read-only production (the default) is elevation.test.ts's.
      [sharedEnv.guardSettings]: guardSettingsToEnv({ ...defaultGuardSettings, production: 'typeName' }),
    };
  });

  after(async () => {
    await Promise.all(made.map(([context, name]) => docker.run('--context', context, 'rm', '-f', name)));
  });

  /** A running container on `context`, named uniquely. */
  async function container(context: string): Promise<string> {
    const name = `dcg-guard-${++containerCount}`;
    made.push([context, name]);
    await docker.ok('--context', context, 'run', '-d', '--name', name, info.image, ...sleeper);
    return name;
  }

  const exists = async (context: string, name: string) => (await docker.run('--context', context, 'inspect', name)).code === 0;
  const exec = (args: string[], extra: NodeJS.ProcessEnv = {}) => runWithoutTerminal(process.execPath, [cliPath, 'exec', '--', ...args], { ...env, ...extra });
  const auditLines = async () =>
    (await readFile(auditFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord);
  /** The audit records appended while `action` ran. */
  async function audited(action: () => Promise<void>): Promise<AuditRecord[]> {
    const before = (await auditLines()).length;
    await action();
    return (await auditLines()).slice(before);
  }

  it('refuses a destroy on production without a terminal: one line, non-zero, the container stays', async () => {
    const name = await container('prod-eu');
    const lines = await audited(async () => {
      const result = await exec(['--context', 'prod-eu', 'rm', '-f', name]);
      assert.equal(result.code, 3);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`refused container rm --force ${name} on "prod-eu" \\(production, ${info.tls.host}\\).*DOCKER_GUARD_CONFIRM=prod-eu`),
      );
    });
    assert.ok(await exists('prod-eu', name));
    assert.deepEqual(
      lines.map((line) => [line.context, line.endpoint, line.tier, line.source, line.operation, line.class, line.targets, line.outcome]),
      [['prod-eu', info.tls.host, 'production', 'terminal', 'container rm --force', 'destroy', [name], 'declined']],
    );
  });

  it('runs it with DOCKER_GUARD_CONFIRM=prod-eu, and logs it', async () => {
    const name = await container('prod-eu');
    const lines = await audited(async () => {
      const result = await exec(['--context', 'prod-eu', 'rm', '-f', name], { DOCKER_GUARD_CONFIRM: 'prod-eu' });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), name);
    });
    assert.equal(await exists('prod-eu', name), false);
    assert.deepEqual(
      lines.map((line) => [line.context, line.targets, line.outcome, line.confirmedBy]),
      [['prod-eu', [name], 'done', 'environment']],
    );
  });

  it('runs the same on the local engine without asking, and logs nothing', async () => {
    const name = await container('laptop');
    const lines = await audited(async () => {
      const result = await exec(['--context', 'laptop', 'rm', '-f', name]);
      assert.equal(result.code, 0, result.stderr);
    });
    assert.equal(await exists('laptop', name), false);
    assert.deepEqual(lines, []);
  });

  it('lists what a prune on a remote engine would remove before refusing it, and refuses a prune that lists nothing too', async () => {
    const name = await container('edge');
    await docker.ok('--context', 'edge', 'stop', name);
    const refused = await exec(['--context', 'edge', 'container', 'prune', '--force']);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, new RegExp(`refused container prune .*container ${name}\\b`));
    assert.ok(await exists('edge', name), 'nothing was pruned');
    // No custom network exists on that engine: the listing is empty, but the engine decides, so it is asked all the same.
    const nothing = await exec(['--context', 'edge', 'network', 'prune', '--force']);
    assert.equal(nothing.code, 3, nothing.stderr);
    assert.match(nothing.stderr, /refused network prune on "edge"/);
    // system prune names the build cache, which no listing shows.
    const system = await exec(['--context', 'edge', 'system', 'prune', '--force']);
    assert.equal(system.code, 3, system.stderr);
    assert.match(system.stderr, /refused system prune .*build cache/);
  });

  describe('on a terminal', () => {
    const onTerminal = (command: string, answer: [string, string]) => runOnTerminal(['bash', '-c', command], [answer], env);

    it('DOCKER_GUARD_CONFIRM left exported in an interactive shell approves nothing: the person is asked', async () => {
      const name = await container('edge');
      const declined = await onTerminal(`export DOCKER_GUARD_CONFIRM=edge; docker --context edge rm -f ${name}`, ['[y/N]', 'n\n']);
      assert.equal(declined.status, 3, declined.screen);
      assert.match(declined.screen, /DOCKER_GUARD_CONFIRM is set, but counts only where no one can be asked/);
      assert.ok(await exists('edge', name), 'the container was removed without an answer');
    });

    it('y/N on a remote engine: n keeps the container, y removes it', async () => {
      const name = await container('edge');
      const lines = await audited(async () => {
        const declined = await onTerminal(`docker --context edge stop -t 1 ${name}`, ['[y/N]', 'n\n']);
        assert.equal(declined.status, 3, declined.screen);
        assert.match(declined.screen, new RegExp(`container stop ${name} on "edge" \\(development, ${info.tls.host}\\)`));
        assert.match(declined.screen, /Cancelled: nothing was sent to "edge"/);
        assert.ok(await exists('edge', name));
        // stdin is a pipe here: the question still comes from, and is answered on, the terminal.
        const accepted = await onTerminal(`echo y-from-the-pipe | docker --context edge rm -f ${name}`, ['[y/N]', 'y\n']);
        assert.equal(accepted.status, 0, accepted.screen);
      });
      assert.equal(await exists('edge', name), false);
      assert.deepEqual(
        lines.map((line) => [line.operation, line.outcome, line.confirmedBy]),
        [
          ['container stop', 'declined', undefined],
          ['container rm --force', 'done', 'answer'],
        ],
      );
    });

    it('production wants the name typed: y is not enough, the name is', async () => {
      const name = await container('prod-eu');
      const declined = await onTerminal(`docker --context prod-eu rm -f ${name}`, ['Type its name', 'y\n']);
      assert.equal(declined.status, 3, declined.screen);
      assert.ok(await exists('prod-eu', name));
      const typed = await onTerminal(`docker --context prod-eu rm -f ${name}`, ['Type its name', 'prod-eu\n']);
      assert.equal(typed.status, 0, typed.screen);
      assert.equal(await exists('prod-eu', name), false);
      assert.equal((await auditLines()).at(-1)?.confirmedBy, 'typedName');
    });
  });

  it('passes stdout and the exit status through unchanged', async () => {
    const result = await exec(['--context', 'laptop', 'run', '--rm', info.image, 'sh', '-c', 'echo hi; exit 7']);
    assert.deepEqual([result.code, result.stdout], [7, 'hi\n']);
    const remote = await exec(['--context', 'prod-eu', 'run', '--rm', info.image, 'sh', '-c', 'echo there; exit 5'], { DOCKER_GUARD_CONFIRM: 'prod-eu' });
    assert.deepEqual([remote.code, remote.stdout], [5, 'there\n']);
    assert.equal((await auditLines()).at(-1)?.error, 'docker exited with status 5');
  });

  it('passes a signal sent to the guard on to docker (and docker to the container)', async () => {
    const script = 'trap "echo got-term; exit 0" TERM; echo ready; sleep 3600 & wait';
    const name = `dcg-guard-signal-${++containerCount}`;
    made.push(['laptop', name]);
    const run = startWithoutTerminal(
      process.execPath,
      [cliPath, 'exec', '--', '--context', 'laptop', 'run', '--rm', '--name', name, info.image, 'sh', '-c', script],
      env,
    );
    await run.output(/ready/);
    run.child.kill('SIGTERM');
    const result = await run.finished;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /got-term/);
  });

  it('keeps secrets out of the audit log', async () => {
    const result = await exec(['--context', 'prod-eu', 'run', '--rm', '-e', 'TOKEN=s3cr3t-value', info.image, 'sh', '-c', 'echo $TOKEN'], {
      DOCKER_GUARD_CONFIRM: 'prod-eu',
    });
    assert.deepEqual([result.code, result.stdout], [0, 's3cr3t-value\n']);
    const last = (await auditLines()).at(-1)!;
    assert.deepEqual([last.operation, last.targets, last.outcome], ['container run', [info.image], 'done']);
    assert.ok(!(await readFile(auditFile, 'utf8')).includes('s3cr3t'));
  });

  it('says so when the context keeps its keys in SecretStorage, where docker cannot reach them', async () => {
    await docker.ok('context', 'create', 'vault', '--docker', `host=${info.tls.host}`);
    await new ContextStore(env.DOCKER_CONFIG!, {}).setKeysLocation('vault', 'secretStorage');
    const result = await exec(['--context', 'vault', 'rm', '-f', 'nothing-here'], { DOCKER_GUARD_CONFIRM: 'vault' });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /"vault" keeps its TLS keys in VS Code's SecretStorage.*Export Keys to Docker CLI/);
  });

  it('the launcher sends reads after global flags, and management forms, to the engine without Node, as docker prints them', async () => {
    const name = await container('prod-eu');
    const withoutNode = { ...env, DOCKER_CONTEXT_GUARD_NODE: '/nonexistent/node' };
    const reads = [
      ['--context', 'prod-eu', 'ps', '--format', '{{.Names}}'],
      ['-c=prod-eu', '-D', 'container', 'ls', '--format', '{{.Names}}'],
      ['--context=prod-eu', 'container', 'inspect', '--format', '{{.State.Running}}', name],
      ['-l', 'error', '--context', 'laptop', 'image', 'ls', '--format', '{{.Repository}}'],
    ];
    for (const args of reads) {
      const [through, direct] = await Promise.all([runWithoutTerminal('sh', ['-c', 'docker "$@"', 'sh', ...args], withoutNode), docker.run(...args)]);
      assert.equal(direct.code, 0, direct.stderr);
      assert.deepEqual([through.code, through.stdout], [0, direct.stdout], args.join(' '));
    }
    const refused = await runWithoutTerminal('sh', ['-c', 'docker "$@"', 'sh', '-c=prod-eu', '-D', 'container', 'rm', '-f', name], env);
    assert.equal(refused.code, 3, refused.stderr);
    assert.ok(await exists('prod-eu', name));
  });

  for (const shell of ['bash', 'sh']) {
    it(`the launcher under ${shell}: a read goes through, a destroy without a terminal is refused`, async () => {
      const name = await container('prod-eu');
      const typed = (command: string) => runWithoutTerminal(shell, ['-c', command], { ...env, DOCKER_CONTEXT: 'prod-eu' });
      const read = await typed('docker ps --format "{{.Names}}"');
      assert.equal(read.code, 0, read.stderr);
      assert.match(read.stdout, new RegExp(`^${name}$`, 'm'));
      const flagged = await typed('docker --context prod-eu inspect --format "{{.State.Running}}" ' + name);
      assert.deepEqual([flagged.code, flagged.stdout], [0, 'true\n']);
      const refused = await typed(`docker rm -f ${name}`);
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /refused container rm --force .* on "prod-eu"/);
      assert.ok(await exists('prod-eu', name));
    });
  }
});
