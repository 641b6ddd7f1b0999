/**
 * Loopback TCP helpers: the harness's engines and sshd listen on ports the OS picked as free (so
 * parallel runs never collide), and a port accepting connections is sshd's readiness signal.
 */
import { createConnection, createServer } from 'node:net';

/** A loopback port that was free a moment ago (the OS picks it; we release it for the daemon). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts a TCP connection on 127.0.0.1:port. */
export function connects(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}
