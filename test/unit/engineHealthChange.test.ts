/**
 * What the log hears of a context's health: a change of state once, never every probe of a dead
 * host. Real probes through the real connection factory, of loopback listeners only — a fake
 * engine (answers), a closed port (refused) and a listener that never answers (timeout) — give
 * the results; the timeout they name is the probe's one figure, the connect timeout.
 */
import * as assert from 'node:assert/strict';

import type { DockerContext } from '../../src/core/contexts/dockerContext';
import { EngineConnections } from '../../src/core/engine/engineConnections';
import { type EngineHealth, healthChange, probeEngine } from '../../src/core/engine/engineHealth';
import { probeTimeoutMs } from '../../src/core/engine/engineTimeouts';
import { answerJson, type FakeEngine, startFakeEngine } from '../support/fakeEngine';
import { listedContext } from '../support/listedContext';
import { freePort } from '../support/ports';
import { silentServer, type TestServer } from '../support/silentServer';

const timeouts = { connectMs: 300, requestMs: 10_000 };

describe('health changes: what the log says, once', () => {
  let engine: FakeEngine;
  let silent: TestServer;
  let connections: EngineConnections;
  const hosts: Record<'answers' | 'refused' | 'silent', string> = { answers: '', refused: '', silent: '' };

  before(async () => {
    engine = await startFakeEngine((route, _request, response) =>
      answerJson(response, route === '/version' ? { Version: '28.0.0', ApiVersion: '1.48', Os: 'linux', Arch: 'amd64' } : {}),
    );
    silent = await silentServer();
    Object.assign(hosts, { answers: engine.host, refused: `tcp://127.0.0.1:${await freePort()}`, silent: `tcp://127.0.0.1:${silent.port}` });
    connections = new EngineConnections({ tls: { read: async () => undefined }, ssh: () => assert.fail('no SSH here'), timeouts: () => timeouts });
    // The first probe loads dockerode, which may take longer than a short timeout.
    await probe('answers');
  });

  after(async () => {
    connections.dispose();
    await Promise.all([engine.close(), silent.close()]);
  });

  /** The same context name, pointed at each engine in turn (the connection is re-made per endpoint). */
  const probe = (at: keyof typeof hosts): Promise<EngineHealth> => {
    const host = hosts[at];
    const context: DockerContext = listedContext({ name: 'box', host, transport: host.startsWith('unix:') ? 'unix' : 'tcp', tier: 'local' });
    return probeEngine(connections, context, probeTimeoutMs(timeouts));
  };

  it('logs going unreachable, a different failure and coming back, each once; nothing while a state holds', async () => {
    const sequence = ['answers', 'answers', 'refused', 'refused', 'silent', 'silent', 'answers', 'answers'] as const;
    const results: EngineHealth[] = [];
    for (const at of sequence) results.push(await probe(at));
    assert.deepEqual(
      results.map((result) => result.errorReason),
      [null, null, 'refused', 'refused', 'timeout', 'timeout', null, null],
    );
    // The timeout named is the connect timeout, the figure `ping --timeout` and the setting give.
    assert.match(results[4].error ?? '', /within 0\.3 s/);
    const logged = results.map((next, index) => healthChange(results[index - 1], next));
    assert.deepEqual(logged, [
      undefined,
      undefined,
      `box: ${results[2].error}`,
      undefined,
      `box: ${results[4].error}`,
      undefined,
      `box: reachable again (${results[6].latencyMs} ms)`,
      undefined,
    ]);
  });

  it('a first probe that fails is logged; one that answers is not', async () => {
    assert.match(healthChange(undefined, await probe('silent')) ?? '', /^box: No answer from .* within 0\.3 s/);
    assert.equal(healthChange(undefined, await probe('answers')), undefined);
  });
});
