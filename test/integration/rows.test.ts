/**
 * Rows, switcher and terminals as a user meets them (issue 11): a row names its tier in words, not
 * only by colour; a screen reader hears what the eye sees; the status bar says it too; the switcher
 * shows latency once probed; switching onto production asks, as `docker context use` does in a
 * guarded terminal; an empty picker says why; and after a window-scope switch, a terminal opened
 * before is named as still going to its old context, and relaunching it moves it over (its shell
 * prints the DOCKER_CONTEXT it really has).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hoverText } from '../support/markdownOracle';
import { freePort } from '../support/ports';

const extensionId = 'docker-context-guard.docker-context-guard';
const names = ['rows-prod', 'rows-staging', 'rows-dev', 'rows-local', 'rows-tcp'];

describe('rows: tiers in words, accessible labels, the switcher and stale terminals', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const settings = () => vscode.workspace.getConfiguration('dockerContextGuard');
  let api: ExtensionApi;

  const contextNamed = async (name: string): Promise<ListedContext> => {
    await api.contexts.refresh();
    const found = ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === name);
    assert.ok(found, `the tree does not show ${name}`);
    return found;
  };
  const itemOf = async (name: string) => api.tree.getTreeItem(await contextNamed(name));
  const use = async (name: string) => vscode.commands.executeCommand('dockerContextGuard.useContext', await contextNamed(name));
  const shown = async () => (await docker.ok('context', 'show')).trim();

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    await docker.ok('context', 'create', 'rows-prod', '--docker', `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
    await docker.ok('context', 'create', 'rows-staging', '--docker', `host=${info.ssh.host}`);
    await docker.ok('context', 'create', 'rows-dev', '--docker', `host=${info.ssh.host}`);
    await docker.ok('context', 'create', 'rows-local', '--docker', `host=${info.local.host}`);
    // Nothing listens there: connection refused, on loopback.
    await docker.ok('context', 'create', 'rows-tcp', '--docker', `host=tcp://127.0.0.1:${await freePort()}`);
  });

  after(async () => {
    for (const key of ['switchScope', 'guard.confirmSwitchToProduction']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await docker.ok('context', 'use', 'default');
    for (const name of names) await docker.run('context', 'rm', '-f', name);
    // Terminals started on these contexts would be named stale by every later switch of the suite.
    for (const terminal of vscode.window.terminals) terminal.dispose();
  });

  it('a row names its tier in words: production, staging, and the tier an unclassified context falls to', async () => {
    for (const [name, tier] of [
      ['rows-prod', 'production'],
      ['rows-staging', 'staging'],
      ['rows-dev', 'development'],
      ['rows-local', 'local'],
    ]) {
      const item = await itemOf(name);
      assert.match(String(item.description), new RegExp(`^${tier}\\b`), `${name}: ${String(item.description)}`);
      assert.match(item.accessibilityInformation?.label ?? '', new RegExp(`^${name}, ${tier}\\b`));
    }
  });

  it('a screen reader hears what the eye sees: plain TCP, unreachable, certificate expiring, current', async () => {
    await api.engines.probe([await contextNamed('rows-tcp'), await contextNamed('rows-local')]);
    const tcp = await itemOf('rows-tcp');
    assert.match(String(tcp.description), /^development · plain TCP\b/);
    assert.match(tcp.accessibilityInformation?.label ?? '', /^rows-tcp, development, plain TCP, unreachable$/);
    // The harness's certificates live two days.
    assert.match(
      (await itemOf('rows-prod')).accessibilityInformation?.label ?? '',
      /^rows-prod, production, certificate expires in 1 day(, ([\d.]+ ms|checking…))?$/,
    );
    await use('rows-local');
    await eventually(
      async () => (await itemOf('rows-local')).accessibilityInformation?.label ?? '',
      (label) => /^rows-local, local, current, [\d.]+ ms$/.test(label),
      "the current row's label",
    );
  });

  it('a row cut at the default sidebar width keeps its tier, and what it leaves out is in the tooltip', async () => {
    const item = await itemOf('rows-prod');
    // The certificate note does not fit beside the tier (the health, whatever its probe says by now, does).
    assert.match(String(item.description), /^production( · ([\d.]+ ms|checking…))?$/);
    assert.match(hoverText((item.tooltip as vscode.MarkdownString).value), /^\s*rows-prod\s+— production · certificate expires in 1 d/);
  });

  it('the status bar item says in words what its colour says, and what a switch changes', async () => {
    await use('rows-tcp');
    assert.match(api.statusBar.state.text, /rows-tcp · development · plain TCP/);
    await eventually(
      () => api.statusBar.state.accessibilityLabel,
      (label) => /^Docker context rows-tcp: development, plain TCP, current, unreachable; switching changes config\.json/.test(label),
      "the status bar's label",
    );
  });

  it('the switcher shows latency or "unreachable" once probed', async () => {
    await api.engines.probe([await contextNamed('rows-local'), await contextNamed('rows-tcp')]);
    const asked = api.testing!.asked;
    api.testing!.scriptAnswers([{ kind: 'pick', label: undefined }]);
    await vscode.commands.executeCommand('dockerContextGuard.switchContext');
    const items = asked[asked.length - 1].detail ?? '';
    assert.match(items, /rows-local — \$\(home\) local · [\d.]+ ms$/m);
    assert.match(items, /rows-tcp — \$\(tools\) development · plain TCP · current · unreachable$/m);
  });

  it('switching to production from the UI asks, naming the context and tier; declined, nothing switches', async () => {
    const asked = api.testing!.asked;
    const before = await shown();
    api.testing!.scriptAnswers([{ kind: 'confirm', button: undefined }]);
    await use('rows-prod');
    assert.equal(await shown(), before, 'declined: config.json unchanged');
    const question = asked[asked.length - 1];
    assert.equal(question.title, 'Switch to production context "rows-prod"?');
    assert.equal(question.detail?.split('\n').slice(0, 2).join('\n'), `Context: rows-prod (production)\nEngine: ${info.tls.host}`);
    assert.match(question.detail ?? '', /^Changes: config\.json/m);
    api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Switch to Production' }]);
    await use('rows-prod');
    assert.equal(await shown(), 'rows-prod');
  });

  it('with guard.confirmSwitchToProduction off, the switch onto production does not ask', async () => {
    await use('rows-local');
    await settings().update('guard.confirmSwitchToProduction', false, vscode.ConfigurationTarget.Global);
    const asked = api.testing!.asked.length;
    await use('rows-prod');
    assert.equal(await shown(), 'rows-prod');
    assert.equal(api.testing!.asked.length, asked);
    await settings().update('guard.confirmSwitchToProduction', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a palette command with no context to act on says why instead of an empty list', async () => {
    const list = await api.contexts.refresh();
    assert.ok(!list.contexts.some((context) => context.keysInSecretStorage), 'this test needs a store where no context keeps its keys in SecretStorage');
    const notices = api.testing!.notices.length;
    await vscode.commands.executeCommand('dockerContextGuard.rotateClientCertificate');
    assert.match(api.testing!.notices.slice(notices).join('\n'), /^Rotate Client Certificate: no context holds the CA key of its certificate in SecretStorage/);
  });

  it('after a window-scope switch, a terminal opened before is named with its old context, and relaunching moves it', async () => {
    const out = path.join(info.root, 'rows-terminal-env.txt');
    /** What DOCKER_CONTEXT the shell really has: it writes it to a file, asked again until `wanted` (or the time is up). */
    const printed = (terminal: vscode.Terminal, wanted: string) =>
      eventually(
        async () => {
          terminal.sendText(`echo "ctx=$DOCKER_CONTEXT" > ${out}`);
          await new Promise((resolve) => setTimeout(resolve, 300));
          return existsSync(out) ? readFileSync(out, 'utf8').trim() : '';
        },
        (value) => value === `ctx=${wanted}`,
        `the terminal to print DOCKER_CONTEXT=${wanted}`,
        15_000,
      );
    await settings().update('switchScope', 'window', vscode.ConfigurationTarget.Global);
    let shell: vscode.Terminal | undefined;
    try {
      await use('rows-local');
      assert.match(api.tree.view.message ?? '', /terminals opened before keep the context they started with until relaunched/);
      shell = vscode.window.createTerminal({ name: 'rows-shell', shellPath: '/bin/sh' });
      await printed(shell, 'rows-local');
      const asked = api.testing!.asked;
      const before = asked.length;
      api.testing!.scriptAnswers([{ kind: 'confirm', button: 'Relaunch Terminals' }]);
      await use('rows-dev');
      const offer = await eventually(() => asked.slice(before).find((question) => question.title.includes('rows-shell')), Boolean, 'the stale-terminal offer');
      // Other terminals of this window (a shell the workbench opened) may be named too.
      assert.match(
        offer!.title,
        /opened before the switch still sends? docker to the contexts? (it|they) started with: .*"rows-shell" \("rows-local"\).*\. New terminals use "rows-dev"/,
      );
      await printed(shell, 'rows-dev');
    } finally {
      shell?.dispose();
      rmSync(out, { force: true });
      await settings().update('switchScope', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
