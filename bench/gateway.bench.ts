/**
 * gateway-ssh and gateway-tls: 50 sequential `docker ps` by the real docker CLI through the engine
 * gateway (the socket of a context, the gateway holding one SSH connection, or one TLS
 * connection, across the 50) against the same 50 `docker --context NAME ps` straight to the engine,
 * where each command makes its own SSH handshake (and remote dial-stdio) or TLS handshake. Same
 * contexts, same engine, same run. Total milliseconds for the 50, median of rounds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { dockerCli } from '../test/support/dockerCli';
import { startGatewayFixture } from '../test/support/gatewayFixture';
import type { HarnessInfo } from '../test/support/harnessInfo';
import { alternatingMedians, type BenchResult, elapsedMs, medianOf } from './measure';

const commands = 50;

function fiftyPs(docker: ReturnType<typeof dockerCli>): () => Promise<number> {
  return () =>
    elapsedMs(async () => {
      for (let i = 0; i < commands; i++) await docker.ok('ps', '-q');
    });
}

export async function run(harness: HarnessInfo): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dcg-bench-gateway-'));
  const fixture = await startGatewayFixture(harness, dir, { 'bench-ssh': 'ssh', 'bench-tls': 'tls' });
  try {
    const direct = (name: string) => dockerCli(fixture.env.DOCKER_CONFIG!, { DOCKER_CONTEXT: name });
    // One warm-up each: the gateway's one connection, the CLI's files in the page cache.
    for (const context of ['bench-ssh', 'bench-tls']) await fixture.docker(context).ok('ps', '-q');
    await direct('bench-tls').ok('ps', '-q');
    // Over SSH each direct command costs a handshake and a remote docker: one round of those is plenty.
    const ssh = { ours: await medianOf(fiftyPs(fixture.docker('bench-ssh')), { warmup: 0, runs: 3 }), baseline: await fiftyPs(direct('bench-ssh'))() };
    const tls = await alternatingMedians(fiftyPs(fixture.docker('bench-tls')), fiftyPs(direct('bench-tls')), 5);
    return [
      { name: 'gateway-ssh', ...ssh, unit: 'ms' },
      { name: 'gateway-tls', ...tls, unit: 'ms' },
    ];
  } finally {
    await fixture.close();
    await rm(dir, { recursive: true, force: true });
  }
}
