/**
 * `npm run bench`: starts the real engines of the test harness once, runs every
 * `bench/*.bench.ts` in name order (or only those named on the command line) and prints one
 * `BENCH <name> ours=… baseline=… ratio=…` line each. Benchmarks report; they never fail on a timing.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

import { startHarness } from '../test/support/harness';
import type { HarnessInfo } from '../test/support/harnessInfo';
import { type BenchResult, formatBenchLine } from './measure';

interface BenchModule {
  run(harness: HarnessInfo): Promise<BenchResult | BenchResult[]>;
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.js$/, '')))
    .sort();
  const harness = await startHarness();
  Object.assign(process.env, harness.env);
  let failures = 0;
  try {
    for (const file of files) {
      const bench = require(path.join(__dirname, file)) as BenchModule;
      try {
        for (const result of [await bench.run(harness.info)].flat()) console.log(formatBenchLine(result));
      } catch (error) {
        failures++;
        console.error(`bench ${file}: ${(error as Error).stack ?? error}`);
      }
    }
  } finally {
    await harness.stop();
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
