/**
 * The gateway's own behaviour, in front of a fake engine: its folder and sockets (0700, 0600,
 * one per context, open twice is the same socket, a stale socket replaced, a live one refused,
 * close removes it), what the policy is asked (reads never; a change with its operation, targets,
 * API path without the query; a body past the cap weighed as unreadable), what the client gets
 * (403 in Docker's error JSON, on an upgrade too; 502 when the upstream cannot be had) and what
 * the observer is told (the engine's status code, done or failed); a client gone before the answer
 * has nothing sent for it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, stat } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';

import { SocketAgent } from '../../../src/core/engine/connectTimeoutAgents';
import { unreadableBody } from '../../../src/core/engineApi/apiRoutes';
import { EngineGateway, GatewayError } from '../../../src/core/gateway/engineGateway';
import { gatewaySocketPath } from '../../../src/core/gateway/gatewaySockets';
import type { GuardPolicy, GuardRequest, GuardSettled } from '../../../src/core/guard/guard';
import { eventually } from '../../support/eventually';
import { type FakeEngine, startFakeEngine } from '../../support/fakeEngine';
import { listedContext } from '../../support/listedContext';
import { rawRequest } from '../../support/rawHttp';
import { useTempDirs } from '../../support/tempDir';

describe('engine gateway (fake engine)', () => {
  const tempDir = useTempDirs('engine-gateway');
  let engine: FakeEngine;
  let received: { method: string; url: string; bytes: number }[];
  let asked: GuardRequest[];
  let settled: GuardSettled[];
  let allow: boolean;
  let gateways: EngineGateway[];
  /** While set, the policy waits for it: a question still open. */
  let answerLater: Promise<void> | undefined;

  const policy: GuardPolicy = async (request) => {
    asked.push(request);
    await answerLater;
    return allow;
  };
  const context = listedContext({ name: 'prod-eu', host: 'unix:///fake', transport: 'unix', tier: 'production' });
  const gatewayIn = (directory: string, upstreamFails = false) => {
    const gateway = new EngineGateway({
      directory,
      upstream: async () => {
        if (upstreamFails) throw new Error('no TLS keys for "prod-eu"');
        return { agent: new SocketAgent(1000, { maxSockets: Infinity, maxFreeSockets: 16 }, engine.socketPath), protocol: 'http:', host: 'localhost' };
      },
      policy,
      observe: (entry) => settled.push(entry),
    });
    gateways.push(gateway);
    return gateway;
  };

  beforeEach(async () => {
    received = [];
    asked = [];
    settled = [];
    allow = false;
    gateways = [];
    answerLater = undefined;
    engine = await startFakeEngine((_route, request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, bytes });
        const status = request.method === 'DELETE' && request.url!.includes('missing') ? 404 : request.method === 'DELETE' ? 204 : 200;
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 204 ? '' : '{"message":"engine"}');
      });
    });
  });

  afterEach(async () => {
    await Promise.all(gateways.map((gateway) => gateway.dispose()));
    await engine.close();
  });

  it('keeps its sockets in a folder of the user alone: 0700, each socket 0600, one per context, removed on close', async () => {
    const directory = path.join(await tempDir(), 'gw');
    await mkdir(directory, { mode: 0o755 });
    await chmod(directory, 0o755);
    const gateway = gatewayIn(directory);
    const first = await gateway.open(context);
    assert.deepEqual(first, {
      context: 'prod-eu',
      socketPath: gatewaySocketPath(directory, 'prod-eu'),
      dockerHost: `unix://${gatewaySocketPath(directory, 'prod-eu')}`,
    });
    assert.deepEqual(await gateway.open(context), first);
    assert.equal((await stat(directory)).mode & 0o777, 0o700);
    assert.equal((await stat(first.socketPath)).mode & 0o777, 0o600);
    assert.deepEqual(gateway.contexts(), ['prod-eu']);
    await gateway.close('prod-eu');
    assert.deepEqual(gateway.contexts(), []);
    await assert.rejects(stat(first.socketPath), { code: 'ENOENT' });
  });

  it('replaces a stale socket, and refuses to take over one another gateway serves', async () => {
    const directory = path.join(await tempDir(), 'gw');
    await mkdir(directory, { mode: 0o700 });
    const socketPath = gatewaySocketPath(directory, 'prod-eu');
    // A socket file nobody listens on, as a killed gateway leaves it.
    const bound = spawnSync('python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', socketPath]);
    assert.equal(bound.status, 0, bound.stderr.toString());
    await gatewayIn(directory).open(context);
    await assert.rejects(
      gatewayIn(directory).open(context),
      (error: Error) => error instanceof GatewayError && /another gateway already serves "prod-eu"/.test(error.message),
    );
  });

  it("reads go straight through; a change is asked with its operation, targets and path, and refused with Docker's error JSON", async () => {
    const { socketPath } = await gatewayIn(await tempDir()).open(context);
    const listed = await rawRequest(socketPath, 'GET /v1.47/containers/json?all=1 HTTP/1.1');
    assert.equal(listed.status, 200);
    assert.deepEqual(asked, []);
    const refused = await rawRequest(socketPath, 'DELETE /v1.47/containers/web?force=1 HTTP/1.1');
    assert.equal(refused.status, 403);
    assert.match(
      JSON.parse(refused.body).message as string,
      /^container rm on "prod-eu" \(tier production\) was refused by Docker Context Guard: .* docker guard elevate prod-eu --for 15m --reason "…"$/,
    );
    assert.deepEqual(
      asked.map(({ operation, operationClass, targets, source, api }) => ({ operation, operationClass, targets, source, api })),
      [{ operation: 'container rm', operationClass: 'destroy', targets: ['web'], source: 'gateway', api: { method: 'DELETE', path: '/v1.47/containers/web' } }],
    );
    assert.deepEqual(
      received.map(({ method, url }) => `${method} ${url}`),
      ['GET /v1.47/containers/json?all=1'],
    );
    assert.deepEqual(
      settled.map(({ outcome }) => outcome),
      ['declined'],
    );
  });

  it('an unknown route is a change; a request that upgrades its connection is refused before it is forwarded', async () => {
    const { socketPath } = await gatewayIn(await tempDir()).open(context);
    assert.equal((await rawRequest(socketPath, 'POST /v1.47/containers/web/frobnicate HTTP/1.1')).status, 403);
    const upgrade = await rawRequest(socketPath, 'POST /v1.47/containers/web/attach?stream=1&stdin=1 HTTP/1.1', '', ['Connection: Upgrade', 'Upgrade: tcp']);
    assert.equal(upgrade.status, 403);
    assert.match(JSON.parse(upgrade.body).message as string, /^container attach on "prod-eu"/);
    assert.deepEqual(
      asked.map(({ operation }) => operation),
      ['POST /containers/web/frobnicate', 'container attach'],
    );
    assert.deepEqual(received, []);
  });

  it('a deciding body past the cap is weighed as unreadable, and still reaches the engine whole once allowed', async () => {
    allow = true;
    const { socketPath } = await gatewayIn(await tempDir()).open(context);
    const body = JSON.stringify({ Image: 'busybox', Env: [`BIG=${'x'.repeat(2 * 1024 * 1024)}`] });
    const created = await rawRequest(socketPath, 'POST /v1.47/containers/create?name=big HTTP/1.1', body);
    assert.equal(created.status, 200);
    assert.deepEqual(asked[0].hostAccess, [unreadableBody]);
    assert.deepEqual(asked[0].targets, ['big']);
    assert.equal(received[0].bytes, Buffer.byteLength(body));
  });

  it("tells the observer the engine's status: done with 204, failed with 404", async () => {
    allow = true;
    const { socketPath } = await gatewayIn(await tempDir()).open(context);
    assert.equal((await rawRequest(socketPath, 'DELETE /containers/web HTTP/1.1')).status, 204);
    assert.equal((await rawRequest(socketPath, 'DELETE /containers/missing HTTP/1.1')).status, 404);
    assert.deepEqual(
      settled.map(({ outcome, engineStatus }) => `${outcome} ${engineStatus}`),
      ['done 204', 'failed 404'],
    );
  });

  it('a client that leaves while its request is asked: allowed afterwards, nothing is sent to the engine', async () => {
    allow = true;
    let answer = () => undefined as void;
    answerLater = new Promise<void>((resolve) => (answer = resolve));
    const { socketPath } = await gatewayIn(await tempDir()).open(context);
    const client = net.connect({ path: socketPath });
    client.on('error', () => undefined);
    client.write('DELETE /containers/web HTTP/1.1\r\nHost: docker\r\n\r\n');
    await eventually(
      () => asked.length,
      (count) => count === 1,
      'the question',
    );
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer();
    await eventually(
      () => settled.length,
      (count) => count === 1,
      'the outcome',
    );
    assert.equal(settled[0].outcome, 'failed');
    assert.match(String(settled[0].error), /the client went away/);
    assert.deepEqual(received, []);
  });

  it("an upstream it cannot have: 502 in Docker's words, the failure told to the observer", async () => {
    allow = true;
    const { socketPath } = await gatewayIn(await tempDir(), true).open(context);
    const answer = await rawRequest(socketPath, 'GET /_ping HTTP/1.1');
    assert.equal(answer.status, 502);
    assert.equal(JSON.parse(answer.body).message, 'Docker Context Guard\'s gateway could not reach the engine of "prod-eu": no TLS keys for "prod-eu"');
    assert.equal((await rawRequest(socketPath, 'DELETE /containers/web HTTP/1.1')).status, 502);
    assert.deepEqual(
      settled.map(({ outcome }) => outcome),
      ['failed'],
    );
  });
});
