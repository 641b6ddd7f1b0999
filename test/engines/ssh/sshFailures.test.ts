/**
 * Failures told apart by reason, against real servers: nothing listening (refused, at once), a TCP
 * listener that never speaks SSH (timeout, within connectTimeoutMs), an engine's TLS port (no SSH
 * server), and two throwaway sshd whose sessions have no `docker` on PATH (dockerNotFound) or a
 * docker that cannot reach its engine.
 */
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { join } from 'node:path';

import { SshConnectError, type SshConnectionPool } from '../../../src/core/engine/ssh/sshConnectionPool';
import { freePort } from '../../support/ports';
import { useTempDirs } from '../../support/tempDir';
import { dockerVia, type ExtraSshd, failureOf, harness, makeClientHome, makePool, recordingPrompts, startExtraSshd } from './sshTestSupport';

describe('SSH connection failures', function () {
  this.timeout(60_000);
  const tempDir = useTempDirs('ssh-failures');
  const pools: SshConnectionPool[] = [];
  const keep = (pool: SshConnectionPool) => (pools.push(pool), pool);

  afterEach(() => {
    for (const pool of pools.splice(0)) pool.closeAll();
  });

  it('reports refused at once when nothing listens on the port', async () => {
    const port = await freePort();
    const pool = keep(makePool(harness().home, recordingPrompts()));
    const started = Date.now();
    const error = await failureOf(dockerVia(pool, `ssh://root@127.0.0.1:${port}`).ping());
    assert.ok(SshConnectError.is(error, 'refused'), String(error));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('reports timeout within connectTimeoutMs when the server accepts but never speaks', async () => {
    const silent = new Set<net.Socket>();
    const server = net.createServer((socket) => silent.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const pool = keep(makePool(harness().home, recordingPrompts(), { connectTimeoutMs: 800 }));
      const started = Date.now();
      const error = await failureOf(dockerVia(pool, `ssh://root@127.0.0.1:${port}`).ping());
      const elapsed = Date.now() - started;
      assert.ok(SshConnectError.is(error, 'timeout'), String(error));
      assert.ok(elapsed >= 700 && elapsed < 800 + 1500, `took ${elapsed} ms`);
      assert.equal(silent.size, 1, 'it did reach the listener');
    } finally {
      for (const socket of silent) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("says the port is no SSH server when a web server answers there (the TLS engine's port, say)", async () => {
    const pool = keep(makePool(harness().home, recordingPrompts()));
    const error = await failureOf(dockerVia(pool, `ssh://root@127.0.0.1:${harness().tls.port}`).ping());
    assert.ok(SshConnectError.is(error, 'refused'), String(error));
    assert.match(error.message, /is not an SSH server/);
  });

  describe('on hosts with a broken docker', () => {
    let noDocker: ExtraSshd;
    let noEngine: ExtraSshd;
    let home: string;

    before(async () => {
      const dir = await tempDir();
      [noDocker, noEngine] = await Promise.all([
        startExtraSshd(join(dir, 'no-docker'), ['SetEnv PATH=/nonexistent']),
        startExtraSshd(join(dir, 'no-engine'), [`SetEnv DOCKER_HOST=unix://${join(dir, 'missing.sock')} DOCKER_CONFIG=${join(dir, 'docker-config')}`]),
      ]);
      ({ home } = await makeClientHome(join(dir, 'home'), { knownHosts: `${noDocker.knownHostsLine}\n${noEngine.knownHostsLine}\n` }));
    });

    after(async () => {
      await Promise.all([noDocker?.stop(), noEngine?.stop()]);
    });

    it('reports dockerNotFound when the host has no docker command, and keeps the SSH connection', async () => {
      const pool = keep(makePool(home, recordingPrompts()));
      const docker = dockerVia(pool, `ssh://root@127.0.0.1:${noDocker.port}`);
      const error = await failureOf(docker.ping());
      assert.ok(SshConnectError.is(error, 'dockerNotFound'), String(error));
      assert.match(error.message, /no docker command on root@127\.0\.0\.1/);
      assert.match(error.message, /command not found|not found/);
      // Only the channel failed: a retry fails the same way over the same connection.
      assert.ok(SshConnectError.is(await failureOf(docker.version()), 'dockerNotFound'));
      assert.equal(pool.stats().connectionsMade, 1);
    });

    it("reports dial-stdio's own complaint when docker cannot reach its engine", async () => {
      const pool = keep(makePool(home, recordingPrompts()));
      const error = await failureOf(dockerVia(pool, `ssh://root@127.0.0.1:${noEngine.port}`).ping());
      assert.ok(SshConnectError.is(error, 'refused'), String(error));
      assert.match(error.message, /dial-stdio/);
      assert.match(error.message, /missing\.sock/);
    });
  });
});
