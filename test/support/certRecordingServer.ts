/**
 * The impostor of the stored-keys tests: an HTTPS server on 127.0.0.1 that asks every client for
 * a certificate (requestCert, any accepted) and records what it got: TCP connections, and client
 * certificates presented in a handshake. It answers `/_ping` like an engine, so a client that
 * does send its keys is seen to succeed.
 */
import { readFile } from 'node:fs/promises';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as path from 'node:path';
import type * as tls from 'node:tls';

import { runProcess } from './runProcess';

export interface CertRecordingServer {
  /** tcp://127.0.0.1:PORT */
  host: string;
  /** TCP connections accepted. */
  readonly connections: number;
  /** Subjects of the client certificates presented. */
  readonly presented: string[];
  close(): Promise<void>;
}

/** A self-signed server certificate for 127.0.0.1 (not signed by any CA a context holds). */
export async function impostorPem(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, 'impostor-cert.pem');
  const key = path.join(dir, 'impostor-key.pem');
  const made = await runProcess('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=impostor',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (made.code !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') };
}

export async function certRecordingServer(pem: { cert: string; key: string }): Promise<CertRecordingServer> {
  const presented: string[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = https.createServer({ cert: pem.cert, key: pem.key, requestCert: true, rejectUnauthorized: false }, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.47' });
    response.end('OK');
  });
  server.on('connection', (socket: net.Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    const peer = socket.getPeerCertificate();
    if (peer && Object.keys(peer).length > 0) presented.push(String(peer.subject?.CN ?? '?'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    host: `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    get connections() {
      return connections;
    },
    presented,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
