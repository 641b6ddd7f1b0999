/**
 * mocha's spec reporter, plus one JSON line of counts appended to $DCG_TEST_COUNTS at the end.
 * Every suite (plain Node or inside the VS Code extension host) reports through it, so the
 * test orchestrator can print one closing "N passed, N failed" line for the whole run.
 */
import { appendFileSync } from 'node:fs';

import Mocha from 'mocha';

import { countsEnvVar, type SuiteCounts, suiteNameEnvVar } from './testCounts';

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env[countsEnvVar];
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const counts: SuiteCounts = {
        suite: process.env[suiteNameEnvVar] ?? 'tests',
        passed: stats.passes,
        failed: stats.failures,
        skipped: stats.pending,
      };
      appendFileSync(file, `${JSON.stringify(counts)}\n`);
    });
  }
}

export = CountingReporter;
