/**
 * The test orchestrator behind `npm test [-- SUITE…]`: one harness of real engines for the whole
 * run, then the suites in order — unit and engines (mocha in Node), integration (mocha inside a
 * real VS Code extension host), quickstart (the workbench `npm start` serves, driven in Chromium), package (the .vsix installed into a real VS Code) — each with the harness's HOME, DOCKER_CONFIG and description in
 * its environment. It ends with the closing line "N passed, N failed" over every suite.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { runIntegrationSuite } from './integration/runOffline';
import { startHarness } from './support/harness';
import { repoRoot } from './support/repoPaths';
import { closingLine, countsEnvVar, readCounts, type SuiteCounts, suiteNameEnvVar } from './support/testCounts';

// `package` rebuilds dist/ for production, so it runs last.
const suites = ['unit', 'engines', 'integration', 'quickstart', 'package'] as const;
type Suite = (typeof suites)[number];

function runMocha(suite: Suite, env: NodeJS.ProcessEnv): Promise<number> {
  const args = [
    path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--recursive',
    '--timeout',
    '30000',
    '--reporter',
    path.join(__dirname, 'support', 'countingReporter.js'),
    path.join(__dirname, suite),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(suites as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; the suites are ${suites.join(', ')}`);
    return 2;
  }
  const selected = suites.filter((suite) => requested.length === 0 || requested.includes(suite));
  const started = Date.now();
  const harness = await startHarness();
  const countsFile = path.join(harness.info.root, 'counts.jsonl');
  const exitCodes = new Map<Suite, number>();
  let counts: SuiteCounts[];
  try {
    for (const suite of selected) {
      console.log(`\n=== ${suite} ===`);
      const env = { ...process.env, ...harness.env, [countsEnvVar]: countsFile, [suiteNameEnvVar]: suite };
      exitCodes.set(suite, suite === 'integration' ? await runIntegrationSuite({ env }) : await runMocha(suite, env));
    }
  } finally {
    counts = await readCounts(countsFile);
    await harness.stop();
  }
  console.log('');
  let allPassed = true;
  for (const suite of selected) {
    const count = counts.find((entry) => entry.suite === suite);
    const exitCode = exitCodes.get(suite);
    if (!count || exitCode !== 0) allPassed = false;
    console.log(`${suite}: ${count ? closingLine([count]) : 'no result (the suite did not finish)'}, exit code ${exitCode}`);
  }
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(closingLine(counts));
  return allPassed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
