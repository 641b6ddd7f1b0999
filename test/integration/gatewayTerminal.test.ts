/**
 * The engine gateway from VS Code's integrated terminals, in the real VS Code against the
 * harness's TLS engine: a context whose keys were moved to SecretStorage (no key file left) is
 * used by `docker` in a shell terminal through the gateway, and no copy of its private key is
 * written anywhere; a guarded `docker rm` there is asked with the extension's own question, and
 * declining leaves the container; "Allow changes on CONTEXT for N minutes" makes one command of
 * several removals one question, audited as such and shown in the status bar's tooltip; and
 * Open Terminal on Context binds a terminal, named and coloured by tier, to the context's socket.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import { gatewayDockerHost, gatewaySocketPath } from '../../src/core/gateway/gatewaySockets';
import type { ExtensionApi } from '../../src/extension';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { runProcess } from '../support/runProcess';

const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

/** Every file under `dir` changed since `since` (ms), skipping what cannot be read; asynchronous, so the extension host (and its gateway) keeps answering. */
async function filesChangedSince(dir: string, since: number, depth = 6): Promise<string[]> {
  if (depth < 0) return [];
  const found: string[] = [];
  // One at a time: no burst of open folders that could run out of file descriptors and skip some.
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, entry);
    const stat = await lstat(file).catch(() => undefined);
    if (stat?.isDirectory()) found.push(...(await filesChangedSince(file, since, depth - 1)));
    else if (stat?.isFile() && stat.mtimeMs >= since && stat.size < 4_000_000) found.push(file);
  }
  return found;
}

describe('engine gateway: integrated terminals', function () {
  this.timeout(120_000);
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const onTls = (...args: string[]) => docker.ok(...dockerArgs(info, 'tls'), ...args);
  const existsOnTls = async (name: string) => (await docker.run(...dockerArgs(info, 'tls'), 'inspect', name)).code === 0;
  const name = 'gw-keys';
  const sshName = 'gw-ssh';
  const containers = ['gw-kept', 'gw-one', 'gw-two'];
  const started = Date.now();
  let api: ExtensionApi;
  let shell: vscode.Terminal;
  const opened: vscode.Terminal[] = [];
  let run = 0;

  const context = async () => ((await api.tree.getChildren()) as ListedContext[]).find((candidate) => candidate.name === name)!;

  /** Runs `command` (one simple command: a shell's own hooks print inside a group) in `terminal` and resolves what it printed and its exit status. */
  async function inTerminal(terminal: vscode.Terminal, command: string): Promise<{ status: number; out: string; err: string }> {
    const base = path.join(info.root, `gw-terminal-${++run}`);
    terminal.sendText(`${command} > ${base}.out 2> ${base}.err; echo $? > ${base}.tmp && mv ${base}.tmp ${base}.rc`);
    await eventually(() => existsSync(`${base}.rc`), Boolean, `"${command}" to finish`, 60_000);
    const read = (suffix: string) => readFileSync(`${base}.${suffix}`, 'utf8').trim();
    return { status: Number(read('rc')), out: read('out'), err: read('err') };
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', name, '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', sshName, '--docker', `host=${info.ssh.host}`);
    for (const container of containers) await onTls('run', '-d', '--name', container, info.image, ...serve);
    await api.contexts.refresh();
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Delete Files' }]);
    await vscode.commands.executeCommand('dockerContextGuard.moveKeysToSecretStorage', await context());
    assert.equal((await context()).keysInSecretStorage, true);
    shell = vscode.window.createTerminal({ name: 'gw-shell', shellPath: '/bin/sh' });
    opened.push(shell);
    await eventually(
      () => api.testing!.gateway.contexts(),
      (served) => served.includes(name),
      'the gateway to serve the context',
      10_000,
    );
  });

  after(async () => {
    for (const terminal of opened) terminal.dispose();
    for (const container of containers) await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', container);
    for (const stored of [name, sshName]) await docker.run('context', 'rm', '-f', stored);
    for (const file of readdirSync(info.root).filter((entry) => entry.startsWith('gw-'))) rmSync(path.join(info.root, file), { recursive: true });
  });

  it('docker in a terminal uses a context whose keys are in SecretStorage, through the gateway, and no key is written anywhere', async () => {
    assert.notEqual((await docker.run('--context', name, 'ps')).code, 0, 'outside the gateway, the docker CLI has no keys');
    const byFlag = await inTerminal(shell, `docker --context ${name} ps -a --format '{{.Names}}'`);
    assert.equal(byFlag.status, 0, byFlag.err);
    assert.deepEqual(
      byFlag.out
        .split('\n')
        .filter((line) => containers.includes(line))
        .sort(),
      [...containers].sort(),
    );
    const byVariable = await inTerminal(shell, `DOCKER_CONTEXT=${name} docker container ls --filter name=gw-kept --format '{{.Names}}'`);
    assert.deepEqual([byVariable.status, byVariable.out], [0, 'gw-kept'], byVariable.err);
    // `docker context ls` prints what it always printed: the store's endpoint, not the socket.
    const listed = await inTerminal(shell, `docker context ls --format '{{.Name}} {{.DockerEndpoint}}'`);
    assert.match(listed.out, new RegExp(`^${name} ${info.tls.host.replace(/[.]/g, '\\.')}$`, 'm'));

    const key = readFileSync(path.join(info.tls.clientDir, 'key.pem'), 'utf8');
    const body = key.split('\n').find((line) => line.length >= 60 && !line.startsWith('-----'));
    assert.ok(body, 'the client key has a base64 body');
    const own = path.resolve(info.tls.clientDir);
    const dirs = [info.home, info.dockerConfig, os.tmpdir(), api.testing!.gateway.directory];
    const scanned = (await Promise.all(dirs.map((dir) => filesChangedSince(dir, started - 60_000)))).flat();
    const copies: string[] = [];
    for (const file of scanned.filter((candidate) => !path.resolve(candidate).startsWith(own + path.sep))) {
      // A file gone since it was listed holds nothing now.
      if ((await readFile(file, 'latin1').catch(() => '')).includes(body)) copies.push(file);
    }
    assert.deepEqual(copies, [], 'no file holds the private key');
    assert.ok(scanned.length > 0, 'the scan read files');
  });

  it('docker in a terminal reaches an SSH context over the extension’s pooled connection, without an ssh of its own', async () => {
    await eventually(
      () => api.testing!.gateway.contexts(),
      (served) => served.includes(sshName),
      'the gateway to serve the SSH context',
      10_000,
    );
    // A PATH with docker and nothing else: a docker that dials ssh:// itself finds no ssh to run.
    const bin = path.join(info.root, 'gw-docker-only');
    mkdirSync(bin, { recursive: true });
    const realDocker = (await runProcess('sh', ['-c', 'command -v docker'])).stdout.trim();
    if (!existsSync(path.join(bin, 'docker'))) symlinkSync(realDocker, path.join(bin, 'docker'));
    const launcherDir = path.join(vscode.extensions.getExtension('docker-context-guard.docker-context-guard')!.extensionPath, 'media', 'shim');
    const onlyDocker = `PATH=${launcherDir}:${bin}`;
    const expected = (await docker.ok('--context', sshName, 'info', '--format', '{{.ID}}')).trim();
    const routed = await inTerminal(shell, `${onlyDocker} docker --context ${sshName} info --format '{{.ID}}'`);
    assert.deepEqual([routed.status, routed.out], [0, expected], routed.err);
    const direct = await inTerminal(shell, `${onlyDocker} DOCKER_CONTEXT_GUARD_GATEWAY_DIR= docker --context ${sshName} info --format '{{.ID}}'`);
    assert.notEqual(direct.status, 0, 'without the gateway, docker finds no ssh on that PATH: the test proves the route');
  });

  it('a guarded docker rm in a terminal is asked with the extension’s question; declining leaves the container', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: undefined }]);
    const before = api.testing!.asked.length;
    const result = await inTerminal(shell, `docker --context ${name} rm gw-kept`);
    const questions = api.testing!.asked.slice(before);
    assert.equal(questions.length, 1, JSON.stringify(questions));
    assert.match(questions[0].title, /^Remove gw-kept on \w+ engine "gw-keys"\?/);
    assert.match(questions[0].detail ?? '', /Request: DELETE \/v[\d.]+\/containers\/gw-kept \(engine gateway\)/);
    assert.deepEqual(questions[0].choices, ['Remove', 'Allow changes on gw-keys for 10 minutes']);
    assert.notEqual(result.status, 0);
    assert.match(result.err, /Error response from daemon/);
    assert.equal(await existsOnTls('gw-kept'), true, 'declined: the container is still there');
  });

  it('"Allow changes on CONTEXT for N minutes" makes several removals one question, audited and shown', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Allow changes on gw-keys for 10 minutes' }]);
    const before = api.testing!.asked.length;
    const result = await inTerminal(shell, `docker --context ${name} rm -f gw-one gw-two`);
    assert.equal(result.status, 0, result.err);
    assert.equal(api.testing!.asked.length - before, 1, 'one question for two removals');
    assert.equal(await existsOnTls('gw-one'), false);
    assert.equal(await existsOnTls('gw-two'), false);
    const records = readFileSync(api.testing!.auditLogFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { context: string; source: string; targets: string[]; confirmedBy?: string; outcome: string })
      .filter((record) => record.context === name && record.source === 'gateway' && record.outcome === 'done');
    // docker removes both at once: whichever came first was asked, the other went ahead on the allowance.
    assert.deepEqual(records.flatMap((record) => record.targets).sort(), ['gw-one', 'gw-two']);
    assert.deepEqual(records.map((record) => record.confirmedBy).sort(), ['allowance', 'answer']);
    await eventually(
      () => api.statusBar.state.tooltip,
      (tooltip) => /Changes allowed without asking [^\n]*gw\\?-keys until/.test(tooltip),
      'the tooltip',
    );
  });

  it('Open Terminal on Context: a terminal named and coloured by tier, with DOCKER_HOST at the context’s gateway socket', async () => {
    const listed = await context();
    const terminal = (await vscode.commands.executeCommand('dockerContextGuard.openTerminal', listed)) as vscode.Terminal;
    opened.push(terminal);
    const options = terminal.creationOptions as vscode.TerminalOptions;
    const colours: Record<string, string> = {
      production: 'terminal.ansiRed',
      staging: 'terminal.ansiYellow',
      development: 'terminal.ansiBlue',
      local: 'terminal.ansiGreen',
    };
    assert.equal(terminal.name, `docker: ${name} (${listed.tier})`);
    assert.equal((options.color as { id?: string } | undefined)?.id, colours[listed.tier]);
    const socket = gatewaySocketPath(api.testing!.gateway.directory, name);
    assert.equal(options.env?.DOCKER_HOST, gatewayDockerHost(socket));
    assert.equal((await inTerminal(terminal, 'printenv DOCKER_HOST')).out, gatewayDockerHost(socket));
    const ps = await inTerminal(terminal, `docker ps --filter name=gw-kept --format '{{.Names}}'`);
    assert.deepEqual([ps.status, ps.out], [0, 'gw-kept'], ps.err);
  });
});
