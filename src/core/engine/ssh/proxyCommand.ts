/**
 * ProxyCommand, run as ssh runs it: the command line from the config, with %h %p %r %n %k expanded,
 * through the shell; its stdin and stdout carry the SSH connection (bastions reached with
 * `ssh -W`, cloud session managers, corporate tunnels). A command that exits before sending a byte
 * fails the connection with what it printed on stderr, rather than a bare "connection closed".
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { Duplex } from 'node:stream';

import type { SshTarget } from './sshConfig';
import { expandPercent } from './sshTokens';

const stderrLimit = 2048;

export function spawnProxyCommand(target: SshTarget, options: { home: string; env: NodeJS.ProcessEnv }): Duplex {
  // ssh 9.2 expands only %h %n %p %r %k here; any other token stops it.
  const tokens = {
    home: options.home,
    env: options.env,
    localUser: target.localUser,
    hostname: target.hostname,
    alias: target.alias,
    user: target.user,
    port: target.port,
    hostKeyAlias: target.hostKeyAlias,
  };
  const command = expandPercent(target.proxyCommand!, tokens, 'hnprk');
  const child =
    process.platform === 'win32'
      ? spawn(options.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `"${command}"`], { env: options.env, windowsHide: true, windowsVerbatimArguments: true })
      : spawn('/bin/sh', ['-c', `exec ${command}`], { env: options.env });
  return new ProxyCommandStream(child, command);
}

class ProxyCommandStream extends Duplex {
  private received = false;
  private stdoutEnded = false;
  private exit: string | undefined;
  private stderr = '';

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly command: string,
  ) {
    super({ allowHalfOpen: false });
    child.stdout.on('data', (chunk: Buffer) => {
      this.received = true;
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stdout.on('end', () => {
      this.stdoutEnded = true;
      this.settle();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < stderrLimit) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // EPIPE once the command is gone: reported through 'exit'
    child.on('error', (error) => this.fail(`could not start (${error.message})`));
    child.on('exit', (code, signal) => {
      this.exit = signal ?? `code ${code}`;
      this.settle();
    });
  }

  private settle(): void {
    if (!this.stdoutEnded || this.exit === undefined || this.destroyed) return;
    if (this.received) this.push(null);
    else this.fail(`exited with ${this.exit} before the SSH server answered`);
  }

  private fail(why: string): void {
    const detail = this.stderr.trim();
    this.destroy(Object.assign(new Error(`ProxyCommand "${this.command}" ${why}${detail ? `: ${detail}` : ''}`), { code: 'EPROXYCOMMAND' }));
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.child.stdin.destroyed) return callback();
    this.child.stdin.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    callback(error);
  }
}
