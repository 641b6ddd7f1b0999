/**
 * A lying engine: an HTTP server on a unix socket that answers the Docker API as a test tells
 * it to (hostile `/version` fields, a listing that drips or never ends). Every request is
 * recorded; open connections are destroyed on close, so a test never waits for a drip to end.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Answers one request; `path` has the API version prefix (`/v1.47`) removed. */
export type FakeEngineHandler = (route: string, request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface FakeEngine {
  readonly socketPath: string;
  /** The context endpoint that reaches it. */
  readonly host: string;
  readonly routes: string[];
  close(): Promise<void>;
}

/** Docker's answers to `/_ping` and `/version`, which every probe asks first. */
export function answerJson(response: http.ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.47' });
  response.end(JSON.stringify(body));
}

/** An engine on a new socket, or on `at` (removed again when it closes). */
export async function startFakeEngine(handler: FakeEngineHandler, at?: string): Promise<FakeEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-fake-engine-'));
  const socketPath = at ?? path.join(dir, 'docker.sock');
  const routes: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const route = (request.url ?? '/').replace(/^\/v\d+\.\d+/, '').replace(/\?.*$/, '');
    routes.push(route);
    if (route === '/_ping') {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.47' });
      response.end('OK');
      return;
    }
    handler(route, request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return {
    socketPath,
    host: `unix://${socketPath}`,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
