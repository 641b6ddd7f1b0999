/**
 * Loopback TCP servers that misbehave on purpose: one that accepts and never answers, one that
 * forwards to another port, and a web server that is not a Docker engine.
 */
import * as http from 'node:http';
import * as net from 'node:net';

export interface TestServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server, host: string, sockets: Set<net.Socket>): Promise<TestServer> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** Accepts TCP connections and never sends a byte: an engine behind a black hole. */
export function silentServer(): Promise<TestServer> {
  return listen(
    net.createServer(() => undefined),
    '127.0.0.1',
    new Set(),
  );
}

/** Forwards connections on `host` (e.g. 127.0.0.2) to 127.0.0.1:`targetPort`: the same engine under another address. */
export function forwardingServer(host: string, targetPort: number): Promise<TestServer> {
  const server = net.createServer((socket) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', end);
    upstream.on('error', end);
  });
  return listen(server, host, new Set());
}

/** An HTTP server that answers every request 404 with an HTML page: some other service on the engine's port. */
export function notAnEngineServer(): Promise<TestServer> {
  const server = http.createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>\n');
  });
  return listen(server, '127.0.0.1', new Set());
}
