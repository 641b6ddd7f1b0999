/**
 * A lying engine below a context in the real VS Code (fake engines on unix sockets: the point is
 * an engine that answers /_ping and /version like Docker, then misbehaves): a container listing
 * that drips a byte at a time and never ends, one of more JSON than any engine's, and one of
 * 2,500 containers. Each group must settle, and say which limit it met.
 */
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';

import * as vscode from 'vscode';

import type { ListedContext } from '../../src/core/contexts/contextList';
import type { ExtensionApi } from '../../src/extension';
import { dockerCli } from '../support/dockerCli';
import { answerJson, type FakeEngine, startFakeEngine } from '../support/fakeEngine';
import { loadHarnessInfo } from '../support/harnessInfo';
import { labelOf as labelOfNode } from '../support/treeNodes';

const extensionId = 'docker-context-guard.docker-context-guard';
const version = { Version: '28.0.1', ApiVersion: '1.47', Os: 'linux', Arch: 'amd64' };
const container = (index: number) => ({
  Id: index.toString(16).padStart(64, '0'),
  Names: [`/c-${index}`],
  Image: 'busybox',
  State: 'exited',
  Status: 'Exited (0)',
  Command: 'true',
  Ports: [],
});

/** Writes `chunks` with back-pressure until the client goes away. */
async function stream(response: http.ServerResponse, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (response.destroyed) return;
    if (response.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        response.off('drain', done).off('close', done);
        resolve();
      };
      response.on('drain', done).on('close', done);
    });
  }
  response.end();
}

function* hugeListing(): Iterable<string> {
  yield '[';
  const one = JSON.stringify(container(1));
  for (let index = 0; index < 20_000_000 / one.length; index++) yield `${index ? ',' : ''}${one}`;
  yield ']';
}

describe('hostile engine: listings end, and say why', () => {
  const info = loadHarnessInfo();
  const docker = dockerCli(info.dockerConfig);
  let api: ExtensionApi;
  const engines: FakeEngine[] = [];
  const timers: NodeJS.Timeout[] = [];
  const settings = () => vscode.workspace.getConfiguration('dockerContextGuard');
  const labelOf = (element: unknown) => labelOfNode(api.tree, element);

  async function containersOf(name: string): Promise<string[]> {
    await api.contexts.refresh();
    const context = ((await api.tree.getChildren()) as ListedContext[]).find((candidate) => candidate.name === name);
    assert.ok(context, `no context ${name}`);
    const groups = (await api.tree.getChildren(context)) ?? [];
    const labels = await Promise.all(groups.map(labelOf));
    assert.ok(labels.includes('Containers'), `below ${name}: ${labels.join(', ')}`);
    return Promise.all(((await api.tree.getChildren(groups[labels.indexOf('Containers')])) ?? []).map(labelOf));
  }

  async function engineFor(name: string, containers: (response: http.ServerResponse) => void): Promise<void> {
    const engine = await startFakeEngine((route, _request, response) => {
      if (route === '/version') return answerJson(response, version);
      if (route === '/containers/json') return containers(response);
      answerJson(response, []);
    });
    engines.push(engine);
    await docker.ok('context', 'create', name, '--docker', `host=${engine.host}`);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    await engineFor('drip-engine', (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('[');
      timers.push(setInterval(() => response.destroyed || response.write(' '), 100));
    });
    await engineFor('huge-engine', (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      void stream(response, hugeListing());
    });
    await engineFor('many-engine', (response) =>
      answerJson(
        response,
        Array.from({ length: 2500 }, (_, index) => container(index)),
      ),
    );
    await settings().update('engine.requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('engine.requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    for (const timer of timers) clearInterval(timer);
    for (const name of ['drip-engine', 'huge-engine', 'many-engine']) await docker.run('context', 'rm', '-f', name);
    for (const engine of engines) await engine.close();
  });

  it('a listing that drips forever stops at the request timeout, as a whole, and says so', async () => {
    const started = Date.now();
    const labels = await containersOf('drip-engine');
    const seconds = (Date.now() - started) / 1000;
    assert.deepEqual(labels, ['The listing stopped after 2 s: the engine had not finished sending it.']);
    assert.ok(seconds < 5, `took ${seconds} s`);
  });

  it('a listing of more JSON than any engine sends is dropped past the cap, and says so', async () => {
    assert.deepEqual(await containersOf('huge-engine'), ['The listing stopped: the engine sent more than 16.0MB.']);
  });

  it('2,500 containers show as the first 2,000, after a note that says so', async () => {
    const labels = await containersOf('many-engine');
    assert.equal(labels.length, 2001);
    assert.equal(labels[0], '2500 containers: showing the first 2000');
    assert.ok(labels.slice(1).every((label) => /^c-\d+$/.test(label)));
  });
});
