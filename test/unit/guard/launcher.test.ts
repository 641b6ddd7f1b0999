/**
 * The `docker` launcher (media/shim/docker) and the guard behind it, with a stand-in for the
 * real docker that reports what it was given: reads go straight through without Node, argv and
 * environment reach docker exactly, a guarded command without a terminal is refused, the exit
 * status and signals pass through, and a launcher never runs itself. Run by each shell on this
 * machine (sh, bash; zsh and fish when installed). The real engines: test/engines/terminalGuard.test.ts.
 */
import * as assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

import { launcherMarker } from '../../../src/core/terminal/realDocker';
import { environmentBeforeLauncher } from '../../../src/core/terminal/shimEnvironment';
import { cliPath, repoRoot } from '../../support/repoPaths';
import { findCommand } from '../../support/systemDeps';
import { useTempDirs } from '../../support/tempDir';
import { runWithoutTerminal, startWithoutTerminal } from './terminalProcess';

const launcherDir = path.join(repoRoot, 'media', 'shim');

/** Prints its argv (one bracketed word each) and the Node variables it got; `trap` and `die` test signals. */
const fakeDocker = `#!/bin/sh
printf 'fake docker:'; for word in "$@"; do printf ' [%s]' "$word"; done; printf '\\n'
printf 'NODE_OPTIONS=%s ELECTRON_RUN_AS_NODE=%s\\n' "\${NODE_OPTIONS-unset}" "\${ELECTRON_RUN_AS_NODE-unset}"
case $1 in
  trap) trap 'echo got TERM; exit 42' TERM; echo ready; while :; do sleep 0.1; done ;;
  die) kill -TERM $$ ;;
esac
exit "\${FAKE_EXIT:-0}"
`;

// sh and bash always (a machine without them fails these tests); zsh and fish where installed.
const shells = ['sh', 'bash', ...['zsh', 'fish'].filter((shell) => findCommand(shell) !== undefined)];

describe('docker launcher and terminal guard (stand-in docker)', () => {
  const tempDir = useTempDirs('launcher');
  let fakeDir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    fakeDir = await tempDir();
    await writeFile(path.join(fakeDir, 'docker'), fakeDocker);
    await chmod(path.join(fakeDir, 'docker'), 0o755);
    env = {
      PATH: [launcherDir, fakeDir, path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
      HOME: await tempDir(),
      DOCKER_CONFIG: await tempDir(),
      DOCKER_CONTEXT_GUARD_NODE: process.execPath,
      // A local engine: nothing is guarded unless a case says otherwise.
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    };
  });

  /** `docker ARGS…` typed in `shell`: the shell finds `docker` on PATH, as in a terminal. */
  const typed = (shell: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runWithoutTerminal(shell, shell === 'fish' ? ['-c', 'docker $argv', ...args] : ['-c', 'docker "$@"', 'sh', ...args], { ...env, ...extra });

  for (const shell of shells) {
    describe(`under ${shell}`, () => {
      it('reads go straight to the real docker, without starting Node', async () => {
        const result = await typed(shell, ['ps', '-a', '--format', '{{.Names}}'], { DOCKER_CONTEXT_GUARD_NODE: '/nonexistent/node' });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^fake docker: \[ps\] \[-a\] \[--format\] \[\{\{\.Names\}\}\]$/m);
      });

      it('so do reads after global flags, and management forms', async () => {
        const result = await typed(shell, ['--context', 'two words', '-D', 'container', 'ls', '-a'], { DOCKER_CONTEXT_GUARD_NODE: '/nonexistent/node' });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^fake docker: \[--context\] \[two words\] \[-D\] \[container\] \[ls\] \[-a\]$/m);
      });

      it("other commands pass through the guard with the exact argv and the shell's Node variables", async () => {
        const result = await typed(shell, ['rm', '-f', 'two words', '', '--', '-x'], { NODE_OPTIONS: '--no-such-node-option', FAKE_EXIT: '7' });
        assert.equal(result.code, 7, result.stderr);
        assert.equal(result.stdout, 'fake docker: [rm] [-f] [two words] [] [--] [-x]\nNODE_OPTIONS=--no-such-node-option ELECTRON_RUN_AS_NODE=unset\n');
      });

      it('a guarded command without a terminal is refused with one line, and docker never runs', async () => {
        const result = await typed(shell, ['rm', '-f', 'web'], { DOCKER_HOST: 'tcp://127.0.0.1:9' });
        assert.equal(result.code, 3);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, /refused container rm --force web on "default" \(development, tcp:\/\/127\.0\.0\.1:9\).*DOCKER_GUARD_CONFIRM=default/);
      });
    });
  }

  it('DOCKER_GUARD_CONFIRM naming the context lets it through; naming another does not', async () => {
    const remote = { DOCKER_HOST: 'tcp://127.0.0.1:9' };
    const confirmed = await typed('sh', ['rm', 'web'], { ...remote, DOCKER_GUARD_CONFIRM: 'default' });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /fake docker: \[rm\] \[web\]/);
    const other = await typed('sh', ['rm', 'web'], { ...remote, DOCKER_GUARD_CONFIRM: 'prod-eu' });
    assert.equal(other.code, 3);
    assert.match(other.stderr, /\(it is "prod-eu"\)/);
  });

  it("passes a signal sent to the guard on to docker, and docker's exit status back", async () => {
    const run = startWithoutTerminal('sh', ['-c', 'exec docker trap'], env);
    await run.output(/ready/);
    run.child.kill('SIGTERM');
    const result = await run.finished;
    assert.equal(result.code, 42, result.stderr);
    assert.match(result.stdout, /got TERM/);
  });

  it('dies of the signal docker died of', async () => {
    const result = await runWithoutTerminal('sh', ['-c', 'exec docker die'], env);
    assert.equal(result.signal, 'SIGTERM', JSON.stringify(result));
  });

  it('never runs itself: another copy of the launcher further down PATH is skipped too', async () => {
    const copyDir = await tempDir();
    await mkdir(path.join(copyDir, 'media', 'shim'), { recursive: true });
    await copyFile(path.join(launcherDir, 'docker'), path.join(copyDir, 'media', 'shim', 'docker'));
    await chmod(path.join(copyDir, 'media', 'shim', 'docker'), 0o755);
    const PATH = [launcherDir, path.join(copyDir, 'media', 'shim'), launcherDir, fakeDir, '/usr/bin', '/bin'].join(':');
    for (const args of [['ps'], ['rm', 'x']]) {
      const result = await typed('sh', args, { PATH });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.match(/fake docker/g)?.length, 1);
    }
  });

  it('says so when there is no docker, or no Node for a command that needs the guard', async () => {
    const noDocker = await typed('/bin/sh', ['ps'], { PATH: launcherDir });
    assert.equal(noDocker.code, 127);
    assert.match(noDocker.stderr, /found no docker on PATH/);
    const noNode = await typed('sh', ['rm', 'x'], { DOCKER_CONTEXT_GUARD_NODE: '/nonexistent/node' });
    assert.equal(noNode.code, 127);
    assert.equal(noNode.stdout, '');
    assert.match(noNode.stderr, /cannot run the guard: "\/nonexistent\/node" not found.*nothing was run/);
  });

  it("the CLI's exec does what the launcher does", async () => {
    const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runWithoutTerminal(process.execPath, [cliPath, 'exec', '--', ...args], { ...env, ...extra });
    const passed = await cli(['rm', '-f', 'two words'], { FAKE_EXIT: '5' });
    assert.equal(passed.code, 5, passed.stderr);
    assert.match(passed.stdout, /fake docker: \[rm\] \[-f\] \[two words\]/);
    // Not a prune: the stand-in's answer to the guard's listing would become the list of targets.
    const refused = await cli(['--context', 'default', 'container', 'kill', 'web'], { DOCKER_HOST: 'tcp://127.0.0.1:9' });
    assert.equal(refused.code, 3);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /refused container kill web on "default"/);
  });

  it('every launcher carries the marker that tells the guard it is not the real docker', async () => {
    for (const file of ['docker', 'docker.cmd']) {
      const head = (await readFile(path.join(launcherDir, file), 'latin1')).slice(0, 512);
      assert.ok(head.includes(launcherMarker), file);
    }
  });

  it('gives docker back the environment the shell had', () => {
    const launched = {
      PATH: '/bin',
      ELECTRON_RUN_AS_NODE: '1',
      DOCKER_CONTEXT_GUARD_SAVED_NODE_OPTIONS: '--inspect',
      DOCKER_CONTEXT_GUARD_SAVED_ELECTRON_RUN_AS_NODE: 'yes',
    };
    assert.deepEqual(environmentBeforeLauncher(launched), { PATH: '/bin', NODE_OPTIONS: '--inspect', ELECTRON_RUN_AS_NODE: 'yes' });
    assert.deepEqual(environmentBeforeLauncher({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }), { PATH: '/bin' });
  });
});
