/**
 * The engine gateway: one local socket per context (gatewaySockets.ts names it) that speaks the
 * Docker Engine API, so that every tool pointed at it — docker, compose, SDKs, Testcontainers,
 * agents — has its requests judged by the one Guard, with the same policy as the sidebar and the
 * terminal (gatewayForwarder.ts does the judging and forwarding). Only unix sockets (named pipes
 * on Windows), never TCP: the socket is 0600 in a 0700 folder of the user, so the gateway serves
 * no one the engine would not. Contexts are served independently: a hung engine holds only its own
 * socket's clients.
 */
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';

import type { ListedContext } from '../contexts/contextList';
import type { EngineUpstream } from '../engine/engineConnections';
import { Guard, type GuardObserver, type GuardPolicy } from '../guard/guard';
import type { Disposable } from '../lifecycle';
import { GatewayForwarder } from './gatewayForwarder';
import { gatewayDockerHost, gatewaySocketPath } from './gatewaySockets';

/** The upstream of a context: the connection factory's own agent for it (EngineConnections.upstreamFor). */
export type GatewayUpstream = EngineUpstream;

export interface EngineGatewayOptions {
  /** The folder of the sockets (made 0700 when missing). */
  directory: string;
  upstream: (context: ListedContext) => Promise<GatewayUpstream>;
  policy: GuardPolicy;
  observe: GuardObserver;
  /** Where the gateway says what went wrong upstream (an engine gone, an SSH server unreachable). */
  log?: (line: string) => void;
}

export interface GatewaySocket {
  context: string;
  socketPath: string;
  /** What DOCKER_HOST says to reach it. */
  dockerHost: string;
}

export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayError';
  }
}

interface Listening {
  server: http.Server;
  forwarder: GatewayForwarder;
  connections: Set<net.Socket>;
  socket: GatewaySocket;
}

const posix = process.platform !== 'win32';

/** The folder must be the user's alone: made 0700, narrowed to 0700 when wider, refused when someone else owns it. */
async function ownFolder(directory: string): Promise<void> {
  if (!posix) return;
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const stat = await lstat(directory);
  if (!stat.isDirectory()) throw new GatewayError(`${directory} is not a folder`);
  if (process.getuid && stat.uid !== process.getuid())
    throw new GatewayError(`${directory} belongs to another user: the gateway will not put its sockets there`);
  if ((stat.mode & 0o077) !== 0) await chmod(directory, 0o700);
}

/** Removes a socket left by a gateway that is gone; one that still answers is another gateway's. */
async function clearStaleSocket(socketPath: string, contextName: string): Promise<void> {
  if (!posix) return;
  const stat = await lstat(socketPath).catch(() => undefined);
  if (!stat) return;
  if (!stat.isSocket()) throw new GatewayError(`${socketPath} exists and is not a socket`);
  const alive = await new Promise<boolean>((resolve) => {
    const probe = net.connect({ path: socketPath });
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new GatewayError(`another gateway already serves "${contextName}" at ${socketPath}`);
  await unlink(socketPath);
}

export class EngineGateway implements Disposable {
  private readonly guard: Guard;
  private readonly listening = new Map<string, Promise<Listening>>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: EngineGatewayOptions) {
    this.guard = new Guard(options.policy, options.observe);
    this.log = options.log ?? (() => undefined);
  }

  /** Serves `context` (again: the same socket, with the context's listing brought up to date). */
  async open(context: ListedContext): Promise<GatewaySocket> {
    let entry = this.listening.get(context.name);
    if (!entry) {
      entry = this.listen(context);
      this.listening.set(context.name, entry);
      entry.catch(() => this.listening.get(context.name) === entry && this.listening.delete(context.name));
    }
    const listening = await entry;
    listening.forwarder.context = context;
    return listening.socket;
  }

  /** The names of the contexts served now. */
  contexts(): string[] {
    return [...this.listening.keys()];
  }

  /** Stops serving `contextName`: its socket goes, and so do the connections still on it. */
  async close(contextName: string): Promise<void> {
    const entry = this.listening.get(contextName);
    if (!entry) return;
    this.listening.delete(contextName);
    const listening = await entry.catch(() => undefined);
    if (!listening) return;
    const closed = new Promise<void>((resolve) => listening.server.close(() => resolve()));
    for (const connection of listening.connections) connection.destroy();
    await closed;
    if (posix) await unlink(listening.socket.socketPath).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.contexts().map((name) => this.close(name)));
  }

  private async listen(context: ListedContext): Promise<Listening> {
    const { directory } = this.options;
    await ownFolder(directory);
    const socketPath = gatewaySocketPath(directory, context.name);
    await clearStaleSocket(socketPath, context.name);
    const forwarder = new GatewayForwarder(context, this.guard, this.options.upstream, this.log);
    // No time limit on a request: a build context may take minutes to upload, a stream runs for hours.
    const server = http.createServer({ requestTimeout: 0 });
    const connections = new Set<net.Socket>();
    server.on('connection', (connection: net.Socket) => {
      connections.add(connection);
      connection.on('close', () => connections.delete(connection));
    });
    server.on('request', (request, response) => void forwarder.handleRequest(request, response));
    server.on('upgrade', (request, socket, head) => void forwarder.handleUpgrade(request, socket, head));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.log(`gateway socket of "${context.name}": ${error.message}`));
    if (posix) await chmod(socketPath, 0o600);
    return { server, forwarder, connections, socket: { context: context.name, socketPath, dockerHost: gatewayDockerHost(socketPath) } };
  }
}
