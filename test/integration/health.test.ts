/**
 * Engine health in the real VS Code with a black-holed engine present (a loopback listener that
 * accepts and never answers): contexts made in a terminal are probed at once, the local engine's
 * row shows reachable long before the silent one times out, a row keeps its last state while it
 * is probed again, and expanding a context known unreachable answers at once, with a Retry.
 */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hoverText } from '../support/markdownOracle';
import { silentServer, type TestServer } from '../support/silentServer';

const extensionId = 'docker-context-guard.docker-context-guard';
/** Shorter than the default, so the suite waits less; the messages must name this figure. */
const connectTimeoutSeconds = 3;
const latency = /\b[\d.]+ ms\b/;

describe('health: one dead host holds back no other row', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const settings = () => vscode.workspace.getConfiguration('dockerContextGuard');
  let api: ExtensionApi;
  let silent: TestServer;

  const contextNode = async (name: string) => ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === name);
  // What a row says of its health: its accessible label carries every note, the description only what fits.
  const description = async (name: string) => {
    const node = await contextNode(name);
    return node ? String((await api.tree.getTreeItem(node)).accessibilityInformation?.label ?? '') : '(not in the tree)';
  };
  const rows = async () => ({ local: await description('health-local'), silent: await description('health-silent') });

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    silent = await silentServer();
    await settings().update('engine.connectTimeoutSeconds', connectTimeoutSeconds, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dockerContextGuard.contexts.focus');
  });

  after(async () => {
    await settings().update('engine.connectTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    for (const name of ['health-silent', 'health-local']) await docker.run('context', 'rm', '-f', name);
    await silent.close();
  });

  it('contexts made in a terminal are probed at once, and the local row shows reachable long before the silent one times out', async () => {
    await docker.ok('context', 'create', 'health-silent', '--docker', `host=tcp://127.0.0.1:${silent.port}`);
    const started = Date.now();
    await docker.ok('context', 'create', 'health-local', '--docker', `host=${info.local.host}`);
    const seen = await eventually(rows, ({ local }) => latency.test(local), 'the local row to show its latency', 1500);
    const elapsed = Date.now() - started;
    assert.ok(seen.silent.includes('checking…'), `the silent engine is still being probed: ${JSON.stringify(seen)}`);
    assert.ok(elapsed < 1500, `the local row took ${elapsed} ms`);

    const down = await eventually(rows, ({ silent }) => silent.includes('unreachable'), 'the silent row to time out', (connectTimeoutSeconds + 2) * 1000);
    assert.match(down.local, latency);
    const tooltip = (await api.tree.getTreeItem((await contextNode('health-silent'))!)).tooltip as vscode.MarkdownString;
    // The figure the setting (and `ping --timeout`) names, not the connect timeout plus a margin.
    assert.match(hoverText(tooltip.value), new RegExp(`No answer from .*health-silent.* within ${connectTimeoutSeconds} s`));
  });

  it('while a context is probed again its row keeps its last state', async () => {
    const contexts = [(await contextNode('health-local'))!, (await contextNode('health-silent'))!];
    const again = api.engines.probe(contexts);
    const during = await rows();
    assert.match(during.local, latency);
    assert.match(during.silent, /unreachable/);
    await again;
  });

  it('expanding a context known unreachable answers at once with a Retry, which probes that engine again', async () => {
    const context = (await contextNode('health-silent'))!;
    const started = Date.now();
    const children = (await api.tree.getChildren(context)) ?? [];
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 500, `expanding took ${elapsed} ms`);
    assert.equal(children.length, 1);
    const item = await api.tree.getTreeItem(children[0]);
    assert.match(String(item.label), new RegExp(`^Cannot reach the engine: No answer from "health-silent" .* within ${connectTimeoutSeconds} s`));
    assert.match(String(item.tooltip), /Click: Retry$/);
    assert.equal(item.command?.command, 'dockerContextGuard.refresh');
    assert.deepEqual(
      (item.command.arguments as ListedContext[]).map((argument) => argument.name),
      ['health-silent'],
    );

    const retried = Date.now();
    await vscode.commands.executeCommand(item.command.command, ...item.command.arguments!);
    const retryMs = Date.now() - retried;
    // It waited for that engine's own probe (the silent one: the whole timeout), then listed it anew.
    assert.ok(retryMs >= connectTimeoutSeconds * 1000 - 100, `Retry took ${retryMs} ms`);
    assert.match(await description('health-silent'), /unreachable/);
    assert.equal((await api.tree.getChildren(context))?.length, 1);
  });
});
