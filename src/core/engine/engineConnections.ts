/**
 * The one factory that turns a context into a connection to its engine, for every transport:
 * unix sockets and named pipes, TCP with TLS (full verification, server name checked), plain
 * TCP, and SSH (one pooled connection per host, host keys checked; see ssh/).
 *
 * The connection is an http.Agent and an address (`upstreamFor`), which the engine gateway
 * forwards requests over, and the dockerode clients built on that same agent (`clientFor`).
 * Both are cached per context and endpoint, so repeated calls reuse keep-alive connections;
 * `invalidate()` drops them when the store changes. dockerode and ssh2 load on the first call.
 */
import type * as http from 'node:http';

import type Dockerode from 'dockerode';

import type { DockerContext } from '../contexts/dockerContext';
import { dialedHost } from '../contexts/endpoint';
import type { Disposable } from '../lifecycle';
import { loadDockerode } from '../vendor';
import { SocketAgent, TlsAgent } from './connectTimeoutAgents';
import type { EngineTimeouts } from './engineTimeouts';
import { tlsConnectOptions, type TlsMaterialSource } from './tlsConnection';

/** The SSH side, implemented by ssh/sshConnectionPool.ts and created only when an ssh:// context is used. */
export interface SshTransport extends Disposable {
  agentFor(hostUrl: string): http.Agent;
}

export interface EngineConnectionsOptions {
  tls: TlsMaterialSource;
  ssh: () => SshTransport;
  timeouts: () => EngineTimeouts;
}

/** Two clients on the same connections: `api` times out silent requests, `streaming` (logs, events) does not. */
export interface EngineClient {
  api: Dockerode;
  streaming: Dockerode;
}

/** Where and how requests reach one context's engine: the agent's sockets are its connections. */
export interface EngineUpstream {
  agent: http.Agent;
  protocol: 'http:' | 'https:';
  host: string;
  port?: number;
}

interface Connection {
  upstream: EngineUpstream;
  client: EngineClient;
  /** Every agent but the SSH pool's belongs to this connection. */
  owned: boolean;
}

interface CachedConnection {
  key: string;
  connection: Promise<Connection>;
}

export class EngineConnections implements Disposable {
  private readonly clients = new Map<string, CachedConnection>();
  private ssh: SshTransport | undefined;

  constructor(private readonly options: EngineConnectionsOptions) {}

  clientFor(context: DockerContext): Promise<EngineClient> {
    return this.connection(context).then(({ client }) => client);
  }

  /** The agent and address the engine gateway forwards `context`'s requests over (the clients' own). */
  upstreamFor(context: DockerContext): Promise<EngineUpstream> {
    return this.connection(context).then(({ upstream }) => upstream);
  }

  private connection(context: DockerContext): Promise<Connection> {
    const timeouts = this.options.timeouts();
    const key = JSON.stringify([context.host, context.transport, context.skipTLSVerify, context.tls, timeouts]);
    const cached = this.clients.get(context.name);
    if (cached?.key === key) return cached.connection;
    if (cached) this.drop(context.name);
    const entry: CachedConnection = { key, connection: this.create(context, timeouts) };
    entry.connection.catch(() => this.clients.get(context.name) === entry && this.clients.delete(context.name));
    this.clients.set(context.name, entry);
    return entry.connection;
  }

  /** Forgets every cached client (after a store change); open SSH connections stay pooled. */
  invalidate(): void {
    for (const name of [...this.clients.keys()]) this.drop(name);
  }

  dispose(): void {
    this.invalidate();
    this.ssh?.dispose();
    this.ssh = undefined;
  }

  private drop(name: string): void {
    const entry = this.clients.get(name);
    this.clients.delete(name);
    entry?.connection.then(
      ({ upstream, owned }) => owned && upstream.agent.destroy(),
      () => undefined,
    );
  }

  private async create(context: DockerContext, timeouts: EngineTimeouts): Promise<Connection> {
    if (context.error || !context.transport) throw new Error(`context "${context.name}" cannot be used: ${context.error ?? 'no endpoint'}`);
    const upstream = await this.upstream(context, new URL(dialedHost(context.host)), timeouts);
    const base: Dockerode.DockerOptions = { ...upstream, protocol: upstream.protocol === 'https:' ? 'https' : 'http' };
    const client = { api: newDockerode({ ...base, timeout: timeouts.requestMs }), streaming: newDockerode(base) };
    return { upstream, client, owned: context.transport !== 'ssh' };
  }

  private async upstream(context: DockerContext, url: URL, timeouts: EngineTimeouts): Promise<EngineUpstream> {
    switch (context.transport) {
      case 'unix':
        return { protocol: 'http:', host: 'localhost', agent: new SocketAgent(timeouts.connectMs, decodeURIComponent(url.pathname)) };
      case 'npipe':
        return { protocol: 'http:', host: 'localhost', agent: new SocketAgent(timeouts.connectMs, decodeURIComponent(url.pathname).replace(/\//g, '\\')) };
      case 'tcp':
        // A context endpoint without a port: docker dials the HTTP(S) default, and so do we (see securityFindings).
        return { protocol: 'http:', host: url.hostname, port: Number(url.port || 80), agent: new SocketAgent(timeouts.connectMs) };
      case 'tls': {
        const material = await this.options.tls.read(context);
        const agent = new TlsAgent(timeouts.connectMs, {
          ...tlsConnectOptions(context, material),
          // Verification stays on unless the context itself says SkipTLSVerify (always shown as a finding); stored keys are always verified.
          rejectUnauthorized: material?.pinned === true || !context.skipTLSVerify,
        });
        return { protocol: 'https:', host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), agent };
      }
      case 'ssh':
        this.ssh ??= this.options.ssh();
        return { protocol: 'http:', host: 'localhost', agent: this.ssh.agentFor(context.host) };
      default:
        throw new Error(`unsupported transport for "${context.name}"`);
    }
  }
}

/**
 * docker-modem merges what DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and
 * DOCKER_CLIENT_TIMEOUT say under the options of every client it makes: the certificates of
 * DOCKER_CERT_PATH would replace a context's own, and a DOCKER_HOST it cannot parse throws.
 * Those variables describe the default context only (see defaultContext.ts), so clients are
 * made with DOCKER_HOST hidden, which keeps docker-modem from reading any of them. Synchronous:
 * no other code runs while it is hidden.
 */
function newDockerode(options: Dockerode.DockerOptions): Dockerode {
  const Docker = loadDockerode();
  const dockerHost = process.env.DOCKER_HOST;
  delete process.env.DOCKER_HOST;
  try {
    return new Docker(options);
  } finally {
    if (dockerHost !== undefined) process.env.DOCKER_HOST = dockerHost;
  }
}
