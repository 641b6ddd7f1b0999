/**
 * probe: health of 50 contexts, 10 of which never answer (a listener that accepts and stays
 * silent), probed concurrently as the tree does versus one after another. Both sides use the same
 * connection code and a 1 s connect timeout, so the difference is only the scheduling.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { listContexts } from '../src/core/contexts/contextList';
import { ContextStore } from '../src/core/contexts/contextStore';
import { DockerConfigFile } from '../src/core/contexts/dockerConfigFile';
import { defaultTierRules } from '../src/core/contexts/tiers';
import { EngineConnections } from '../src/core/engine/engineConnections';
import { probeEngines } from '../src/core/engine/engineHealth';
import { dockerCli } from '../test/support/dockerCli';
import type { HarnessInfo } from '../test/support/harnessInfo';
import { silentServer } from '../test/support/silentServer';
import { type BenchResult, elapsedMs, medianOf } from './measure';

const connectMs = 1000;

export async function run(harness: HarnessInfo): Promise<BenchResult> {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'dcg-bench-probe-'));
  const silent = await silentServer();
  const docker = dockerCli(configDir);
  try {
    for (let i = 0; i < 50; i++) {
      const host = i % 5 === 0 ? `tcp://127.0.0.1:${silent.port}` : harness.local.host;
      await docker.ok('context', 'create', `ctx-${i}`, '--docker', `host=${host}`);
    }
    const store = new ContextStore(configDir, {});
    const contexts = (await listContexts(store, new DockerConfigFile(configDir), {}, defaultTierRules)).contexts.filter(
      (context) => context.name !== 'default',
    );
    const connections = new EngineConnections({
      tls: store.tlsFiles,
      ssh: () => {
        throw new Error('no SSH here');
      },
      timeouts: () => ({ connectMs, requestMs: 10_000 }),
    });
    const timeoutMs = connectMs + 500;
    const probeAll = (concurrency: number) =>
      elapsedMs(async () => {
        const results = await probeEngines(connections, contexts, { timeoutMs, concurrency });
        if (results.filter((result) => result.reachable).length !== 40) throw new Error('expected 40 reachable engines');
      });
    const options = { warmup: 0, runs: 3 };
    const ours = await medianOf(() => probeAll(16), options);
    const baseline = await medianOf(() => probeAll(1), options);
    connections.dispose();
    return { name: 'probe', ours, baseline, unit: 'ms' };
  } finally {
    await silent.close();
    await rm(configDir, { recursive: true, force: true });
  }
}
