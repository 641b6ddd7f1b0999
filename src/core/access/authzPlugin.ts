/**
 * Docker's authorization plugin protocol on a unix socket (moby's pkg/authorization and
 * pkg/plugins): dockerd activates the plugin (`POST /Plugin.Activate` → the interfaces it
 * implements), then asks `POST /AuthZPlugin.AuthZReq` before each request and
 * `POST /AuthZPlugin.AuthZRes` before each response. Every request is judged (authzDecision.ts)
 * and recorded (authzAudit.ts) before the answer leaves; a record that cannot be written refuses
 * the request. Responses are let through: the request's answer was the decision.
 *
 * What dockerd does not show a plugin, it cannot judge: after an allowed attach, exec start or
 * BuildKit session the connection is a raw stream (or HTTP/2 gRPC) that never passes here again.
 * When this process is gone, dockerd refuses every request (after its plugin client's retries).
 */
import { chmod, lstat, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createConnection } from 'node:net';

import type { AuthzAuditSink } from './authzAudit';
import { type AuthzResponse, judgeAuthzRequest } from './authzDecision';
import type { PolicyReader } from './authzPolicy';

/** dockerd sends at most 1 MiB of body (base64: 4/3 of it) plus headers and the certificate chain. */
const maxRequestBytes = 4 * 1024 * 1024;
const pluginContentType = 'application/vnd.docker.plugins.v1.2+json';

export interface AuthzPluginOptions {
  socketPath: string;
  policy: PolicyReader;
  audit: AuthzAuditSink;
  /** Told of a record that could not be written (the request was refused). */
  onAuditError?: (error: Error) => void;
}

export interface AuthzPlugin {
  socketPath: string;
  close(): Promise<void>;
}

export class SocketInUseError extends Error {
  constructor(readonly socketPath: string) {
    super(`${socketPath} is in use: another process listens there`);
    this.name = 'SocketInUseError';
  }
}

export async function startAuthzPlugin(options: AuthzPluginOptions): Promise<AuthzPlugin> {
  await removeStaleSocket(options.socketPath);
  const server = createServer((request, response) => void handle(request, response, options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Only root (dockerd) talks to it; what it answers is no secret, but nobody else should ask.
  await chmod(options.socketPath, 0o600);
  return { socketPath: options.socketPath, close: () => closeServer(server) };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: AuthzPluginOptions): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': pluginContentType });
    response.end(JSON.stringify(body));
  };
  if (request.method !== 'POST') return send(405, { Err: 'only POST' });
  switch (request.url) {
    case '/Plugin.Activate':
      return send(200, { Implements: ['authz'] });
    case '/AuthZPlugin.AuthZRes':
      request.resume();
      return send(200, { Allow: true } satisfies AuthzResponse);
    case '/AuthZPlugin.AuthZReq':
      // A fault of ours refuses the request (fail closed) instead of ending the process.
      return send(
        200,
        await authorize(request, options).catch((error: Error): AuthzResponse => ({ Allow: false, Msg: `the authorization plugin failed: ${error.message}` })),
      );
    default:
      request.resume();
      return send(404, { Err: `unknown method ${request.url}` });
  }
}

async function authorize(request: IncomingMessage, { policy, audit, onAuditError }: AuthzPluginOptions): Promise<AuthzResponse> {
  const text = await readCapped(request);
  const { response, record } = judgeAuthzRequest(text, policy.current());
  try {
    audit.append(record);
  } catch (error) {
    onAuditError?.(error as Error);
    return { Allow: false, Msg: `the authorization plugin could not record this request: ${(error as Error).message}` };
  }
  return response;
}

/** The request's text, or undefined past maxRequestBytes (judged as unreadable). */
async function readCapped(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxRequestBytes) {
      request.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A socket file nobody listens on (a plugin that was killed) is removed; anything else at the path is left and refused. */
async function removeStaleSocket(socketPath: string): Promise<void> {
  const stats = await lstat(socketPath).catch(() => undefined);
  if (stats === undefined) return;
  if (!stats.isSocket()) throw new Error(`${socketPath} exists and is not a socket`);
  const listening = await new Promise<boolean>((resolve) => {
    const probe = createConnection(socketPath, () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (listening) throw new SocketInUseError(socketPath);
  await rm(socketPath, { force: true });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
