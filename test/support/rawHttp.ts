/** A small SDK-style client: one HTTP/1.1 request written byte for byte over a unix socket (`Connection: close` unless other headers are given), and what came back. */
import * as net from 'node:net';

/** One HTTP/1.1 request over a unix socket, written byte for byte as an SDK might; the answer's status and body. */
export function rawRequest(socketPath: string, head: string, body = '', headers: string[] = []): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: socketPath });
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [, status] = /^HTTP\/1\.1 (\d{3})/.exec(received) ?? [];
      const location = /\r\nLocation: (\S+)\r\n/i.exec(received)?.[1];
      resolve({ status: Number(status), body: received.slice(received.indexOf('\r\n\r\n') + 4), location });
    });
    socket.write(
      `${head}\r\nHost: docker\r\n${headers.map((header) => `${header}\r\n`).join('') || 'Connection: close\r\n'}${body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`,
    );
  });
}
