/**
 * The SSH transport for `ssh://` Docker endpoints. dockerode's own SSH support never checks host
 * keys and makes a full TCP + SSH handshake for every request; here each route (sshRoute.ts: jump
 * hosts, target, identities, known_hosts files, proxies, remote socket) gets ONE pooled connection
 * (host key checked against known_hosts, keys and agent as `ssh` uses them), and every request is
 * an exec channel on it running `docker [--host=unix://PATH] system dial-stdio`, which is exactly
 * what the docker CLI runs over ssh. Idle channels are kept alive for the next request like sockets.
 *
 * docker-modem takes the agent from `agentFor()` with `protocol: 'http'` and calls its
 * createConnection() per socket it needs. A dropped connection is replaced on the next request.
 */
import type * as http from 'node:http';

import { dialStdioCommand } from './dialStdioCommand';
import type { DialStdioSocket } from './dialStdioSocket';
import { spawnProxyCommand } from './proxyCommand';
import { ConnectionGoneError, SshConnection } from './sshConnection';
import { SshDialAgent } from './sshDialAgent';
import type { SshPrompts, UnknownHostInfo } from './sshPrompts';
import { resolveSshRoute } from './sshRoute';

export { SshConnectError, type SshErrorReason } from './sshErrors';
export type { SshPrompts, UnknownHostInfo } from './sshPrompts';

export interface SshConnectionPoolOptions {
  /** Home of the user whose ~/.ssh counts (HOME honoured by the caller). */
  home: string;
  /** SSH_AUTH_SOCK and ${VAR} expansions in the ssh config come from here. */
  env: NodeJS.ProcessEnv;
  prompts: SshPrompts;
  /** Bounds TCP connect + SSH handshake (time spent answering a prompt excluded). */
  connectTimeoutMs: number;
  /** A connection with no open channel for this long is ended. */
  idleCloseMs: number;
  /** System-wide ssh config; null: none. Default /etc/ssh/ssh_config. */
  systemConfigPath?: string | null;
}

export interface SshPoolStats {
  /** Connections that completed the handshake since the pool was made. */
  connectionsMade: number;
  /** Connections open now. */
  openConnections: number;
  /** dial-stdio channels open now, over all connections (kept-alive idle ones included). */
  openChannels: number;
}

export class SshConnectionPool {
  private readonly agents = new Map<string, SshDialAgent>();
  /** By the whole resolved route (sshRoute.ts): two URLs share a connection only if they reach the same engine the same way. */
  private readonly connections = new Map<string, SshConnection>();
  /** The connection each URL last used: no config lookup while it lives. */
  private readonly byUrl = new Map<string, SshConnection>();
  private readonly pendingConfirms = new Map<string, Promise<boolean>>();
  private connectionsMade = 0;

  constructor(private readonly options: SshConnectionPoolOptions) {}

  /** The http.Agent for one `ssh://[user@]host[:port][/socket]` endpoint (the same agent for the same URL). */
  agentFor(hostUrl: string): http.Agent {
    let agent = this.agents.get(hostUrl);
    if (!agent) {
      agent = new SshDialAgent(() => this.openDialStdio(hostUrl), Math.min(this.options.idleCloseMs, 10_000));
      this.agents.set(hostUrl, agent);
    }
    return agent;
  }

  /** Ends every connection; the pool and its agents stay usable (a later request connects again). */
  closeAll(): void {
    for (const agent of this.agents.values()) agent.destroy();
    for (const connection of [...this.connections.values()]) connection.close();
    this.connections.clear();
    this.byUrl.clear();
  }

  dispose(): void {
    this.closeAll();
  }

  stats(): SshPoolStats {
    const connections = [...this.connections.values()];
    return {
      connectionsMade: this.connectionsMade,
      openConnections: connections.length,
      openChannels: connections.reduce((sum, connection) => sum + connection.channelCount, 0),
    };
  }

  private async openDialStdio(hostUrl: string): Promise<DialStdioSocket> {
    for (let attempt = 0; ; attempt++) {
      const connection = await this.connectionFor(hostUrl);
      try {
        return await connection.openDialStdio();
      } catch (error) {
        // The connection died between lookup and use: one fresh try.
        if (!(error instanceof ConnectionGoneError) || attempt > 0) throw error;
      }
    }
  }

  private async connectionFor(hostUrl: string): Promise<SshConnection> {
    const known = this.byUrl.get(hostUrl);
    if (known && !known.isClosed) return known;
    const connection = await this.connectionByTarget(hostUrl);
    this.byUrl.set(hostUrl, connection);
    return connection;
  }

  private async connectionByTarget(hostUrl: string): Promise<SshConnection> {
    const { home, env, systemConfigPath } = this.options;
    const route = resolveSshRoute(hostUrl, { home, env, systemConfigPath });
    const existing = this.connections.get(route.key);
    if (existing && !existing.isClosed) return existing;
    const connection = new SshConnection({
      target: route.target,
      hops: route.hops,
      remoteCommand: dialStdioCommand(route.socketPath),
      prompts: this.options.prompts,
      confirmUnknownHost: (info) => this.confirmOnce(route.key, info),
      connectTimeoutMs: this.options.connectTimeoutMs,
      idleCloseMs: this.options.idleCloseMs,
      spawnProxyCommand: (proxied) => spawnProxyCommand(proxied, { home, env }),
      onClose: () => {
        if (this.connections.get(route.key) === connection) this.connections.delete(route.key);
      },
    });
    this.connections.set(route.key, connection);
    connection.ready.then(
      () => this.connectionsMade++,
      () => undefined,
    );
    return connection;
  }

  /** One question per host key and route at a time, however many requests meet it. */
  private confirmOnce(routeKey: string, info: UnknownHostInfo): Promise<boolean> {
    const key = `${routeKey} ${info.host}:${info.port} ${info.fingerprint}`;
    let pending = this.pendingConfirms.get(key);
    if (!pending) {
      pending = this.options.prompts.confirmUnknownHost(info).finally(() => this.pendingConfirms.delete(key));
      this.pendingConfirms.set(key, pending);
    }
    return pending;
  }
}
