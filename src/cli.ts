/** Entry point of the companion CLI (dist/cli.js, also installable as the Docker CLI plugin `docker-guard`). */
import { runCli } from './cli/main';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`docker-context-guard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
