/**
 * `exec -- DOCKER-ARGS…`: runs docker through the terminal guard, exactly as the `docker`
 * launcher in an integrated terminal does: reads straight through, changes to a guarded engine
 * only after a confirmation (or with DOCKER_GUARD_CONFIRM=<context>), the exit status docker's.
 */
import { exitLikeDocker } from '../../core/terminal/runDocker';
import { runTerminalGuard } from '../../core/terminal/terminalGuard';
import type { CliCommand } from '../io';
import { dockerCommandLine } from '../parseOptions';

export const execCommand: CliCommand = {
  name: 'exec',
  summary: 'Run a docker command through the guard (as the terminal shim does)',
  usage: '-- DOCKER-ARGS…',
  async run(args, io) {
    const exit = await runTerminalGuard(dockerCommandLine(args, io), io);
    // Dying of docker's signal is the one thing a returned exit code cannot say.
    if (exit.signal) exitLikeDocker(exit);
    return exit.status;
  },
};
