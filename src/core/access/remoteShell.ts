/**
 * Commands on an engine's host, through an SSH context's `ssh://[user@]host[:port]`: OpenSSH's
 * own `ssh` (as the docker CLI runs it for the same context), in batch mode, so it never asks for
 * anything and never accepts a host key known_hosts does not already trust. Each word is quoted
 * for the remote POSIX shell; input can be given on stdin (a file to upload).
 */
import { spawn } from 'node:child_process';

import { shellQuote } from '../engine/ssh/dialStdioCommand';
import { parseSshUrl } from '../engine/ssh/sshAddress';

export class RemoteCommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(
      `${command} failed on the engine's host (exit ${exitCode ?? 'by signal'})${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`,
    );
    this.name = 'RemoteCommandFailed';
  }
}

export interface RemoteShell {
  /** Runs `words` there; resolves with its stdout, rejects with RemoteCommandFailed when it exits non-zero. */
  run(words: readonly string[], options?: { stdin?: string | Buffer }): Promise<string>;
}

/** The ssh arguments that run `words` on the host of `hostUrl`, as docker's connhelper passes its own. */
export function sshArguments(hostUrl: string, words: readonly string[]): string[] {
  const { host, user, port } = parseSshUrl(hostUrl);
  return ['-o', 'BatchMode=yes', '-T', ...(user ? ['-l', user] : []), ...(port ? ['-p', String(port)] : []), '--', host, words.map(shellQuote).join(' ')];
}

export function sshShell(hostUrl: string, env: NodeJS.ProcessEnv = process.env): RemoteShell {
  return {
    run: (words, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn('ssh', sshArguments(hostUrl, words), { env, stdio: ['pipe', 'pipe', 'pipe'] });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
          else reject(new RemoteCommandFailed(words.join(' '), code, Buffer.concat(stderr).toString('utf8')));
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.stdin ?? '');
      }),
  };
}
