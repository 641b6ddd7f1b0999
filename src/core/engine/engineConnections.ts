/**
 * The one factory that turns a context into a connection to its engine, for every transport:
 * unix sockets and named pipes, TCP with TLS (full verification, server name checked), plain
 * TCP, and SSH (one pooled connection per host, host keys checked; see ssh/).
 *
 * The connection is an address and agents made from the same options (TLS material read once):
 * the dockerode clients' (`clientFor`, a few sockets) and the engine gateway's (`upstreamFor`,
 * as many sockets as its clients' streams need); over SSH both are the pool's one agent.
 * Both are cached per context and endpoint, so repeated calls reuse keep-alive connections;
 * `invalidate()` drops them when the store changes. dockerode and ssh2 load on the first call.
 */
import type * as http from 'node:http';
import type * as net from 'node:net';

import type Dockerode from 'dockerode';

import type { DockerContext } from '../contexts/dockerContext';
import { dialedHost } from '../contexts/endpoint';
import type { Disposable } from '../lifecycle';
import { loadDockerode } from '../vendor';
import { SocketAgent, type SocketLimits, TlsAgent } from './connectTimeoutAgents';
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
  /** The agents this connection made (the SSH pool's belongs to the pool). */
  owned: http.Agent[];
}

/** The extension's own clients keep to a few sockets per engine (its bulk actions bound themselves too). */
const clientSockets: SocketLimits = { maxSockets: 16, maxFreeSockets: 16 };
/** The gateway serves every tool's clients, each stream on its own socket: it must never make one wait for another. */
const gatewaySockets: SocketLimits = { maxSockets: Infinity, maxFreeSockets: 16 };

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
    if (cached) this.drop(context.name, retire);
    const entry: CachedConnection = { key, connection: this.create(context, timeouts) };
    entry.connection.catch(() => this.clients.get(context.name) === entry && this.clients.delete(context.name));
    this.clients.set(context.name, entry);
    return entry.connection;
  }

  /** Forgets every cached client (after a store change); open SSH connections stay pooled. */
  invalidate(): void {
    for (const name of [...this.clients.keys()]) this.drop(name, retire);
  }

  dispose(): void {
    for (const name of [...this.clients.keys()]) this.drop(name, (agent) => agent.destroy());
    this.ssh?.dispose();
    this.ssh = undefined;
  }

  private drop(name: string, end: (agent: http.Agent) => void): void {
    const entry = this.clients.get(name);
    this.clients.delete(name);
    entry?.connection.then(
      ({ owned }) => owned.forEach(end),
      () => undefined,
    );
  }

  private async create(context: DockerContext, timeouts: EngineTimeouts): Promise<Connection> {
    if (context.error || !context.transport) throw new Error(`context "${context.name}" cannot be used: ${context.error ?? 'no endpoint'}`);
    const { address, agent } = await this.transport(context, new URL(dialedHost(context.host)), timeouts);
    const clientAgent = agent(clientSockets);
    const base: Dockerode.DockerOptions & { agent: http.Agent } = {
      ...address,
      agent: clientAgent,
      protocol: address.protocol === 'https:' ? 'https' : 'http',
    };
    const client = { api: newDockerode({ ...base, timeout: timeouts.requestMs }), streaming: newDockerode(base) };
    // The SSH pool owns its agent (bounded by the channels a connection may open), shared by both.
    if (context.transport === 'ssh') return { upstream: { ...address, agent: clientAgent }, client, owned: [] };
    const gatewayAgent = agent(gatewaySockets);
    return { upstream: { ...address, agent: gatewayAgent }, client, owned: [clientAgent, gatewayAgent] };
  }

  /** Where the engine is, and how to make an agent that reaches it (the same TLS material for each). */
  private async transport(
    context: DockerContext,
    url: URL,
    timeouts: EngineTimeouts,
  ): Promise<{ address: Omit<EngineUpstream, 'agent'>; agent: (limits: SocketLimits) => http.Agent }> {
    const local = { protocol: 'http:', host: 'localhost' } as const;
    switch (context.transport) {
      case 'unix':
        return { address: local, agent: (limits) => new SocketAgent(timeouts.connectMs, limits, decodeURIComponent(url.pathname)) };
      case 'npipe':
        return { address: local, agent: (limits) => new SocketAgent(timeouts.connectMs, limits, decodeURIComponent(url.pathname).replace(/\//g, '\\')) };
      case 'tcp':
        // A context endpoint without a port: docker dials the HTTP(S) default, and so do we (see securityFindings).
        return {
          address: { protocol: 'http:', host: url.hostname, port: Number(url.port || 80) },
          agent: (limits) => new SocketAgent(timeouts.connectMs, limits),
        };
      case 'tls': {
        const material = await this.options.tls.read(context);
        const options = {
          ...tlsConnectOptions(context, material),
          // Verification stays on unless the context itself says SkipTLSVerify (always shown as a finding); stored keys are always verified.
          rejectUnauthorized: material?.pinned === true || !context.skipTLSVerify,
        };
        return {
          address: { protocol: 'https:', host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) },
          agent: (limits) => new TlsAgent(timeouts.connectMs, limits, options),
        };
      }
      case 'ssh': {
        this.ssh ??= this.options.ssh();
        const agent = this.ssh.agentFor(context.host);
        return { address: local, agent: () => agent };
      }
      default:
        throw new Error(`unsupported transport for "${context.name}"`);
    }
  }
}

/**
 * Closes an agent that is no longer handed out without cutting what it carries: idle sockets go
 * now, busy ones when their request ends. A store or settings change must not fail the probes,
 * listings and gateway streams in flight ("socket hang up" read as an unreachable engine).
 */
function retire(agent: http.Agent): void {
  agent.on('free', (socket: net.Socket) => socket.destroy());
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
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
