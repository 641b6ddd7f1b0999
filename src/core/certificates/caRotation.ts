/**
 * "Rotate CA": the only revocation a Docker engine knows. dockerd has no revocation list, so an
 * old client certificate stays valid until its CA is no longer the engine's `--tlscacert`. A
 * rotation makes a new CA, a new server certificate for the engine's names, and one new client
 * certificate per context that was made from the old CA; once the engine serves the new bundle,
 * every certificate of the old CA is refused.
 */
import { isIP } from 'node:net';

import { type CertificateSet, type CertificateSetOptions, generateCertificateSet, issueClientCertificate, type PemPair } from './certificateSet';

export interface CaRotation {
  /** The new CA and server pair (for the server bundle and the contexts' ca.pem). */
  set: Pick<CertificateSet, 'ca' | 'server'>;
  /** A new client pair per context name, each signed by the new CA. */
  clients: Map<string, PemPair>;
}

export type CaRotationOptions = Omit<CertificateSetOptions, 'host' | 'dnsNames' | 'ipAddresses'>;

/** The host and port of an engine address (`tcp://host:port`, engineAddress.ts), IPv6 without brackets. */
export function tcpHostPort(address: string): { host: string; port: number } | undefined {
  const match = /^tcp:\/\/(.+):(\d+)$/.exec(address);
  if (!match) return undefined;
  const host = match[1].startsWith('[') && match[1].endsWith(']') ? match[1].slice(1, -1) : match[1];
  return { host, port: Number(match[2]) };
}

/**
 * A new CA and server certificate for `engineHosts` (the first is the server certificate's
 * subject; IP addresses and names both go in its subjectAltName), and a client certificate for
 * each of `contextNames` (at least one).
 */
export async function rotateCa(engineHosts: readonly string[], contextNames: readonly string[], options: CaRotationOptions = {}): Promise<CaRotation> {
  const [first, ...others] = contextNames;
  if (first === undefined) throw new Error('a CA rotation needs at least one context');
  const [host, ...more] = [...new Set(engineHosts)];
  if (host === undefined) throw new Error('a CA rotation needs the engine host');
  const set = await generateCertificateSet({
    ...options,
    host,
    dnsNames: more.filter((name) => !isIP(name)),
    ipAddresses: more.filter((name) => isIP(name)),
  });
  const clients = new Map<string, PemPair>([[first, set.client]]);
  for (const name of others) clients.set(name, await issueClientCertificate(set.ca, { ...options, onProgress: undefined }));
  return { set: { ca: set.ca, server: set.server }, clients };
}
