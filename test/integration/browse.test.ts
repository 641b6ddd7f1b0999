/**
 * Browsing an engine in the real VS Code, against the harness's mutual-TLS dockerd: below a
 * context the tree shows Containers (running first), Images, Volumes and Networks; Stop, Start,
 * Remove and Prune each go through the guard as ONE request naming their targets, and the real
 * engine (asked with the docker CLI) shows the result; an unreachable engine shows one message
 * node within the connect timeout.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { GuardRequest } from '../../src/core/guard/guard';
import type { ExtensionApi } from '../../src/extension';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { loadHarnessInfo } from '../support/harnessInfo';
import { freePort } from '../support/ports';

const extensionId = 'docker-context-guard.docker-context-guard';
const containers = ['dcg-web-1', 'dcg-web-2', 'dcg-done-1', 'dcg-done-2'];
/** Exits at once on SIGTERM, so a stop does not wait docker's 10 s before killing it. */
const serve = ['sh', '-c', 'echo serving; trap "exit 0" TERM; while :; do sleep 1; done'];

describe('browse: what runs on an engine, and actions through the guard', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const onTls = (...args: string[]) => docker.ok(...dockerArgs(info, 'tls'), ...args);
  let api: ExtensionApi;

  const childrenOf = async (element?: unknown) => (await api.tree.getChildren(element)) ?? [];
  const treeItem = async (element: unknown) => (await api.tree.getTreeItem(element)) as vscode.TreeItem;
  const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
  const iconOf = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon).id;
  const labels = async (elements: unknown[]) => Promise.all(elements.map(async (element) => labelOf(await treeItem(element))));

  async function contextNode(name: string): Promise<ListedContext> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const found = ((await childrenOf()) as ListedContext[]).find((context) => context.name === name);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the tree does not show context "${name}"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function child(parent: unknown, label: string): Promise<unknown> {
    const children = await childrenOf(parent);
    const index = (await labels(children)).indexOf(label);
    assert.ok(index >= 0, `no "${label}" below ${labelOf(await treeItem(parent))}: ${(await labels(children)).join(', ')}`);
    return children[index];
  }

  const containersGroup = async () => child(await contextNode('browse-tls'), 'Containers');
  const containerNode = async (name: string) => child(await containersGroup(), name);
  const isRunning = async (name: string) => (await onTls('inspect', '--format', '{{.State.Running}}', name)).trim() === 'true';
  const exists = async (name: string) => (await docker.run(...dockerArgs(info, 'tls'), 'inspect', name)).code === 0;

  /** Runs a tree command and returns the guard requests it made. */
  async function run(command: string, ...args: unknown[]): Promise<GuardRequest[]> {
    const before = api.engines.guard.recent.length;
    await vscode.commands.executeCommand(`dockerContextGuard.${command}`, ...args);
    return api.engines.guard.recent.slice(before);
  }

  /** Runs a destroying tree command, answering the guard's question on this remote engine with its verb (the button). */
  async function runConfirmed(button: string, command: string, ...args: unknown[]): Promise<GuardRequest[]> {
    api.testing!.scriptAnswers([{ kind: 'confirm', button }]);
    return run(command, ...args);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'browse-tls', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'browse-down', '--docker', `host=tcp://127.0.0.1:${await freePort()}`);
    await onTls('run', '-d', '--name', 'dcg-web-1', info.image, ...serve);
    await onTls('run', '-d', '--name', 'dcg-web-2', info.image, ...serve);
    await onTls('run', '--name', 'dcg-done-1', info.image, 'true');
  });

  after(async () => {
    for (const name of containers) await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', name);
    for (const name of ['browse-tls', 'browse-down']) await docker.run('context', 'rm', '-f', name);
  });

  it('shows the groups of a context, and its containers running first, with state and image', async () => {
    const context = await contextNode('browse-tls');
    assert.deepEqual(await labels(await childrenOf(context)), ['Containers', 'Images', 'Volumes', 'Networks']);
    const items = await Promise.all((await childrenOf(await containersGroup())).map(treeItem));
    // Other suites share the engine: look only at this suite's containers.
    const ours = items.filter((item) => containers.includes(labelOf(item)));
    assert.deepEqual(ours.map(labelOf), ['dcg-web-1', 'dcg-web-2', 'dcg-done-1']);
    assert.deepEqual(ours.map(iconOf), ['vm-running', 'vm-running', 'vm-outline']);
    assert.match(String(ours[0].description), /^busybox:latest · Up /);
    assert.match(String(ours[2].description), /^busybox:latest · Exited \(0\)/);
    assert.match(String(ours[0].contextValue), /\bcontainer\b.*\brunning\b/);
    assert.ok((await labels(await childrenOf(await child(context, 'Images')))).includes(info.image));
    assert.ok((await labels(await childrenOf(await child(context, 'Networks')))).includes('host'));
  });

  it('"Stop" goes through the guard as `container stop` (destroy), and the engine stops it', async () => {
    const requests = await runConfirmed('Stop', 'stopContainer', await containerNode('dcg-web-1'));
    assert.equal(requests.length, 1);
    assert.deepEqual(
      { ...requests[0], context: requests[0].context.name },
      { context: 'browse-tls', operation: 'container stop', operationClass: 'destroy', targets: ['dcg-web-1'], source: 'ui' },
    );
    assert.equal(await isRunning('dcg-web-1'), false);
    assert.equal(iconOf(await treeItem(await containerNode('dcg-web-1'))), 'vm-outline', 'the tree re-lists the context after the action');
  });

  it('"Start" is a `mutate` request, and the engine starts it', async () => {
    const requests = await run('startContainer', await containerNode('dcg-web-1'));
    assert.deepEqual(
      requests.map((request) => [request.operation, request.operationClass, request.targets]),
      [['container start', 'mutate', ['dcg-web-1']]],
    );
    assert.equal(await isRunning('dcg-web-1'), true);
  });

  it('"Show Logs" follows the log in a terminal of its own, which closes cleanly', async () => {
    await run('showContainerLogs', await containerNode('dcg-web-1'));
    const terminal = vscode.window.terminals.find((candidate) => candidate.name === 'Logs: dcg-web-1 (browse-tls)');
    assert.ok(terminal, `terminals: ${vscode.window.terminals.map((candidate) => candidate.name).join(', ')}`);
    let listener: vscode.Disposable | undefined;
    const closed = new Promise<void>((resolve) => (listener = vscode.window.onDidCloseTerminal((gone) => gone === terminal && resolve())));
    terminal.dispose();
    await closed;
    listener?.dispose();
  });

  it('"Remove" on a running container is one `container rm` request, then removes it with force', async () => {
    const requests = await runConfirmed('Remove', 'removeEngineObject', await containerNode('dcg-web-2'));
    assert.deepEqual(
      requests.map((request) => [request.operation, request.operationClass, request.targets]),
      [['container rm', 'destroy', ['dcg-web-2']]],
    );
    assert.equal(await exists('dcg-web-2'), false);
    assert.ok(!(await labels(await childrenOf(await containersGroup()))).includes('dcg-web-2'));
  });

  it('a multi-selection is ONE guard request with every target; mixed kinds send nothing', async () => {
    const web = await containerNode('dcg-web-1');
    const done = await containerNode('dcg-done-1');
    const image = await child(await child(await contextNode('browse-tls'), 'Images'), info.image);
    assert.deepEqual(await run('removeEngineObject', web, [web, image]), []);
    assert.equal(await exists('dcg-web-1'), true);

    const requests = await runConfirmed('Remove', 'removeEngineObject', done, [web, done]);
    assert.deepEqual(
      requests.map((request) => [request.operation, request.targets]),
      [['container rm', ['dcg-web-1', 'dcg-done-1']]],
    );
    assert.equal(await exists('dcg-web-1'), false);
    assert.equal(await exists('dcg-done-1'), false);
  });

  it('"Prune" names what it removes as the targets; a prune of nothing sends nothing', async () => {
    await onTls('run', '--name', 'dcg-done-2', info.image, 'true');
    const requests = await runConfirmed('Prune', 'pruneGroup', await containersGroup());
    assert.equal(requests.length, 1);
    assert.equal(requests[0].operation, 'container prune');
    assert.equal(requests[0].operationClass, 'destroy');
    assert.ok(requests[0].targets.includes('dcg-done-2'), `targets: ${requests[0].targets.join(', ')}`);
    assert.equal(await exists('dcg-done-2'), false);
    assert.deepEqual(await run('pruneGroup', await containersGroup()), []);
  });

  it('"Inspect" opens the engine\'s JSON of the object, read-only', async () => {
    await run('inspectEngineObject', await child(await child(await contextNode('browse-tls'), 'Images'), info.image));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'docker-context-guard-object');
    assert.ok((JSON.parse(document.getText()) as { RepoTags: string[] }).RepoTags.includes(info.image));
  });

  it('an unreachable engine shows one message node within the connect timeout', async () => {
    const started = Date.now();
    const nodes = await childrenOf(await contextNode('browse-down'));
    const elapsed = Date.now() - started;
    assert.equal(nodes.length, 1);
    const item = await treeItem(nodes[0]);
    assert.match(labelOf(item), /^Cannot reach the engine: Connection to "browse-down" .* was refused/);
    assert.equal(iconOf(item), 'debug-disconnect');
    assert.ok(elapsed < 5000 + 1000, `took ${elapsed} ms`);
  });
});
