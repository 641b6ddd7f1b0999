/**
 * Connections the engine takes over, through the gateway, byte for byte as directly: BuildKit's
 * `/grpc` and `/session` (an `Upgrade: h2c`, then HTTP/2 both ways: the client's preface and
 * SETTINGS answered by the engine's SETTINGS and its ACK; the engine opening its own session
 * preface) and the legacy attach that asks for no upgrade (the raw stream is the answer, to the
 * end of the connection). The oracle is the local engine's own socket, spoken to the same way.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';

import { dockerCli } from '../support/dockerCli';
import { eventually } from '../support/eventually';
import { directArgs, type GatewayFixture, type HarnessEngine, startGatewayFixture } from '../support/gatewayFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { useTempDirs } from '../support/tempDir';

/** Writes `request`, then `after` once `ready(received)` holds; resolves what came back once `done(received)` holds (or the connection ended). */
function exchange(
  socketPath: string,
  request: string,
  ready: (received: Buffer) => boolean,
  after: Buffer,
  done: (received: Buffer) => boolean,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: socketPath });
    let received = Buffer.alloc(0);
    let sent = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no full answer; got ${JSON.stringify(received.toString('latin1'))}`));
    }, 10_000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!sent && ready(received)) {
        sent = true;
        socket.write(after);
      }
      if (sent && done(received)) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

const headEnd = (received: Buffer) => received.includes('\r\n\r\n');
const statusLine = (received: Buffer) => received.toString('latin1').split('\r\n', 1)[0];
const clientPreface = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]);
/** An HTTP/2 SETTINGS frame with the ACK flag: the engine answered what we sent after the upgrade. */
const settingsAck = Buffer.from([0, 0, 0, 4, 1, 0, 0, 0, 0]);
const upgrade = (path: string, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n${extra}Content-Length: 0\r\n\r\n`;

describe('the engine gateway passes taken-over connections through (real engines)', function () {
  this.timeout(60_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('gateway-hijack');
  let fixture: GatewayFixture;
  const engines: HarnessEngine[] = ['local', 'tls', 'ssh'];
  const made: { engine: HarnessEngine; id: string }[] = [];

  before(async () => {
    fixture = await startGatewayFixture(info, await tempDir(), { 'lab-local': 'local', 'lab-tls': 'tls', 'lab-ssh': 'ssh' });
  });

  after(async () => {
    const direct = dockerCli(fixture.env.DOCKER_CONFIG!);
    await Promise.all(made.map(({ engine, id }) => direct.run(...directArgs(info, engine), 'rm', '-f', id)));
    await fixture.close();
  });

  const grpc = (socketPath: string) => exchange(socketPath, upgrade('/grpc'), headEnd, clientPreface, (received) => received.includes(settingsAck));
  const session = (socketPath: string) =>
    exchange(
      socketPath,
      upgrade('/session', 'X-Docker-Expose-Session-Uuid: gateway-test\r\nX-Docker-Expose-Session-Name: test\r\nX-Docker-Expose-Session-Sharedkey: k\r\n'),
      headEnd,
      Buffer.alloc(0),
      (received) => received.includes('PRI * HTTP/2.0'),
    );

  it('the local engine itself: the oracle answers as expected', async () => {
    const answer = await grpc(info.local.socketPath);
    assert.equal(statusLine(answer), 'HTTP/1.1 101 Switching Protocols');
    assert.ok(answer.includes(settingsAck));
  });

  for (const engine of engines) {
    it(`over ${engine}: /grpc upgrades to h2c and HTTP/2 flows both ways, /session gets the engine's preface`, async () => {
      const socketPath = fixture.sockets.get(`lab-${engine}`)!.socketPath;
      const [viaGateway, directly] = await Promise.all([grpc(socketPath), grpc(info.local.socketPath)]);
      assert.equal(statusLine(viaGateway), statusLine(directly));
      assert.match(viaGateway.toString('latin1'), /\r\nUpgrade: h2c\r\n/i);
      assert.ok(viaGateway.includes(settingsAck));
      const opened = await session(socketPath);
      assert.equal(statusLine(opened), 'HTTP/1.1 101 Switching Protocols');
      assert.ok(opened.includes('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    });

    it(`over ${engine}: a legacy attach without Upgrade answers the raw stream, as directly`, async () => {
      const docker = fixture.docker(`lab-${engine}`);
      const id = (await docker.ok('run', '-d', info.image, 'sh', '-c', 'echo first; sleep 0.2; echo second >&2; sleep 600')).trim();
      made.push({ engine, id });
      await eventually(
        () => docker.run('logs', id),
        (logs) => logs.stderr.includes('second'),
        'the second line',
        10_000,
      );
      const request = `POST /containers/${id}/attach?logs=1&stream=0&stdout=1&stderr=1 HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n`;
      const stream = (received: Buffer) => received.subarray(received.indexOf('\r\n\r\n') + 4);
      const viaGateway = await exchange(
        fixture.sockets.get(`lab-${engine}`)!.socketPath,
        request,
        () => false,
        Buffer.alloc(0),
        () => false,
      );
      assert.equal(statusLine(viaGateway), 'HTTP/1.1 200 OK');
      assert.match(viaGateway.toString('latin1'), /\r\nContent-Type: application\/vnd\.docker\.(raw|multiplexed)-stream\r\n/i);
      // Docker's multiplexed frames: stream 1 "first\n", stream 2 "second\n".
      const frames = Buffer.concat([
        Buffer.from([1, 0, 0, 0, 0, 0, 0, 6]),
        Buffer.from('first\n'),
        Buffer.from([2, 0, 0, 0, 0, 0, 0, 7]),
        Buffer.from('second\n'),
      ]);
      assert.deepEqual(stream(viaGateway), frames);
      if (engine === 'local') {
        const directly = await exchange(
          info.local.socketPath,
          request,
          () => false,
          Buffer.alloc(0),
          () => false,
        );
        assert.deepEqual(stream(viaGateway), stream(directly));
      }
    });
  }
});
