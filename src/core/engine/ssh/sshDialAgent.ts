/**
 * The http.Agent handed to docker-modem for one ssh:// endpoint: its sockets are dial-stdio
 * channels from the pool, opened asynchronously, kept alive between requests like TCP sockets
 * (a kept channel skips the exec round trip and the start of a remote `docker` process) and
 * closed after `freeSocketMs` unused, so that an idle connection can end.
 */
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { inspect } from 'node:util';

import { describeAgent } from '../connectTimeoutAgents';
import { DialStdioSocket } from './dialStdioSocket';
import { defaultChannelLimit } from './sshConnection';

export class SshDialAgent extends http.Agent {
  constructor(
    private readonly open: () => Promise<DialStdioSocket>,
    private readonly freeSocketMs: number,
  ) {
    // maxTotalSockets, unlike maxSockets, also counts sockets still being opened (ours open asynchronously).
    super({ keepAlive: true, maxSockets: defaultChannelLimit, maxTotalSockets: defaultChannelLimit, scheduling: 'lifo' });
  }

  override createConnection(_options: http.ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    this.open().then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    const keep = super.keepSocketAlive(socket) as unknown as boolean;
    if (keep && socket instanceof DialStdioSocket) socket.startFreeTimer(this.freeSocketMs);
    return keep;
  }

  [inspect.custom] = describeAgent;

  override reuseSocket(socket: Duplex, request: http.ClientRequest): void {
    if (socket instanceof DialStdioSocket) socket.stopFreeTimer();
    super.reuseSocket(socket, request);
  }
}
