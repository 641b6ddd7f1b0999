/**
 * Runs the real docker with the exact argv, the terminal's stdio and the given environment, and
 * reports how it ended. The guard's Node process stays its parent, so signals meant for the
 * command (a `kill` of the shim, a supervisor's SIGTERM) are passed on to docker.
 *
 * Except the ones the terminal already gave it: Ctrl-C and Ctrl-\ send SIGINT / SIGQUIT to the
 * whole foreground process group, docker included, and passing them on as well would make one
 * Ctrl-C count twice (`docker compose up` stops gracefully on the first and kills on the second;
 * the Docker CLI itself reasons the same way for its plugins). On Windows the console does the
 * same for Ctrl-C, and a forwarded signal would kill docker outright: nothing is passed on there.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { isatty } from 'node:tty';

export interface DockerExit {
  /** The exit code, or 128 + the signal's number when docker was killed by a signal. */
  status: number;
  signal?: NodeJS.Signals;
}

const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
const keyboardSignals = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT']);
/** Signals a Windows console sends to every process attached to it. */
const consoleSignals: NodeJS.Signals[] = ['SIGINT', 'SIGBREAK', 'SIGHUP'];

export function runDocker(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<DockerExit> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    const pass = (signal: NodeJS.Signals) => {
      if (windows || (keyboardSignals.has(signal) && inForegroundOfTerminal())) return;
      child.kill(signal);
    };
    // Listening before docker starts: a signal that came in between would end this process and
    // leave docker running on its own. (The listeners only ever run after `child` is set.)
    const signals = windows ? consoleSignals : forwarded;
    for (const signal of signals) process.on(signal, pass);
    const child = spawn(file, args, { stdio: 'inherit', env });
    const done = () => {
      for (const signal of signals) process.off(signal, pass);
    };
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(signal ? { status: 128 + (os.constants.signals[signal] ?? 0), signal } : { status: code ?? 1 });
    });
  });
}

/**
 * Whether this process is in its terminal's foreground process group, where the terminal's own
 * signals reach it and docker alike. Linux says so in /proc (pgrp and tpgid of /proc/self/stat);
 * elsewhere, being attached to a terminal is the best guess, as the Docker CLI guesses too.
 */
function inForegroundOfTerminal(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "(comm) ": state ppid pgrp session tty_nr tpgid …
    return fields[2] === fields[5];
  } catch {
    return isatty(0) || isatty(1) || isatty(2);
  }
}

/**
 * Ends this process the way docker ended: killed by the same signal, so that a shell loop stops
 * on Ctrl-C exactly as it would around docker itself (to a shell, "exited with 130" means the
 * command handled Ctrl-C and the loop goes on). Where the signal does not end the process, the
 * exit status still says 128 + its number.
 */
export function exitLikeDocker(exit: DockerExit): never {
  if (exit.signal && process.platform !== 'win32') process.kill(process.pid, exit.signal);
  process.exit(exit.status);
}
