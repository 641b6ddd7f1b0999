/**
 * The gateway under stress, with the real docker CLI: an engine that goes down answers the
 * waiting clients with an error (a stream ends, a new request gets Docker's error JSON, 502) and
 * the first request after it is back reconnects; 50 clients at once on one socket all get the
 * engine's answer, and 20 open streams make no request wait; an engine that never answers holds only its own socket's clients; a long stream
 * (300 MB through an attach) leaves the gateway's memory where it was. An SSH connection that
 * drops ends its streams and the next request connects again; an SSH server gone is a 502.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { dockerCli } from '../support/dockerCli';
import { type GatewayFixture, startGatewayFixture } from '../support/gatewayFixture';
import { loadHarnessInfo } from '../support/harnessInfo';
import { listedContext } from '../support/listedContext';
import { silentServer, type TestServer } from '../support/silentServer';
import { useTempDirs } from '../support/tempDir';
import { startUnixForwarder, type UnixForwarder } from '../support/unixForwarder';
import { makeClientHome, startExtraSshd, startTcpProxy } from './ssh/sshTestSupport';

describe('the engine gateway under stress (real engines)', function () {
  this.timeout(180_000);
  const info = loadHarnessInfo();
  const tempDir = useTempDirs('gateway-robust');
  let fixture: GatewayFixture;
  let forwarder: UnixForwarder;
  let blackHole: TestServer;

  const serve = async (name: string, host: string, transport: 'unix' | 'tcp') => {
    fixture.contexts.set(name, listedContext({ name, host, transport, tier: 'development' }));
    fixture.sockets.set(name, await fixture.gateway.open(fixture.contexts.get(name)!));
  };

  before(async () => {
    const dir = await tempDir();
    fixture = await startGatewayFixture(info, dir, { 'lab-local': 'local', 'lab-tls': 'tls' });
    forwarder = await startUnixForwarder(path.join(dir, 'restarting.sock'), info.local.socketPath);
    blackHole = await silentServer();
    await serve('lab-restarting', `unix://${forwarder.socketPath}`, 'unix');
    await serve('lab-black-hole', `tcp://127.0.0.1:${blackHole.port}`, 'tcp');
  });

  after(async () => {
    await fixture.close();
    await forwarder.stop();
    await blackHole.close();
  });

  it("an engine that goes down: the stream ends, new requests get a 502 in Docker's words, and the next request after it is back reconnects", async () => {
    const docker = fixture.docker('lab-restarting');
    assert.equal((await docker.run('ps', '-q')).code, 0);
    const env = { ...fixture.env, DOCKER_HOST: fixture.sockets.get('lab-restarting')!.dockerHost };
    const events = spawn('docker', ['events'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const eventsEnded = new Promise<number | null>((resolve) => events.once('exit', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await forwarder.stop();
    assert.notEqual(await eventsEnded, 0);
    const down = await docker.run('ps', '-q');
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^Error response from daemon: Docker Context Guard's gateway could not reach the engine of "lab-restarting": /);
    await forwarder.start();
    const back = await docker.run('ps', '-q');
    assert.equal(back.code, 0, back.stderr);
  });

  it("50 clients at once on one socket all get the engine's answer", async () => {
    const docker = fixture.docker('lab-local');
    const expected = await docker.ok('version', '--format', '{{.Server.Version}}');
    const results = await Promise.all(Array.from({ length: 50 }, () => docker.run('version', '--format', '{{.Server.Version}}')));
    assert.deepEqual(
      results.map((result) => `${result.code} ${result.stdout}${result.stderr}`),
      results.map(() => `0 ${expected}`),
    );
  });

  for (const name of ['lab-local', 'lab-tls']) {
    it(`long streams never make a request wait (${name}: 20 docker events open, then ps)`, async () => {
      const env = { ...fixture.env, DOCKER_HOST: fixture.sockets.get(name)!.dockerHost };
      const streams = Array.from({ length: 20 }, () => spawn('docker', ['events'], { env, stdio: 'ignore' }));
      const exits = streams.map((child) => new Promise((resolve) => child.once('exit', resolve)));
      try {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const listed = await fixture.docker(name).run('ps', '-q');
        assert.equal(listed.code, 0, listed.stderr);
        assert.equal(streams.filter((child) => child.exitCode !== null).length, 0, 'a stream ended');
      } finally {
        for (const child of streams) child.kill();
        await Promise.all(exits);
      }
    });
  }

  it('an engine that never answers holds only its own clients', async () => {
    const env = { ...fixture.env, DOCKER_HOST: fixture.sockets.get('lab-black-hole')!.dockerHost };
    const hung = Array.from({ length: 20 }, () => spawn('docker', ['ps'], { env, stdio: 'ignore' }));
    const exits = hung.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = Date.now();
      const other = await fixture.docker('lab-local').run('ps', '-q');
      assert.equal(other.code, 0, other.stderr);
      assert.ok(Date.now() - started < 5000, `another context took ${Date.now() - started} ms`);
      assert.equal(hung.filter((child) => child.exitCode !== null).length, 0, 'the black hole answered');
    } finally {
      for (const child of hung) child.kill();
      await Promise.all(exits);
    }
  });

  it("a long stream (300 MB through an attach) leaves the gateway's memory flat", async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const env = { ...fixture.env, DOCKER_HOST: fixture.sockets.get('lab-local')!.dockerHost };
    let received = 0;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('docker', ['run', '--rm', info.image, 'head', '-c', '300000000', '/dev/zero'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk: Buffer) => (received += chunk.length));
      child.once('error', reject);
      child.once('close', resolve);
    }).finally(() => clearInterval(sampler));
    assert.equal(code, 0);
    assert.equal(received, 300_000_000);
    assert.ok(peak - before < 64 * 1024 * 1024, `the gateway's process grew by ${Math.round((peak - before) / 1048576)} MB`);
  });

  it('an SSH connection that drops: the stream ends, the next request connects again; the server gone: a 502', async () => {
    const dir = await tempDir();
    const sshd = await startExtraSshd(path.join(dir, 'sshd'), [`SetEnv DOCKER_HOST=${info.local.host}`]);
    const proxy = await startTcpProxy(sshd.port);
    const { home } = await makeClientHome(path.join(dir, 'home'), { knownHosts: `${sshd.knownHostsLine.replace(`:${sshd.port} `, `:${proxy.port} `)}\n` });
    const ssh = await startGatewayFixture(info, dir, {}, { HOME: home });
    try {
      const context = listedContext({
        name: 'lab-ssh-dropping',
        host: `ssh://${info.ssh.user}@127.0.0.1:${proxy.port}`,
        transport: 'ssh',
        tier: 'development',
      });
      const socket = await ssh.gateway.open(context);
      const docker = dockerCli(ssh.env.DOCKER_CONFIG!, { DOCKER_HOST: socket.dockerHost });
      assert.equal((await docker.run('ps', '-q')).code, 0);
      const events = spawn('docker', ['events'], { env: { ...ssh.env, DOCKER_HOST: socket.dockerHost }, stdio: 'ignore' });
      const eventsEnded = new Promise<number | null>((resolve) => events.once('exit', (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const connectionsBefore = proxy.accepted;
      proxy.dropAll();
      assert.notEqual(await eventsEnded, 0);
      const again = await docker.run('ps', '-q');
      assert.equal(again.code, 0, again.stderr);
      assert.ok(proxy.accepted > connectionsBefore, 'no new SSH connection was made');
      await sshd.stop();
      proxy.dropAll();
      const gone = await docker.run('ps', '-q');
      assert.equal(gone.code, 1);
      assert.match(gone.stderr, /^Error response from daemon: Docker Context Guard's gateway could not reach the engine of "lab-ssh-dropping": /);
    } finally {
      await ssh.close();
      await proxy.close();
      await sshd.stop();
    }
  });
});
