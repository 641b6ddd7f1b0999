/**
 * The pooled SSH transport against the harness's real sshd and dockerd: dockerode works through
 * it, every request shares one SSH connection (counted by a TCP proxy in front of sshd), channels
 * beyond sshd's MaxSessions wait instead of failing, a dropped or idle connection is replaced,
 * and hijacked streams (attach with stdin) work over a dial-stdio channel.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';

import type { SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { loadDockerode } from '../../../src/core/vendor';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, eventually, harness, harnessHostKey, makeClientHome, makePool, recordingPrompts, startTcpProxy, type TcpProxy } from './sshTestSupport';

describe('SSH connection pool', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-pool');
  const pools: SshConnectionPool[] = [];
  let proxy: TcpProxy;
  let proxyUrl: string;
  let home: string;

  const pool = (options: Parameters<typeof makePool>[2] = {}) => {
    const made = makePool(home, recordingPrompts(), options);
    pools.push(made);
    return made;
  };

  before(async () => {
    proxy = await startTcpProxy(harness().ssh.port);
    proxyUrl = `ssh://${harness().ssh.user}@127.0.0.1:${proxy.port}`;
    // The harness host key, pinned for the proxy's port.
    ({ home } = await makeClientHome(await tempDir(), { knownHosts: `[127.0.0.1]:${proxy.port} ${await harnessHostKey()}\n` }));
  });

  afterEach(() => {
    for (const made of pools.splice(0)) made.closeAll();
  });

  after(() => proxy.close());

  it('answers ping and version, and reaches the harness engine', async () => {
    const info = harness();
    const made = makePool(info.home, recordingPrompts());
    pools.push(made);
    const docker = dockerVia(made, info.ssh.host);
    assert.equal(String(await docker.ping()), 'OK');
    assert.match((await docker.version()).ApiVersion, /^\d+\.\d+$/);
    const Docker = loadDockerode();
    const [viaSsh, local] = await Promise.all([docker.info(), new Docker({ socketPath: info.local.socketPath }).info()]);
    assert.equal(viaSsh.DockerRootDir, local.DockerRootDir);
    assert.equal(made.stats().connectionsMade, 1);
  });

  it('runs 20 sequential and 10 concurrent requests over ONE SSH connection', async () => {
    const before = proxy.accepted;
    const made = pool();
    const docker = dockerVia(made, proxyUrl);
    for (let i = 0; i < 20; i++) assert.equal(String(await docker.ping()), 'OK');
    const infos = await Promise.all(Array.from({ length: 10 }, () => docker.info()));
    assert.equal(new Set(infos.map((info) => info.ID)).size, 1);
    assert.equal(proxy.accepted - before, 1, 'TCP connections to sshd');
    assert.equal(made.stats().connectionsMade, 1);
    assert.equal(made.stats().openConnections, 1);
  });

  it('keeps at most 8 channels open on the connection, below sshd MaxSessions 10, and queues the rest', async () => {
    const before = proxy.accepted;
    const made = pool();
    // Two URLs for the same user@host:port share one connection but not one http.Agent.
    const urls = [proxyUrl, `ssh://127.0.0.1:${proxy.port}`];
    let maxChannels = 0;
    const sampler = setInterval(() => (maxChannels = Math.max(maxChannels, made.stats().openChannels)), 5);
    try {
      const until = Math.ceil(Date.now() / 1000) + 2;
      // Event streams that stay open until `until`: 16 requests that each hold a channel.
      const streams = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          dockerVia(made, urls[i % 2])
            .getEvents({ since: until - 2, until })
            .then((stream) => new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject).resume())),
        ),
      );
      assert.equal(streams.length, 16);
    } finally {
      clearInterval(sampler);
    }
    assert.equal(proxy.accepted - before, 1);
    assert.ok(maxChannels <= 8, `at most 8 channels at once, saw ${maxChannels}`);
    assert.ok(maxChannels >= 6, `the channels were used concurrently, saw ${maxChannels}`);
  });

  it('reconnects transparently after the connection drops', async () => {
    const before = proxy.accepted;
    const made = pool();
    const docker = dockerVia(made, proxyUrl);
    assert.equal(String(await docker.ping()), 'OK');
    proxy.dropAll();
    assert.ok(await eventually(() => made.stats().openConnections === 0), 'the pool noticed the drop');
    assert.equal(String(await docker.ping()), 'OK');
    assert.equal(String(await docker.ping()), 'OK');
    assert.equal(proxy.accepted - before, 2);
    assert.equal(made.stats().connectionsMade, 2);
  });

  describe('a connection gone silent (no FIN, no RST)', () => {
    let aliveHome: string;

    before(async () => {
      // ServerAliveInterval 1, ServerAliveCountMax 1: given up after 2 s without an answer.
      ({ home: aliveHome } = await makeClientHome(await tempDir(), {
        knownHosts: `[127.0.0.1]:${proxy.port} ${await harnessHostKey()}\n`,
        config: ['Host *', '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null', '  ServerAliveInterval 1', '  ServerAliveCountMax 1'],
      }));
    });

    const silentPool = () => {
      const made = makePool(aliveHome, recordingPrompts());
      pools.push(made);
      return made;
    };

    it('is noticed idle within the keepalive bound (interval × (count + 1)), not 46 s', async () => {
      const made = silentPool();
      await dockerVia(made, proxyUrl).ping();
      const started = Date.now();
      proxy.freezeAll();
      assert.ok(await eventually(() => made.stats().openConnections === 0, 6000), 'the silent connection was given up');
      const elapsed = Date.now() - started;
      // The first unanswered keepalive goes out within one interval of the freeze, the next tick gives up.
      assert.ok(elapsed >= 900 && elapsed <= 4000, `given up after ${elapsed} ms, bound 2000 ms`);
    });

    it('costs a new request one keepalive interval, then it is answered on a new connection', async () => {
      const made = silentPool();
      await dockerVia(made, proxyUrl).ping();
      made.agentFor(proxyUrl).destroy(); // no kept-alive channel: the next request opens one
      const before = proxy.accepted;
      proxy.freezeAll();
      const started = Date.now();
      assert.equal(String(await dockerVia(made, proxyUrl).ping()), 'OK');
      const elapsed = Date.now() - started;
      // One interval lost on the silent connection, then a new handshake (slow on a loaded machine).
      assert.ok(elapsed >= 900 && elapsed <= 4000, `answered after ${elapsed} ms, interval 1000 ms`);
      assert.equal(proxy.accepted - before, 1, 'a new connection');
    });

    it('ends a request on a kept-alive channel of it within the bound, instead of letting it hang', async () => {
      const made = silentPool();
      const docker = dockerVia(made, proxyUrl);
      await docker.ping();
      proxy.freezeAll();
      const started = Date.now();
      await docker.ping().catch(() => undefined);
      const elapsed = Date.now() - started;
      assert.ok(elapsed <= 4500, `settled after ${elapsed} ms, bound 2000 ms`);
    });
  });

  it('ends a connection after idleCloseMs without channels, and connects again on demand', async () => {
    const before = proxy.accepted;
    const made = pool({ idleCloseMs: 300 });
    const docker = dockerVia(made, proxyUrl);
    await docker.ping();
    await docker.ping();
    assert.equal(made.stats().openConnections, 1);
    // The kept-alive channel closes after 300 ms unused, then the connection 300 ms later.
    assert.ok(await eventually(() => made.stats().openConnections === 0 && proxy.open === 0, 5000), 'idle connection ended');
    await docker.ping();
    assert.equal(proxy.accepted - before, 2);
  });

  it('closeAll ends every connection, and the pool still works afterwards', async () => {
    const made = pool();
    const docker = dockerVia(made, proxyUrl);
    await docker.ping();
    const open = proxy.open;
    assert.ok(open >= 1);
    made.closeAll();
    assert.ok(await eventually(() => proxy.open === open - 1), 'the TCP connection closed');
    assert.equal(made.stats().openConnections, 0);
    assert.equal(String(await docker.ping()), 'OK');
  });

  it('carries a hijacked attach stream with stdin (half-close included) over a channel', async () => {
    const made = pool();
    const docker = dockerVia(made, proxyUrl);
    const container = await docker.createContainer({ Image: harness().image, Cmd: ['cat'], OpenStdin: true, StdinOnce: true, Tty: false });
    try {
      const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => stream.on('end', resolve));
      await container.start();
      stream.end('hello through dial-stdio\n');
      await container.wait();
      await Promise.race([ended, sleep(5000)]);
      // Multiplexed output: 8-byte frame headers, then the payload.
      assert.match(Buffer.concat(chunks).toString('latin1'), /hello through dial-stdio/);
    } finally {
      await container.remove({ force: true });
    }
  });
});
