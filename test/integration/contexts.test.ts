/**
 * Contexts in the real VS Code: the tree lists a fixture store made with the real docker CLI,
 * "Use" switches, and the status bar follows, in red for production and yellow for staging;
 * a switch made by `docker context use` in a terminal shows without a refresh.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { noDockerCliNote } from '../../src/ui/views/contextsTree';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hoverText } from '../support/markdownOracle';

const extensionId = 'docker-context-guard.docker-context-guard';

describe('contexts: tree, switching and status bar', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  let api: ExtensionApi;

  let roots: ListedContext[] = [];
  /** Reads the tree's top level again (the tree reads the model; nothing here touches the disk). */
  const readRoots = async () => (roots = (await api.tree.getChildren()) as ListedContext[]);
  const treeNames = () => roots.map((context) => context.name);
  const treeItem = (name: string) => roots.find((context) => context.name === name)!;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'prod-eu', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'staging-box', '--docker', `host=${info.ssh.host}`);
    await docker.ok('context', 'create', 'laptop', '--docker', `host=${info.local.host}`);
    await docker.ok('context', 'create', 'legacy', '--docker', 'host=tcp://127.0.0.1:2375');
    await vscode.workspace.getConfiguration('dockerContextGuard').update('tiers', { 'staging-*': 'staging' }, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('dockerContextGuard').update('tiers', undefined, vscode.ConfigurationTarget.Global);
    await docker.ok('context', 'use', 'default');
    for (const name of ['prod-eu', 'staging-box', 'laptop', 'legacy']) await docker.run('context', 'rm', '-f', name);
  });

  it('lists the contexts of the store, as docker context ls does, without a manual refresh', async () => {
    await eventually(readRoots, (contexts) => contexts.length === 5, 'the tree to show the fixture contexts');
    const theirs = (await docker.ok('context', 'ls', '--format', '{{.Name}}')).trim().split('\n');
    assert.deepEqual(treeNames(), theirs);
    // The certificates are read after the list: the row gains its note once they are.
    const item = await eventually(
      async () => api.tree.getTreeItem(treeItem('prod-eu')),
      (shown) => /certificate expires/.test(String(shown.accessibilityInformation?.label)),
      'the certificate note of prod-eu',
    );
    // The harness's certificates live two days: the tree says they expire soon (in the tooltip: beside the tier, it does not fit).
    // Beside the tier only the health fits, in whatever state its first probe is by now.
    assert.match(String(item.description), /^production( · ([\d.]+ ms|checking…))?$/);
    assert.match(hoverText((item.tooltip as vscode.MarkdownString).value), /^\s*prod-eu\s+— production · certificate expires in 1 day/);
    assert.match(hoverText((item.tooltip as vscode.MarkdownString).value), /Client certificate: CN=dcg-test-client/);
    assert.match(String((await api.tree.getTreeItem(treeItem('default'))).description), /^local · current( · unreachable)?$/);
    assert.match(String(item.contextValue), /\bproduction\b/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'flame');
    const legacy = await api.tree.getTreeItem(treeItem('legacy'));
    assert.equal((legacy.iconPath as vscode.ThemeIcon).id, 'unlock');
    assert.match(hoverText((legacy.tooltip as vscode.MarkdownString).value), /unencrypted and unauthenticated/);
  });

  it('"Use" on production switches for the docker CLI and turns the status bar red', async () => {
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Switch to Production' }]);
    await vscode.commands.executeCommand('dockerContextGuard.useContext', treeItem('prod-eu'));
    assert.match(await docker.ok('context', 'show'), /^prod-eu$/m);
    const state = api.statusBar.state;
    assert.equal(state.visible, true);
    assert.match(state.text, /prod-eu · production/);
    assert.equal(state.background, 'statusBarItem.errorBackground');
    assert.match(state.accessibilityLabel, /prod-eu: production/);
  });

  it('a staging context gets the warning background, a local one none', async () => {
    await vscode.commands.executeCommand('dockerContextGuard.useContext', treeItem('staging-box'));
    assert.match(api.statusBar.state.text, /staging-box · staging/);
    assert.equal(api.statusBar.state.background, 'statusBarItem.warningBackground');
    await vscode.commands.executeCommand('dockerContextGuard.useContext', treeItem('laptop'));
    assert.equal(api.statusBar.state.background, undefined);
  });

  it('a plain TCP endpoint is red whatever its tier', async () => {
    await vscode.commands.executeCommand('dockerContextGuard.useContext', treeItem('legacy'));
    assert.match(api.statusBar.state.text, /legacy · development/);
    assert.equal(api.statusBar.state.background, 'statusBarItem.errorBackground');
  });

  it('follows `docker context use` run in a terminal within a second', async () => {
    await docker.ok('context', 'use', 'prod-eu');
    await eventually(
      () => api.statusBar.state.text,
      (text) => text.includes('prod-eu'),
      'the status bar to follow docker context use',
      1000,
    );
  });

  it('with switch scope "window", Use leaves config.json alone and only this window follows', async () => {
    const settings = vscode.workspace.getConfiguration('dockerContextGuard');
    await settings.update('switchScope', 'window', vscode.ConfigurationTarget.Global);
    try {
      const globalBefore = (await docker.ok('context', 'show')).trim();
      await vscode.commands.executeCommand('dockerContextGuard.useContext', treeItem('staging-box'));
      assert.equal((await docker.ok('context', 'show')).trim(), globalBefore, 'config.json unchanged');
      assert.match(api.statusBar.state.text, /staging-box · staging \(window\)/);
      assert.deepEqual(api.contexts.list?.current, { name: 'staging-box', source: 'DOCKER_CONTEXT' });
    } finally {
      await settings.update('switchScope', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(
      () => api.contexts.list?.current.source,
      (source) => source !== 'DOCKER_CONTEXT',
      'the global scope to apply again',
    );
  });

  it('the switcher picks a context by name', async () => {
    api.testing!.scriptAnswers([{ kind: 'pick', label: 'laptop' }]);
    await vscode.commands.executeCommand('dockerContextGuard.switchContext');
    assert.match(await docker.ok('context', 'show'), /^laptop$/m);
  });

  it('"Set Environment Tier…" stores the tier in the context, where docker keeps it', async () => {
    api.testing!.scriptAnswers([{ kind: 'pick', label: 'production' }]);
    await vscode.commands.executeCommand('dockerContextGuard.setTier', treeItem('laptop'));
    await readRoots();
    assert.equal(treeItem('laptop').tier, 'production');
    assert.match(api.statusBar.state.text, /laptop · production/);
    const inspected = JSON.parse(await docker.ok('context', 'inspect', 'laptop')) as { Metadata: Record<string, unknown> }[];
    assert.deepEqual(inspected[0].Metadata.DockerContextGuard, { tier: 'production' });
  });

  it('removing a production context asks once, wanting its name typed; declining keeps it', async () => {
    api.testing!.scriptAnswers([{ kind: 'input', value: undefined }]);
    await vscode.commands.executeCommand('dockerContextGuard.removeContext', treeItem('prod-eu'));
    await readRoots();
    assert.ok(treeNames().includes('prod-eu'));
    api.testing!.scriptAnswers([{ kind: 'input', value: 'prod-eu' }]);
    await vscode.commands.executeCommand('dockerContextGuard.removeContext', treeItem('prod-eu'));
    await readRoots();
    assert.ok(!treeNames().includes('prod-eu'));
    assert.doesNotMatch(await docker.ok('context', 'ls', '--format', '{{.Name}}'), /prod-eu/);
  });

  it('says when Docker is not installed (no docker on PATH), and stops saying it once docker is back', async () => {
    const searchPath = process.env.PATH;
    try {
      // The extension host is this process: its PATH is the one the extension looks docker up in.
      process.env.PATH = '/nonexistent';
      await api.contexts.refresh();
      assert.ok(api.tree.view.message?.includes(noDockerCliNote), api.tree.view.message);
    } finally {
      process.env.PATH = searchPath;
    }
    await api.contexts.refresh();
    assert.ok(!api.tree.view.message?.includes(noDockerCliNote), api.tree.view.message);
  });
});
