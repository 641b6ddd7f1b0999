/**
 * One authenticated SSH connection to one target (through its jump hosts, if any), shared by every
 * request to that route: each request is an exec channel running `docker system dial-stdio`
 * (with `--host=unix://PATH` when the URL names the remote engine's socket).
 *
 * sshd allows MaxSessions (default 10) channels per connection, so at most `channelLimit` are open
 * at once and further requests wait for one to close; if a server allows fewer, the refusal lowers
 * the limit instead of failing the request. With no channel open for `idleCloseMs`, the connection
 * is ended. Once it closes for any reason the owner drops it and the next request makes a new one.
 */
import type { Duplex } from 'node:stream';

import type { Client, ClientChannel, ConnectConfig } from 'ssh2';

import { loadSsh2 } from '../../vendor';
import { seconds } from '../engineTimeouts';
import { ConnectDeadline } from './connectDeadline';
import { DialStdioSocket } from './dialStdioSocket';
import { type ConfirmUnknownHost, preferredHostKeyAlgorithms, verifyHostKey } from './hostKeyVerifier';
import { createAuthentication } from './sshAuthentication';
import type { SshTarget } from './sshConfig';
import { connectionError, describeTarget, SshConnectError } from './sshErrors';
import type { SshPrompts } from './sshPrompts';

export const defaultChannelLimit = 8;
/**
 * Without ServerAliveInterval in the config: a keepalive every 5 s, the connection given up after
 * 2 unanswered (ssh2 ends it at the third tick), so a half-dead connection (peer gone without a
 * FIN or RST) is noticed within 15 s when idle; a request on it notices within one interval.
 */
const defaultKeepalive = { intervalMs: 5_000, countMax: 2 };
/** ssh's ServerAliveCountMax default, when only the interval is configured. */
const sshDefaultCountMax = 3;

/** The keepalive ssh2 runs for a target: its ServerAlive* settings, or ours. */
export function keepaliveFor(target: SshTarget): { intervalMs: number; countMax: number } {
  if (target.serverAliveIntervalMs === undefined)
    return { intervalMs: defaultKeepalive.intervalMs, countMax: target.serverAliveCountMax ?? defaultKeepalive.countMax };
  return { intervalMs: target.serverAliveIntervalMs, countMax: target.serverAliveCountMax ?? sshDefaultCountMax };
}

export interface SshConnectionOptions {
  target: SshTarget;
  /** Jump hosts, in order, already resolved. */
  hops: SshTarget[];
  /** What each channel runs: `docker [--host=unix://PATH] system dial-stdio`, quoted (dialStdioCommand.ts). */
  remoteCommand: string;
  prompts: SshPrompts;
  /** Asks about an unknown host key (deduplicated by the pool). */
  confirmUnknownHost: ConfirmUnknownHost;
  connectTimeoutMs: number;
  idleCloseMs: number;
  channelLimit?: number;
  /** Starts a target's ProxyCommand; its stdio becomes the connection. */
  spawnProxyCommand: (target: SshTarget) => Duplex;
  /** Called once, when the connection is closed or failed to open. */
  onClose: () => void;
}

/** Thrown when the connection went away under a request: the pool retries on a new one. */
export class ConnectionGoneError extends Error {
  constructor(where: string) {
    super(`the SSH connection to ${where} closed`);
    this.name = 'ConnectionGoneError';
  }
}

export class SshConnection {
  readonly ready: Promise<void>;
  private readonly clients: Client[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly sockets = new Set<DialStdioSocket>();
  private readonly where: string;
  private channelLimit: number;
  private openChannels = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: SshConnectionOptions) {
    this.where = describeTarget(options.target);
    this.channelLimit = options.channelLimit ?? defaultChannelLimit;
    this.ready = this.connectChain();
    this.ready.then(
      () => this.armIdleTimer(),
      () => this.close(),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Channels open (or opening) now. */
  get channelCount(): number {
    return this.openChannels;
  }

  /** A new dial-stdio channel, as a socket for the HTTP client. */
  async openDialStdio(): Promise<DialStdioSocket> {
    await this.ready;
    await this.acquireSlot();
    const client = this.clients[this.clients.length - 1];
    if (this.closed || !client) {
      this.releaseSlot();
      throw new ConnectionGoneError(this.where);
    }
    let channel: ClientChannel;
    try {
      channel = await this.exec(client);
    } catch (error) {
      this.releaseSlot();
      if (error instanceof ConnectionGoneError) throw error;
      if (this.closed || /Not connected|No response from server/i.test((error as Error).message)) throw new ConnectionGoneError(this.where);
      if (this.openChannels > 0) {
        // The server allows fewer sessions than we assumed: wait for one of ours to close.
        this.channelLimit = Math.max(1, this.openChannels);
        return this.openDialStdio();
      }
      throw new SshConnectError('refused', `${this.where} refused to open an SSH session for docker: ${(error as Error).message}`, { cause: error });
    }
    const socket = new DialStdioSocket(channel, this.where);
    this.sockets.add(socket);
    channel.once('close', () => {
      this.sockets.delete(socket);
      this.releaseSlot();
    });
    // A request is waiting for a channel: an idle kept-alive one makes room for it.
    socket.on('idle', () => this.waiting.length > 0 && socket.destroy());
    return socket;
  }

  /**
   * Runs the remote command on a new channel. A live server answers a channel open at once; one
   * that stays silent for a keepalive interval is taken for dead: the connection is ended and the
   * pool retries on a new one, instead of the request waiting for keepalives to give up.
   */
  private exec(client: Client): Promise<ClientChannel> {
    return new Promise<ClientChannel>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        this.close();
        // A dead peer never answers a polite end: drop the sockets outright.
        for (const each of this.clients) each.destroy();
        reject(new ConnectionGoneError(this.where));
      }, keepaliveFor(this.options.target).intervalMs);
      client.exec(this.options.remoteCommand, (error, stream) => {
        clearTimeout(timer);
        if (settled) {
          stream?.close();
          return;
        }
        settled = true;
        if (error) reject(error);
        else resolve(stream);
      });
    });
  }

  /** Ends the connection (open channels close with it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearIdleTimer();
    for (const client of [...this.clients].reverse()) {
      try {
        client.end();
      } catch {
        // Already gone.
      }
    }
    for (const wake of this.waiting.splice(0)) wake();
    this.options.onClose();
  }

  private acquireSlot(): Promise<void> {
    this.clearIdleTimer();
    if (this.openChannels < this.channelLimit || this.closed) {
      this.openChannels++;
      return Promise.resolve();
    }
    const idle = [...this.sockets].find((socket) => socket.isIdle);
    idle?.destroy();
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.openChannels++;
        resolve();
      }),
    );
  }

  private releaseSlot(): void {
    this.openChannels--;
    while (this.waiting.length > 0 && this.openChannels < this.channelLimit) this.waiting.shift()!();
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    if (this.closed || this.openChannels > 0 || this.waiting.length > 0) return;
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.close(), this.options.idleCloseMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private async connectChain(): Promise<void> {
    const chain = [...this.options.hops, this.options.target];
    let sock: Duplex | undefined;
    for (let i = 0; i < chain.length; i++) {
      if (i > 0) sock = await this.forward(this.clients[i - 1], chain[i - 1], chain[i]);
      const client = await this.connectOne(chain[i], sock, i > 0 ? describeTarget(chain[i - 1]) : undefined);
      this.clients.push(client);
      if (this.closed) throw new ConnectionGoneError(this.where);
    }
  }

  /** A TCP stream from the previous hop to the next host, to run the next SSH connection over. */
  private forward(via: Client, viaTarget: SshTarget, to: SshTarget): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      via.forwardOut('127.0.0.1', 0, to.hostname, to.port, (error, stream) => {
        if (!error) return resolve(stream);
        const text = `Jump host ${describeTarget(viaTarget)} could not reach ${to.hostname}:${to.port}: ${error.message}`;
        reject(new SshConnectError(/refused/i.test(error.message) ? 'refused' : 'unreachable', text, { cause: error }));
      });
    });
  }

  private async connectOne(target: SshTarget, sock: Duplex | undefined, via: string | undefined): Promise<Client> {
    const { connectTimeoutMs, prompts, confirmUnknownHost } = this.options;
    const where = describeTarget(target) + (via ? ` (via ${via})` : '');
    const serverHostKey = await preferredHostKeyAlgorithms(target);
    if (!sock && target.proxyCommand) sock = this.options.spawnProxyCommand(target);
    const client = new (loadSsh2().Client)();
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      let failure: SshConnectError | undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        deadline.stop();
        client.destroy();
        reject(failure ?? connectionError(error, where, connectTimeoutMs));
      };
      const deadline = new ConnectDeadline(connectTimeoutMs, () => {
        failure ??= new SshConnectError(
          'timeout',
          `No SSH answer from ${where} within ${seconds(connectTimeoutMs)}: the host is down, a firewall drops the traffic, or it is not an SSH server.`,
        );
        fail(failure);
      });
      const auth = createAuthentication(target, prompts, (ask) => deadline.pause(ask));
      client.on('ready', () => {
        if (settled) return;
        settled = true;
        deadline.stop();
        client.on('close', () => this.close());
        client.setNoDelay(true);
        resolve(client);
      });
      client.on('error', (error: Error & { level?: string }) => {
        // An unusable agent or a key that cannot sign: ssh2 goes on with the next method.
        if (error.level === 'agent') return;
        if (error.level === 'client-authentication') {
          if (!/All configured authentication methods failed/i.test(error.message)) return;
          failure ??= new SshConnectError(
            'authFailed',
            `Permission denied (publickey) for ${where}: ${auth.summary()}. Add your public key to ~/.ssh/authorized_keys on the host, load your key into ssh-agent, or set IdentityFile for this host in ~/.ssh/config.`,
            { cause: error },
          );
        }
        fail(error);
      });
      client.on('close', () => fail(Object.assign(new Error('connection closed during the SSH handshake'), { code: 'ECONNRESET' })));
      const hostVerifier = (key: Buffer, verify: (valid: boolean) => void): void => {
        verifyHostKey(target, key, (info) => deadline.pause(() => confirmUnknownHost(info))).then(
          () => verify(true),
          (error: unknown) => {
            failure = SshConnectError.is(error) ? error : connectionError(error, where, connectTimeoutMs);
            verify(false);
          },
        );
      };
      const config: ConnectConfig = {
        host: target.hostname,
        port: target.port,
        username: target.user,
        sock: sock as ConnectConfig['sock'],
        readyTimeout: 0, // ConnectDeadline instead: it stops while a person is asked
        hostVerifier,
        authHandler: auth.handler,
        keepaliveInterval: keepaliveFor(target).intervalMs,
        keepaliveCountMax: keepaliveFor(target).countMax,
        algorithms: serverHostKey ? { serverHostKey: serverHostKey as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] } : undefined,
      };
      try {
        client.connect(config);
      } catch (error) {
        fail(error);
      }
    });
  }
}
