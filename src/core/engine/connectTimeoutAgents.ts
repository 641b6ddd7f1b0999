/**
 * HTTP agents for the socket and TCP transports that bound how long *connecting* may take.
 * docker-modem's own connectionTimeout runs until the first response, so it would also kill a
 * slow but healthy call (stopping a container waits up to 10 s before answering); here the
 * timer stops as soon as the socket is connected (or, for TLS, the handshake is done).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { inspect } from 'node:util';

/**
 * docker-modem runs util.inspect(options, { depth: null }) on every request, agent included,
 * even with logging off; a short description keeps that from walking the agent's sockets (about
 * 1.5 ms a request over TCP, tens of ms through an SSH connection). Every agent of ours uses it.
 */
export function describeAgent(this: http.Agent): string {
  return `[${this.constructor.name}]`;
}

function guardConnect(socket: net.Socket, timeoutMs: number, readyEvent: 'connect' | 'secureConnect'): void {
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
  }, timeoutMs);
  socket.once(readyEvent, () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}

/** How many sockets an agent opens to one engine, and keeps open unused. */
export interface SocketLimits {
  maxSockets: number;
  maxFreeSockets: number;
}

/** Plain HTTP over TCP, or over a unix socket / named pipe when `socketPath` is given. */
export class SocketAgent extends http.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    limits: SocketLimits,
    private readonly socketPath?: string,
  ) {
    super({ keepAlive: true, ...limits });
  }

  [inspect.custom] = describeAgent;

  override createConnection(options: net.NetConnectOpts): Duplex {
    const socket = this.socketPath ? net.connect({ path: this.socketPath }) : net.connect(options as net.TcpNetConnectOpts);
    guardConnect(socket, this.connectTimeoutMs, 'connect');
    return socket;
  }
}

/** HTTPS with full verification (unless the context itself says SkipTLSVerify, which is reported as a finding). */
export class TlsAgent extends https.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    limits: SocketLimits,
    options: https.AgentOptions,
  ) {
    super({ ...options, keepAlive: true, ...limits });
  }

  [inspect.custom] = describeAgent;

  override createConnection(options: tls.ConnectionOptions): Duplex {
    const socket = tls.connect(options);
    guardConnect(socket, this.connectTimeoutMs, 'secureConnect');
    return socket;
  }
}
