/**
 * Hostile input in the real VS Code: a context store and an engine that try to rewrite what the
 * user reads. The context's description and a lying engine's `/version` answer (a fake engine on
 * a unix socket) are full of Markdown, `$(icon)` syntax, links and terminal controls; the tooltips
 * of the tree and of the status bar, rendered as VS Code renders hovers (test/support/markdownOracle.ts),
 * must show them as text: no heading, no link, no second Tier row, no icon but ours. And a
 * workspace's health interval cannot make us probe every engine without pause.
 */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import { showControls } from '../../src/core/text/foreignText';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { answerJson, type FakeEngine, startFakeEngine } from '../support/fakeEngine';
import { loadHarnessInfo } from '../support/harnessInfo';
import { hoverText, renderHover } from '../support/markdownOracle';

const extensionId = 'docker-context-guard.docker-context-guard';
const name = 'hostile-local';
const description = '# All clear\n\n$(pass) Engine healthy | [docs](https://evil.example) <b>ok</b>\u001b[2J\u202eprod';
const version = {
  Version: '28.0.1 |\n| Tier | $(home) local |',
  ApiVersion: '[click](command:workbench.action.terminal.sendSequence) $(verified)',
  Os: '## linux',
  Arch: 'amd64\r\u001b]8;;https://evil.example\u0007x',
};

/** What a hover shows: which icons, which elements, and its text. */
function rendered(markdown: string): { icons: string[]; tags: string[]; tierRows: number; text: string } {
  const { html, icons } = renderHover(markdown);
  const tags = [...new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((match) => match[1]))].sort();
  return { icons, tags, tierRows: [...html.matchAll(/<td>Tier<\/td>/g)].length, text: hoverText(markdown) };
}

describe('hostile input: what a store or an engine writes cannot rewrite a tooltip', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  let api: ExtensionApi;
  let engine: FakeEngine;

  async function contextNode(): Promise<ListedContext> {
    await api.contexts.refresh();
    const found = ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === name);
    assert.ok(found, `the tree does not show ${name}`);
    return found;
  }

  function assertOnlyOurs(markdown: string): void {
    const shown = rendered(markdown);
    // Ours: the tier badge and the engine's health line.
    assert.deepEqual(shown.icons, ['home', 'pass'], markdown);
    assert.deepEqual(shown.tags, ['p', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr'], markdown);
    assert.equal(shown.tierRows, 1, markdown);
    for (const foreign of [description, ...Object.values(version)])
      assert.ok(
        shown.text.replace(/\s+/g, ' ').includes(showControls(foreign).replace(/\s+/g, ' ')),
        `${JSON.stringify(foreign)} not shown as text in ${shown.text}`,
      );
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    engine = await startFakeEngine((route, _request, response) => {
      if (route === '/version') return answerJson(response, version);
      response.writeHead(404).end();
    });
    await docker.ok('context', 'create', name, '--description', description, '--docker', `host=${engine.host}`);
  });

  after(async () => {
    await docker.ok('context', 'use', 'default');
    await docker.run('context', 'rm', '-f', name);
    await engine.close();
  });

  it('the tree item: description and /version fields show as text, with our icons and one Tier row', async () => {
    const context = await contextNode();
    await api.engines.probe([context]);
    assert.ok(engine.routes.includes('/version'), `the fake engine was asked ${engine.routes.join(', ')}`);
    const item = await api.tree.getTreeItem(context);
    assertOnlyOurs((item.tooltip as vscode.MarkdownString).value);
  });

  it('the status bar tooltip of the current context, likewise', async () => {
    await docker.ok('context', 'use', name);
    const context = await contextNode();
    await api.engines.probe([context]);
    assertOnlyOurs(api.statusBar.state.tooltip);
  });

  it('a workspace that sets the health interval to 1 ms, or past what a timer can hold, does not flood the engines', async () => {
    await vscode.commands.executeCommand('dockerContextGuard.contexts.focus');
    const settings = vscode.workspace.getConfiguration('dockerContextGuard');
    const pings = () => engine.routes.filter((route) => route === '/_ping').length;
    try {
      for (const seconds of [0.001, 1e10]) {
        await settings.update('engine.healthIntervalSeconds', seconds, vscode.ConfigurationTarget.Workspace);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const before = pings();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        // At most one round (a switch or the view coming back); an unbounded timer makes hundreds.
        assert.ok(pings() - before <= 1, `${pings() - before} probes in 1.5 s with an interval of ${seconds} s`);
      }
    } finally {
      await settings.update('engine.healthIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
