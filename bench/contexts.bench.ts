/**
 * contexts: listing 1,000 contexts in process (what the tree does on every store change) versus
 * spawning `docker context ls --format json` (what a tool that shells out to the CLI pays).
 * The store is written in the Docker CLI's own layout, in a temp DOCKER_CONFIG.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { listContexts } from '../src/core/contexts/contextList';
import { contextDirName } from '../src/core/contexts/contextNames';
import { ContextStore } from '../src/core/contexts/contextStore';
import { DockerConfigFile } from '../src/core/contexts/dockerConfigFile';
import { defaultTierRules } from '../src/core/contexts/tiers';
import { runProcess } from '../test/support/runProcess';
import { type BenchResult, elapsedMs, medianOf } from './measure';

const contextCount = 1000;
const hosts = ['ssh://ops@host-{i}', 'tcp://10.1.{i}.1:2376', 'unix:///run/docker-{i}.sock'];

async function writeStore(configDir: string): Promise<void> {
  await Promise.all(
    Array.from({ length: contextCount }, async (_, i) => {
      const name = `ctx-${i}`;
      const dir = path.join(configDir, 'contexts', 'meta', contextDirName(name));
      await mkdir(dir, { recursive: true });
      const host = hosts[i % hosts.length].replace('{i}', String(i % 250));
      await writeFile(
        path.join(dir, 'meta.json'),
        JSON.stringify({ Name: name, Metadata: { Description: `context ${i}` }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
      );
    }),
  );
}

export async function run(): Promise<BenchResult> {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'dcg-bench-contexts-'));
  try {
    await writeStore(configDir);
    const env = { DOCKER_CONFIG: configDir };
    const store = new ContextStore(configDir, env);
    const configFile = new DockerConfigFile(configDir);
    const ours = await medianOf(() =>
      elapsedMs(async () => {
        const { contexts } = await listContexts(store, configFile, env, defaultTierRules);
        if (contexts.length !== contextCount + 1) throw new Error(`listed ${contexts.length} contexts`);
      }),
    );
    const baseline = await medianOf(() =>
      elapsedMs(async () => {
        const result = await runProcess('docker', ['context', 'ls', '--format', 'json'], {
          env: { ...process.env, ...env, DOCKER_HOST: '', DOCKER_CONTEXT: '' },
        });
        if (result.code !== 0 || result.stdout.trim().split('\n').length !== contextCount + 1) throw new Error(`docker context ls failed: ${result.stderr}`);
      }),
    );
    return { name: 'contexts', ours, baseline, unit: 'ms' };
  } finally {
    await rm(configDir, { recursive: true, force: true });
  }
}
