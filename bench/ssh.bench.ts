/**
 * ssh: 50 sequential `ping()` requests to the harness engine over SSH. Ours: the pooled connection
 * (one SSH handshake, warmed up by one request first; each request reuses a dial-stdio channel).
 * Baseline: dockerode's built-in SSH transport, which makes a TCP + SSH handshake and starts a
 * remote `docker system dial-stdio` for every request. Total milliseconds for the 50, median of rounds.
 */
import { readFileSync } from 'node:fs';
import type * as http from 'node:http';

import type Dockerode from 'dockerode';

import { SshConnectionPool } from '../src/core/engine/ssh/sshConnectionPool';
import { loadDockerode } from '../src/core/vendor';
import type { HarnessInfo } from '../test/support/harnessInfo';
import { type BenchResult, elapsedMs, medianOf } from './measure';

const requests = 50;

async function fiftyPings(docker: Dockerode): Promise<number> {
  return elapsedMs(async () => {
    for (let i = 0; i < requests; i++) await docker.ping();
  });
}

export async function run(harness: HarnessInfo): Promise<BenchResult> {
  const Docker = loadDockerode();
  const pool = new SshConnectionPool({
    home: harness.home,
    env: { HOME: harness.home },
    connectTimeoutMs: 10_000,
    idleCloseMs: 60_000,
    prompts: { confirmUnknownHost: async () => false, passphrase: async () => undefined },
  });
  try {
    const oursOptions: Dockerode.DockerOptions & { agent: http.Agent } = {
      protocol: 'http',
      host: 'localhost',
      port: 2375,
      agent: pool.agentFor(harness.ssh.host),
    };
    const ours = new Docker(oursOptions);
    await ours.ping(); // the one handshake, outside the measurement
    const baseline = new Docker({
      protocol: 'ssh',
      host: harness.ssh.hostname,
      port: harness.ssh.port,
      username: harness.ssh.user,
      sshOptions: { privateKey: readFileSync(harness.ssh.identityFile) },
    });
    return {
      name: 'ssh',
      ours: await medianOf(() => fiftyPings(ours), { warmup: 1, runs: 5 }),
      baseline: await medianOf(() => fiftyPings(baseline), { warmup: 0, runs: 3 }),
      unit: 'ms',
    };
  } finally {
    pool.closeAll();
  }
}
