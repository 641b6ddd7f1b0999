/**
 * shim: what the terminal guard costs a docker command. `docker version` against the harness's
 * local engine, run directly (baseline) and through the `docker` launcher found first on PATH,
 * as in an integrated terminal (ours). The target: the launcher adds less than half of what
 * `docker version` itself takes (ratio above 0.67).
 */
import * as path from 'node:path';
import type { HarnessInfo } from '../test/support/harnessInfo';
import { repoRoot } from '../test/support/repoPaths';
import { runProcess } from '../test/support/runProcess';
import { elapsedMs, medianOf, type BenchResult } from './measure';

export async function run(harness: HarnessInfo): Promise<BenchResult> {
  const launcher = path.join(repoRoot, 'media', 'shim', 'docker');
  const direct = { ...process.env, DOCKER_HOST: harness.local.host };
  const throughLauncher = { ...direct, PATH: `${path.dirname(launcher)}:${process.env.PATH}`, DOCKER_CONTEXT_GUARD_NODE: process.execPath };
  const time = (env: NodeJS.ProcessEnv) =>
    elapsedMs(async () => {
      const result = await runProcess('docker', ['version'], { env });
      if (result.code !== 0) throw new Error(`docker version failed: ${result.stderr}`);
    });
  const options = { warmup: 3, runs: 21 };
  return { name: 'shim', ours: await medianOf(() => time(throughLauncher), options), baseline: await medianOf(() => time(direct), options), unit: 'ms' };
}
