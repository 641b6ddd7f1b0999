/**
 * What the SSH transport suites share: client homes made from the harness identity, prompts that
 * record every question, a counting TCP proxy in front of sshd (one accepted TCP connection = one
 * SSH connection, and a way to break them as a network would), dockerode over a pool, and
 * throwaway sshd instances for server-side failures the shared one must not have.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import type * as http from 'node:http';
import * as net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type Dockerode from 'dockerode';

import { SshConnectionPool, type SshConnectionPoolOptions, type SshPrompts } from '../../../src/core/engine/ssh/sshConnectionPool';
import { loadDockerode } from '../../../src/core/vendor';
import { type HarnessInfo, loadHarnessInfo } from '../../support/harnessInfo';
import { connects, freePort } from '../../support/ports';
import { runProcess } from '../../support/runProcess';
import { findCommand } from '../../support/systemDeps';

export function harness(): HarnessInfo {
  return loadHarnessInfo();
}

export interface RecordingPrompts extends SshPrompts {
  hostQuestions: Array<Parameters<SshPrompts['confirmUnknownHost']>[0]>;
  passphraseQuestions: Array<Parameters<SshPrompts['passphrase']>[0]>;
}

/** Prompts answering from the given functions (default: refuse everything), recording each question. */
export function recordingPrompts(answers: Partial<SshPrompts> = {}): RecordingPrompts {
  const prompts: RecordingPrompts = {
    hostQuestions: [],
    passphraseQuestions: [],
    confirmUnknownHost: async (info) => {
      prompts.hostQuestions.push(info);
      return answers.confirmUnknownHost ? answers.confirmUnknownHost(info) : false;
    },
    passphrase: async (info) => {
      prompts.passphraseQuestions.push(info);
      return answers.passphrase ? answers.passphrase(info) : undefined;
    },
  };
  return prompts;
}

/** The harness's sshd host key, as `type base64`. */
export async function harnessHostKey(): Promise<string> {
  const line = (await readFile(harness().ssh.knownHostsFile, 'utf8')).trim().split('\n')[0];
  return line.split(/\s+/).slice(1, 3).join(' ');
}

export interface ClientHome {
  home: string;
  sshDir: string;
  knownHostsFile: string;
}

/**
 * A HOME whose ~/.ssh/config is `config` (lines; default: the harness identity only) and whose
 * known_hosts is `knownHosts` (omitted: no file at all). `%HOME%` in either is replaced.
 */
export async function makeClientHome(dir: string, options: { config?: string[]; knownHosts?: string; copyIdentity?: boolean } = {}): Promise<ClientHome> {
  const sshDir = join(dir, '.ssh');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  const knownHostsFile = join(sshDir, 'known_hosts');
  const fill = (text: string) => text.replace(/%HOME%/g, dir);
  if (options.copyIdentity !== false) {
    await copyFile(harness().ssh.identityFile, join(sshDir, 'id_ed25519'));
    await copyFile(`${harness().ssh.identityFile}.pub`, join(sshDir, 'id_ed25519.pub'));
  }
  if (options.knownHosts !== undefined) await writeFile(knownHostsFile, fill(options.knownHosts), { mode: 0o600 });
  const config = options.config ?? ['Host *', '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null'];
  await writeFile(join(sshDir, 'config'), fill(`${config.join('\n')}\n`), { mode: 0o600 });
  return { home: dir, sshDir, knownHostsFile };
}

export function makePool(home: string, prompts: SshPrompts, options: Partial<SshConnectionPoolOptions> = {}): SshConnectionPool {
  return new SshConnectionPool({ home, env: { HOME: home }, prompts, connectTimeoutMs: 5000, idleCloseMs: 30_000, ...options });
}

export function dockerVia(pool: SshConnectionPool, hostUrl: string, timeoutMs?: number): Dockerode {
  const Docker = loadDockerode();
  const options: Dockerode.DockerOptions & { agent: http.Agent } = {
    protocol: 'http',
    host: 'localhost',
    port: 2375,
    agent: pool.agentFor(hostUrl),
    timeout: timeoutMs,
  };
  return new Docker(options);
}

/** Rejects with the error `promise` rejected with (fails if it resolved). */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { reason?: string; fingerprint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { reason?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}

export interface TcpProxy {
  port: number;
  /** TCP connections accepted so far. */
  accepted: number;
  /** Connections open now. */
  readonly open: number;
  /** Destroys every open connection, as a network failure would. */
  dropAll(): void;
  /** Stops relaying on every open connection without closing it: a peer gone silent (no FIN, no RST). */
  freezeAll(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to 127.0.0.1:`targetPort` that counts connections. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    proxy.accepted++;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => (upstream.destroy(), pairs.delete(pair)));
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: TcpProxy = {
    port: (server.address() as net.AddressInfo).port,
    accepted: 0,
    get open() {
      return sockets.size / 2;
    },
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    freezeAll: () => {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.dropAll();
        server.close(() => resolve());
      }),
  };
  return proxy;
}

/** Polls `condition` until it holds or `ms` pass. */
export async function eventually(condition: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

export interface ExtraSshd {
  /** Its folder (config, host key, authorized_keys, sshd.log). */
  dir: string;
  port: number;
  /** known_hosts line for it. */
  knownHostsLine: string;
  stop(): Promise<void>;
}

/**
 * A throwaway sshd accepting the harness identity, like test/support/sshEndpoint.ts's but with
 * `extraConfig` lines (e.g. `SetEnv PATH=/nonexistent`), logging to `<dir>/sshd.log`. Stopped by the caller.
 */
export async function startExtraSshd(dir: string, extraConfig: string[]): Promise<ExtraSshd> {
  await mkdir(dir, { recursive: true });
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'host_ed25519');
  const [port] = await Promise.all([freePort(), runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey])]);
  await copyFile(`${harness().ssh.identityFile}.pub`, join(dir, 'authorized_keys'));
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      ...extraConfig,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(findCommand('sshd')!, ['-D', '-E', join(dir, 'sshd.log'), '-f', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await connects(port);
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`extra sshd did not start: ${(error as Error).message}`, { cause: error });
      await sleep(50);
    }
  }
  const publicKey = (await readFile(`${hostKey}.pub`, 'utf8')).split(/\s+/).slice(0, 2).join(' ');
  return {
    dir,
    port,
    knownHostsLine: `[127.0.0.1]:${port} ${publicKey}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
