/**
 * How the guard asks in a terminal (the policy itself is confirmationPolicy.ts): the user on the
 * terminal answers y/N, or types the context's name on production. With no terminal to ask on
 * (a script, CI), DOCKER_GUARD_CONFIRM naming the context confirms; without it the command is
 * refused with one line that says how to proceed — a script never hangs on a question nobody
 * sees. On a terminal DOCKER_GUARD_CONFIRM counts for nothing: a person is there to be asked.
 */
import type { AuditLog } from '../audit/auditLog';
import { redactCredentials } from '../audit/redact';
import { type ConfirmationAsker, confirmationPolicy, type ConfirmationPolicyOptions, type NeededConfirmation } from '../guard/confirmationPolicy';
import type { ConfirmationMethod, GuardPolicy, GuardRequest } from '../guard/guard';
import type { GuardSettings } from '../guard/guardPolicy';
import { sharedEnv } from '../sharedEnvironment';
import { showControls } from '../text/foreignText';
import { openTerminal, type TerminalPrompt } from './terminalPrompt';

/** The exit status of a command the guard did not let through (docker itself never uses 3). */
export const guardRefusedExitCode = 3;

/** A signal (Ctrl-C, a closed terminal) arrived while the guard was asking. */
export class GuardInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal} while asking for a confirmation`);
    this.name = 'GuardInterrupted';
  }
}

export interface TerminalPolicyOptions {
  settings: GuardSettings;
  env: NodeJS.ProcessEnv;
  /** The audit log, which also remembers recent confirmations for the grace period. */
  log?: AuditLog;
  stderr: { write(text: string): unknown };
  /** The open elevation of a context (elevations.ts). */
  elevationOf?: ConfirmationPolicyOptions['elevationOf'];
}

const shownTargets = 10;

export function terminalPolicy({ settings, env, log, stderr, elevationOf }: TerminalPolicyOptions): GuardPolicy {
  return confirmationPolicy({
    settings: () => settings,
    elevationOf,
    recentRecords: log && (() => log.readRecent()),
    asker: terminalAsker({ env, stderr }),
  });
}

/** How a terminal asks (also for `elevate`, which always takes the typed name). */
export function terminalAsker({ env, stderr }: Pick<TerminalPolicyOptions, 'env' | 'stderr'>): ConfirmationAsker {
  return {
    async ask(request, needed) {
      const terminal = openTerminal();
      if (!terminal) {
        // No one to ask (a script, CI): DOCKER_GUARD_CONFIRM naming the context is the confirmation.
        if (env[sharedEnv.confirm] === request.context.name) return 'environment';
        const confirmed = env[sharedEnv.confirm];
        const given = confirmed ? ` (it is "${showControls(confirmed)}")` : '';
        stderr.write(
          `docker-context-guard: refused ${describe(request)}: no terminal to confirm on; set ${sharedEnv.confirm}=${showControls(request.context.name)}${given} to run it.\n`,
        );
        return undefined;
      }
      // A person is at this terminal: they are asked, even with DOCKER_GUARD_CONFIRM set — an export
      // left in an interactive shell must not approve every later command in it.
      if (env[sharedEnv.confirm]) terminal.say(`(${sharedEnv.confirm} is set, but counts only where no one can be asked.)\n`);
      try {
        return await askOnTerminal(terminal, request, needed);
      } finally {
        terminal.close();
      }
    },
  };
}

async function askOnTerminal(terminal: TerminalPrompt, request: GuardRequest, needed: NeededConfirmation): Promise<ConfirmationMethod | undefined> {
  const { name } = request.context;
  terminal.say(`\nDocker Context Guard: ${describe(request)}\n`);
  const question =
    needed === 'typeName' ? `"${showControls(name)}" is ${request.context.tier}. Type its name to go ahead (anything else cancels): ` : 'Go ahead? [y/N] ';
  const answer = ((await untilInterrupted(terminal.ask(question))) ?? '').trim();
  const allowed = needed === 'typeName' ? answer === name : /^y(es)?$/i.test(answer);
  if (!allowed) terminal.say(`Cancelled: nothing was sent to "${showControls(name)}".\n`);
  return allowed ? (needed === 'typeName' ? 'typedName' : 'answer') : undefined;
}

/** `operation targets… on "context" (tier, endpoint)`, shortened to a line or two, every foreign character visible. */
function describe({ operation, targets, context, hostAccess }: GuardRequest): string {
  const shown = targets.slice(0, shownTargets).join(' ');
  const more = targets.length > shownTargets ? ` and ${targets.length - shownTargets} more` : '';
  const host = hostAccess?.length ? `; it hands the container that machine (${hostAccess.join(', ')})` : '';
  return showControls(`${operation}${shown ? ` ${shown}` : ''}${more} on "${context.name}" (${context.tier}, ${redactCredentials(context.host)})${host}`);
}

/** `answer`, or a GuardInterrupted rejection when Ctrl-C (or a hang-up) comes first. */
function untilInterrupted<T>(answer: Promise<T>): Promise<T> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const interrupted = new Promise<never>((_resolve, reject) => {
    stop = (signal) => reject(new GuardInterrupted(signal));
  });
  for (const signal of signals) process.on(signal, stop);
  return Promise.race([answer, interrupted]).finally(() => {
    for (const signal of signals) process.off(signal, stop);
  });
}
