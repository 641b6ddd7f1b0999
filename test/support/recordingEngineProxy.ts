/**
 * A unix socket in front of a real engine that records every API request docker sends to it and
 * lets only reads through: GET and HEAD are forwarded to the engine and answered by it; anything
 * else is recorded with its body and answered 409 with Docker's error JSON (once the body is in),
 * so a differential test can run any command line, learn which engine docker sent it to and what
 * it asked, and change nothing there.
 */
import * as http from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The body of a refused request (JSON for those the route table reads), once it has arrived. */
  body?: string;
}

export interface RecordingEngineProxy {
  readonly socketPath: string;
  /** Every request since the last `clear()`, in arrival order. */
  readonly requests: RecordedRequest[];
  clear(): void;
  close(): Promise<void>;
}

export const refusedByProxy = 'refused by the recording proxy (nothing was changed)';

export async function startRecordingEngineProxy(socketPath: string, engineSocketPath: string): Promise<RecordingEngineProxy> {
  const requests: RecordedRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const method = request.method ?? 'GET';
    const recorded: RecordedRequest = { method, path: request.url ?? '/' };
    requests.push(recorded);
    if (method !== 'GET' && method !== 'HEAD') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        recorded.body = Buffer.concat(chunks).toString('utf8');
        response.writeHead(409, { 'Content-Type': 'application/json' }).end(`${JSON.stringify({ message: refusedByProxy })}\n`);
      });
      return;
    }
    const upstream = http.request({ socketPath: engineSocketPath, agent, method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => response.destroy(error));
    request.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    requests,
    clear: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
