/**
 * A unix socket that forwards every connection to an engine's socket and can be stopped and
 * started again at the same path: an engine that restarts (or a server that goes away) under
 * everything connected to it, without touching the harness's own engines.
 */
import { unlink } from 'node:fs/promises';
import * as net from 'node:net';

export interface UnixForwarder {
  readonly socketPath: string;
  /** Drops every connection and stops listening, as an engine that went down. */
  stop(): Promise<void>;
  /** Listens again at the same path. */
  start(): Promise<void>;
}

export async function startUnixForwarder(socketPath: string, targetPath: string): Promise<UnixForwarder> {
  let server: net.Server | undefined;
  const connections = new Set<net.Socket>();
  const start = async () => {
    await unlink(socketPath).catch(() => undefined);
    server = net.createServer((socket) => {
      const upstream = net.connect({ path: targetPath });
      for (const end of [socket, upstream]) {
        connections.add(end);
        end.on('close', () => connections.delete(end));
        end.on('error', () => (end === socket ? upstream : socket).destroy());
      }
      socket.pipe(upstream).pipe(socket);
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => listening.once('error', reject).listen(socketPath, resolve));
  };
  await start();
  return {
    socketPath,
    start,
    stop: async () => {
      const stopping = server;
      server = undefined;
      for (const connection of connections) connection.destroy();
      await new Promise<void>((resolve) => (stopping ? stopping.close(() => resolve()) : resolve()));
    },
  };
}
