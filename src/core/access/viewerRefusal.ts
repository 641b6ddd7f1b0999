/**
 * The proof that an engine enforces access: a change sent with a viewer's certificate is refused
 * by the plugin. The change is the most harmless there is (creating an empty, uniquely named
 * volume); should the engine take it, the volume is reported so the caller can remove it with
 * its own certificate, and enforcement counts as failed.
 */
import { randomBytes } from 'node:crypto';
import * as https from 'node:https';

import type { DockerContext } from '../contexts/dockerContext';
import { engineAddress } from '../contexts/engineAddress';
import type { TlsMaterial } from '../contexts/tls/tlsMaterial';
import { tlsConnectOptions } from '../engine/tlsConnection';

export type ViewerVerdict = { refused: true; message: string } | { refused: false; status: number; createdVolume?: string; message: string };

/** What dockerd answers a plugin's denial with (daemon/authorization: "authorization denied by plugin NAME: …"). */
export const pluginDenial = /authorization denied by plugin ([^:]+)/;

/** Sends `POST /volumes/create` to the engine of `context` with the viewer's material; resolves with what the engine did. */
export async function tryViewerChange(
  context: DockerContext,
  viewer: Required<Pick<TlsMaterial, 'caPem' | 'certPem' | 'keyPem'>>,
  timeoutMs = 10_000,
): Promise<ViewerVerdict> {
  const address = new URL((engineAddress(context) ?? '').replace(/^tcp:/, 'https:'));
  const volume = `dcg-enforce-check-${randomBytes(6).toString('hex')}`;
  const body = JSON.stringify({ Name: volume });
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = https.request(
      {
        ...tlsConnectOptions(context, { ...viewer, pinned: true }),
        host: address.hostname.replace(/^\[|\]$/g, ''),
        port: Number(address.port || 2376),
        method: 'POST',
        path: '/volumes/create',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(body);
  });
  const message = (() => {
    try {
      return String((JSON.parse(text) as { message?: unknown }).message ?? text);
    } catch {
      return text;
    }
  })().trim();
  if (status === 403 && pluginDenial.test(message)) return { refused: true, message };
  return { refused: false, status, message, ...(status === 201 ? { createdVolume: volume } : {}) };
}
