/**
 * The long-running processes the harness starts (dockerd, sshd). Each runs in its own process group
 * with its output in a log file, so that stopping kills exactly what we started, and a daemon that
 * fails to come up can be reported with the end of its log rather than a bare timeout.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const readyTimeoutMs = 30_000;
const termGraceMs = 15_000;

export interface Daemon {
  readonly name: string;
  /** Best-effort work before SIGTERM, e.g. removing containers so dockerd needn't wait for them. */
  beforeStop?: () => Promise<unknown>;
  /** Polls `probe` until it resolves; fails early if the daemon exits, with its log tail. */
  waitReady(probe: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** Every daemon started for one harness run, so that one call stops them all. */
export class DaemonGroup {
  private readonly daemons: Daemon[] = [];

  start(name: string, command: string, args: string[], logFile: string): Daemon {
    const daemon = spawnDaemon(name, command, args, logFile);
    this.daemons.push(daemon);
    return daemon;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.daemons.map((d) => d.stop()));
  }
}

function spawnDaemon(name: string, command: string, args: string[], logFile: string): Daemon {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exitStatus: string | undefined;
  const exited = new Promise<void>((resolve) => {
    const done = (status: string) => {
      exitStatus = status;
      resolve();
    };
    child.once('exit', (code, signal) => done(signal ?? `code ${code}`));
    child.once('error', (err) => done(err.message));
  });

  const failure = (what: string) => new Error(`${name} ${what}; last lines of ${logFile}:\n${logTail(logFile)}`);

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };

  return {
    name,
    async waitReady(probe) {
      const deadline = Date.now() + readyTimeoutMs;
      let lastError: string;
      for (;;) {
        if (exitStatus !== undefined) throw failure(`exited during start-up (${exitStatus})`);
        try {
          return await probe();
        } catch (err) {
          lastError = (err as Error).message;
        }
        if (Date.now() > deadline) throw failure(`not ready after ${readyTimeoutMs / 1000} s (${lastError})`);
        await sleep(100);
      }
    },
    async stop() {
      if (exitStatus !== undefined || child.pid === undefined) return;
      await this.beforeStop?.().catch(() => undefined);
      signalGroup('SIGTERM');
      const timer = sleep(termGraceMs, 'timeout', { ref: false });
      if ((await Promise.race([exited, timer])) === 'timeout') {
        signalGroup('SIGKILL');
        await exited;
      }
    },
  };
}

function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(no log: ${(err as Error).message})`;
  }
}
