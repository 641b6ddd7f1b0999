/**
 * shim: what the terminal guard costs the reads typed most, against the harness's local engine,
 * each run directly (baseline) and through the `docker` launcher found first on PATH, as in an
 * integrated terminal (ours), in the same run: `docker version`, `docker --context X ps` and
 * `docker container ls` (global flags and management forms go straight through too). The
 * target: the launcher costs at most 1.3× docker itself (ratio at least 0.77).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import type { HarnessInfo } from '../test/support/harnessInfo';
import { repoRoot } from '../test/support/repoPaths';
import { runProcess } from '../test/support/runProcess';
import { type BenchResult, elapsedMs, median } from './measure';

const [warmup, runs] = [3, 21];
const commands: Record<string, string[]> = {
  shim: ['version'],
  'shim-context-ps': ['--context', 'bench', 'ps'],
  'shim-container-ls': ['container', 'ls'],
};

export async function run(harness: HarnessInfo): Promise<BenchResult[]> {
  const launcher = path.join(repoRoot, 'media', 'shim', 'docker');
  const config = await mkdtemp(path.join(os.tmpdir(), 'dcg-bench-shim-'));
  try {
    const direct = { ...process.env, DOCKER_HOST: harness.local.host, DOCKER_CONFIG: config };
    const throughLauncher = { ...direct, PATH: `${path.dirname(launcher)}:${process.env.PATH}`, DOCKER_CONTEXT_GUARD_NODE: process.execPath };
    const docker = async (args: string[], env: NodeJS.ProcessEnv) => {
      const result = await runProcess('docker', args, { env });
      if (result.code !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
    };
    await docker(['context', 'create', 'bench', '--docker', `host=${harness.local.host}`], direct);
    const results: BenchResult[] = [];
    for (const [name, args] of Object.entries(commands)) {
      // Each pair of samples back to back: on a shared machine the load drifts, and both must see the same.
      const ours: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < warmup + runs; run++) {
        const sample = [await elapsedMs(() => docker(args, throughLauncher)), await elapsedMs(() => docker(args, direct))];
        if (run < warmup) continue;
        ours.push(sample[0]);
        baseline.push(sample[1]);
      }
      results.push({ name, ours: median(ours), baseline: median(baseline), unit: 'ms' });
    }
    return results;
  } finally {
    await rm(config, { recursive: true, force: true });
  }
}
