/**
 * Feedback while an engine action runs, and the words of its question, in the real VS Code
 * against the harness's engines. A slow stop (a container whose process ignores SIGTERM, so the
 * engine waits out the container's stop timeout and kills it) shows the view's progress and its
 * row says "Stopping…" while it runs; a second Stop on the busy row sends nothing (the engine's
 * own events count the SIGTERMs it was asked to send), and the row is listed again when the stop
 * ends. Removing a running container says it is running and will be killed; on production the
 * question is ONE input box that wants the context's name typed, with the whole question in it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerArgs, dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { loadHarnessInfo } from '../support/harnessInfo';

/** Exits at once on SIGTERM. */
const serve = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];
/** Ignores SIGTERM: a stop waits the container's stop timeout, then the engine kills it. */
const stubborn = ['sh', '-c', 'trap "" TERM; while :; do sleep 1; done'];
const stopTimeoutSeconds = 4;

describe('actions: progress, busy rows and the words of the question', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  const on = (engine: 'tls' | 'local', ...args: string[]) => docker.ok(...dockerArgs(info, engine), ...args);
  const running = async (engine: 'tls' | 'local', name: string) => (await on(engine, 'inspect', '--format', '{{.State.Running}}', name)).trim() === 'true';
  const exists = async (name: string) => (await docker.run(...dockerArgs(info, 'tls'), 'inspect', name)).code === 0;
  let api: ExtensionApi;

  const treeItem = async (element: unknown) => (await api.tree.getTreeItem(element)) as vscode.TreeItem;
  const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
  async function child(parent: unknown, label: string): Promise<unknown> {
    const children = (await api.tree.getChildren(parent)) ?? [];
    const labels = await Promise.all(children.map(async (element) => labelOf(await treeItem(element))));
    assert.ok(labels.includes(label), `no "${label}" among ${labels.join(', ')}`);
    return children[labels.indexOf(label)];
  }
  const contextNode = async (name: string) =>
    eventually(
      async () => ((await api.tree.getChildren()) as ListedContext[]).find((context) => context.name === name),
      Boolean,
      `context "${name}" in the tree`,
    );
  const containerNode = async (context: string, name: string) => child(await child(await contextNode(context), 'Containers'), name);
  const rowOf = async (context: string, name: string) => treeItem(await containerNode(context, name));

  /** What the engine sent the container, from its own events: one signal per kill, a stop's SIGTERM included. */
  async function signalsSent(engine: 'local', name: string, since: number): Promise<string[]> {
    const until = Math.ceil(Date.now() / 1000) + 1;
    const lines = await on(
      engine,
      'events',
      '--since',
      String(since),
      '--until',
      String(until),
      '--filter',
      `container=${name}`,
      '--filter',
      'event=kill',
      '--format',
      '{{.Actor.Attributes.signal}}',
    );
    return lines.split('\n').filter(Boolean);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('docker-context-guard.docker-context-guard')!.activate();
    const pem = (file: string) => path.join(info.tls.clientDir, file);
    const tls = `host=${info.tls.host},ca=${pem('ca.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`;
    await docker.ok('context', 'create', 'actions-local', '--docker', `host=${info.local.host}`);
    await docker.ok('context', 'create', 'actions-dev', '--docker', tls);
    await docker.ok('context', 'create', 'actions-prod', '--docker', tls);
    await on('local', 'run', '-d', '--name', 'dcg-slow', '--stop-timeout', String(stopTimeoutSeconds), info.image, ...stubborn);
    await on('tls', 'run', '-d', '--name', 'dcg-up', info.image, ...serve);
    await on('tls', 'run', '--name', 'dcg-down', info.image, 'true');
    await api.contexts.refresh();
  });

  after(async () => {
    await docker.run(...dockerArgs(info, 'local'), 'rm', '-f', 'dcg-slow');
    for (const name of ['dcg-up', 'dcg-down']) await docker.run(...dockerArgs(info, 'tls'), 'rm', '-f', name);
    for (const name of ['actions-local', 'actions-dev', 'actions-prod']) await docker.run('context', 'rm', '-f', name);
  });

  it('a slow stop shows progress and a "Stopping…" row; a second Stop on the busy row sends nothing; the row is listed again at the end', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const title = 'Stopping dcg-slow on "actions-local"';
    const requests = api.engines.guard.recent.length;
    const first = vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode('actions-local', 'dcg-slow'));

    const busy = await eventually(
      () => rowOf('actions-local', 'dcg-slow'),
      (item) => item.description === 'Stopping…',
      'the row to say Stopping…',
    );
    assert.equal((busy.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.ok(api.testing!.progress.includes(title), `progress shown: ${JSON.stringify(api.testing!.progress)}`);

    const notices = api.testing!.notices.length;
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode('actions-local', 'dcg-slow'));
    assert.equal(await running('local', 'dcg-slow'), true, 'the second Stop returned while the first still runs');
    assert.equal(api.engines.guard.recent.length, requests + 1, 'the second Stop made no request');
    assert.deepEqual(api.testing!.notices.slice(notices), ['Still busy on "actions-local": dcg-slow (stopping). Nothing more was sent for it.']);
    assert.equal((await rowOf('actions-local', 'dcg-slow')).description, 'Stopping…');

    await first;
    assert.equal(await running('local', 'dcg-slow'), false);
    const done = await rowOf('actions-local', 'dcg-slow');
    assert.match(String(done.description), /· Exited \(137\)/, 'listed again once the stop ended');
    assert.equal((done.iconPath as vscode.ThemeIcon).id, 'vm-outline');
    assert.deepEqual(api.testing!.progress, []);
    // One stop request: one SIGTERM, then the SIGKILL after its stop timeout (a second stop would have sent another SIGTERM).
    assert.deepEqual(await signalsSent('local', 'dcg-slow', since), ['15', '9']);
  });

  it('removing a running container says it is running and will be killed, with the verb on the button', async () => {
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([
      { kind: 'confirm', button: undefined },
      { kind: 'confirm', button: undefined },
    ]);
    await vscode.commands.executeCommand('dockerContextGuard.removeEngineObject', await containerNode('actions-dev', 'dcg-up'));
    await vscode.commands.executeCommand('dockerContextGuard.removeEngineObject', await containerNode('actions-dev', 'dcg-down'));
    const [up, down] = api.testing!.asked.slice(asked);
    assert.equal(up.title, 'Remove dcg-up on development engine "actions-dev"? It is running and will be killed.');
    assert.match(up.detail ?? '', /^Running, so killed by it: dcg-up$/m);
    assert.equal(up.button, 'Remove');
    assert.equal(down.title, 'Remove dcg-down on development engine "actions-dev"?', 'a stopped container is not killed');
    assert.doesNotMatch(down.detail ?? '', /killed/);
    assert.equal(await exists('dcg-up'), true, 'declined: still there');
  });

  it('on production the question is ONE input box carrying the whole question, and only the typed name stops', async () => {
    const asked = api.testing!.asked.length;
    api.testing!.scriptAnswers([{ kind: 'input', value: undefined }]);
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode('actions-prod', 'dcg-up'));
    const questions = api.testing!.asked.slice(asked);
    assert.deepEqual(
      questions.map((question) => [question.kind, question.title]),
      [['input', 'Stop dcg-up on production engine "actions-prod"?']],
    );
    const host = info.tls.host.replace(/[.]/g, '\\.');
    assert.match(
      questions[0].detail ?? '',
      new RegExp(
        `^Context: actions-prod \\(production\\) · Engine: ${host} · Action: docker container stop · Targets \\(1\\): dcg-up\\. Type "actions-prod" and press Enter to stop; Esc cancels\\.$`,
      ),
    );
    assert.equal(await running('tls', 'dcg-up'), true, 'declined: still running');

    api.testing!.scriptAnswers([{ kind: 'input', value: 'actions-prod' }]);
    await vscode.commands.executeCommand('dockerContextGuard.stopContainer', await containerNode('actions-prod', 'dcg-up'));
    assert.equal(api.testing!.asked.length, asked + 2, 'one question per stop');
    assert.equal(await running('tls', 'dcg-up'), false, 'the typed name stopped it');
  });
});
