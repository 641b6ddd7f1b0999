/**
 * Running the terminal guard the two ways a user's commands run: with no terminal at all (own
 * session, as CI, cron and scripts run docker — even when the test runner itself sits in a
 * terminal), and on a pseudo-terminal driven like a person would (Python's pty module), typing
 * an answer whenever a prompt appears.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Detached {
  child: ChildProcess;
  /** Resolves with the first stdout text matching `pattern`. */
  output(pattern: RegExp): Promise<void>;
  finished: Promise<Finished>;
}

/** Starts `command` in a new session without a controlling terminal. */
export function startWithoutTerminal(command: string, args: string[], env: NodeJS.ProcessEnv): Detached {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const wait of waiting.filter(({ pattern }) => pattern.test(stdout))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    output: (pattern) => (pattern.test(stdout) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }))),
    finished,
  };
}

export function runWithoutTerminal(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return startWithoutTerminal(command, args, env).finished;
}

export interface TerminalRun {
  /** Exit status as a shell reports it ($?: 128 + N for a signal). */
  status: number;
  /** Everything the terminal showed. */
  screen: string;
}

const ptyDriver = `
import json, os, pty, select, sys
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
screen, seen = b'', 0
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    screen += data
    if answers and answers[0][0].encode() in screen[seen:]:
        seen = len(screen)
        os.write(fd, answers.pop(0)[1].encode())
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({'status': os.waitstatus_to_exitcode(status), 'screen': screen.decode('utf8', 'replace')}))
`;

/**
 * Runs `argv` on a new pseudo-terminal (its controlling terminal); each time the text of the next
 * answer's prompt appears, types that answer.
 */
export async function runOnTerminal(argv: string[], answers: [prompt: string, typed: string][], env: NodeJS.ProcessEnv): Promise<TerminalRun> {
  const { code, stdout, stderr } = await runWithoutTerminal('python3', ['-c', ptyDriver, JSON.stringify(argv), JSON.stringify(answers)], env);
  if (code !== 0) throw new Error(`the pty driver failed: ${stderr}`);
  const run = JSON.parse(stdout) as TerminalRun;
  // A negative status is Python's way of saying "killed by signal N".
  return { ...run, status: run.status < 0 ? 128 - run.status : run.status };
}
