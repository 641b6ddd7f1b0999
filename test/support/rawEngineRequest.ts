/**
 * One Engine API request over a unix socket exactly as written, the way an SDK-style client
 * sends it: the method and request target go on the request line untouched (no normalizing by a
 * URL class), so a test can ask dockerd itself what it makes of an odd spelling or an odd body.
 */
import * as http from 'node:http';

export interface RawEngineAnswer {
  status: number;
  body: string;
}

export function rawEngineRequest(socketPath: string, method: string, target: string, body?: string): Promise<RawEngineAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { Host: 'docker' };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    const request = http.request({ socketPath, method, path: target, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
