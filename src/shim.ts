/**
 * Entry point of the terminal guard (dist/shim.js), run by the `docker` launcher that the
 * extension puts first on PATH in integrated terminals (media/shim/). It is bundled on its own
 * and kept small — core/guard and a context read, never the engine clients — because it runs
 * before every docker command that is not a plain read.
 */
import { writeSync } from 'node:fs';

import { exitLikeDocker } from './core/terminal/runDocker';
import { environmentBeforeLauncher } from './core/terminal/shimEnvironment';
import { runTerminalGuard } from './core/terminal/terminalGuard';

// Straight to fd 2: no stream object is ever made for the stdio that docker inherits.
const stderr = { write: (text: string) => writeSync(2, text) };

runTerminalGuard(process.argv.slice(2), { stderr, env: environmentBeforeLauncher(process.env) }).then(exitLikeDocker, (error: unknown) => {
  stderr.write(`docker-context-guard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
