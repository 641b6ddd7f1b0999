/**
 * CLI around startHarness(), for humans and scripts that run suites by hand: starts the harness,
 * prints the info file's path on stdout (and the env to use on stderr), and stops everything on
 * SIGTERM or SIGINT.   node out/test/support/startHarness.js
 */
import { startHarness } from './harness';

async function main(): Promise<void> {
  // Listen before starting, so a signal during start-up still ends in a clean stop.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const harness = await startHarness();
  try {
    console.error(
      Object.entries(harness.env)
        .map(([name, value]) => `export ${name}='${value}'`)
        .join('\n'),
    );
    process.stdout.write(`${harness.infoFile}\n`);
    await stopRequested;
  } finally {
    await harness.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
