/**
 * The certificates `dockerd --tlsverify` needs, as Docker's "Protect the Docker daemon socket"
 * describes them: a private CA, a server certificate naming the engine's host, and a client
 * certificate; short-lived (90 days, the CA a year) with 4096-bit RSA keys unless asked otherwise.
 * Keys leave as PKCS#8 PEM ("PRIVATE KEY"), which Go's crypto/tls (dockerd, the docker CLI) and
 * Node both read for RSA and EC keys alike.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';

import { issuerFromCertificate } from './certificateIssuer';
import { caExtensions, clientExtensions, distinguishedName, serverExtensions } from './certificateProfiles';
import { type CertificateIssuer, keyIdentifier, signCertificate } from './certificateSigner';
import { hostNameProblem, hostNames } from './hostNames';
import { defaultKeyType, generateKey, type KeyType, keyTypeLabel, keyTypeOf } from './keyTypes';
import { pkcs8Pem } from './privateKeyPem';

export interface PemPair {
  certPem: string;
  keyPem: string;
}

export interface CertificateSet {
  ca: PemPair;
  server: PemPair;
  client: PemPair;
}

export interface ClientCertificateOptions {
  keyType?: KeyType;
  /** Lifetime of the leaf certificates in days (default 90). */
  days?: number;
  /** The client certificate's common name (default `client`, as in Docker's guide). */
  clientName?: string;
  /** An OU between the organization and the common name (an access certificate's role). */
  organizationalUnit?: string;
  /** The moment of issue (default now); tests move it to make expired or future certificates. */
  now?: Date;
  /** Called with a short description of each step, for a progress indicator. */
  onProgress?: (step: string) => void;
}

export interface CertificateSetOptions extends ClientCertificateOptions {
  /** The engine's host as clients dial it: a DNS name or an IP address. */
  host: string;
  /** More names and addresses the engine is reached by. */
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  /** Lifetime of the CA in days (default 365); at least `days`. */
  caDays?: number;
}

export const defaultDays = 90;
export const defaultCaDays = 365;
const dayMs = 86_400_000;
/** Certificates start 5 minutes before the moment of issue, so a host whose clock lags accepts them at once. */
const backdateMs = 5 * 60_000;

/** Why these options cannot make a certificate set (for input validation), or undefined when they can. */
export function certificateOptionsProblem(options: CertificateSetOptions): string | undefined {
  const { days = defaultDays, caDays = defaultCaDays } = options;
  const problem = daysProblem('days', days) ?? daysProblem('CA days', caDays);
  if (problem) return problem;
  if (caDays < days) return `the CA (${caDays} days) must live at least as long as the certificates it signs (${days} days)`;
  // Only the extra DNS names may be wildcards: the host is what clients dial.
  const problems = [
    hostNameProblem(options.host),
    ...serverNames(options)
      .slice(1)
      .map((name) => hostNameProblem(name, { wildcard: true })),
  ];
  return problems.find((nameProblem) => nameProblem !== undefined);
}

export async function generateCertificateSet(options: CertificateSetOptions): Promise<CertificateSet> {
  const problem = certificateOptionsProblem(options);
  if (problem) throw new Error(problem);
  const keyType = options.keyType ?? defaultKeyType;
  const now = options.now ?? new Date();
  const [caKey, serverKey, clientKey] = await generateKeys(keyType, 3, options.onProgress);

  options.onProgress?.('Signing the certificates');
  const caFields = { subject: distinguishedName(`Docker CA for ${options.host}`), publicKey: caKey.publicKey };
  const ca = signCertificate(
    { ...caFields, ...validity(now, options.caDays ?? defaultCaDays), extensions: caExtensions() },
    { name: caFields.subject, keyIdentifier: keyIdentifier(caKey.publicKey), privateKey: caKey.privateKey },
  );
  const issuer = issuerFromCertificate(ca, caKey.privateKey);
  const leafValidity = validity(now, options.days ?? defaultDays);
  const names = hostNames(serverNames(options));
  const server = signCertificate(
    { subject: distinguishedName(options.host), publicKey: serverKey.publicKey, ...leafValidity, extensions: serverExtensions(names, serverKey.publicKey) },
    issuer,
  );
  const client = signClientCertificate(issuer, clientKey.publicKey, leafValidity, options.clientName);
  return { ca: pemPair(ca, caKey.privateKey), server: pemPair(server, serverKey.privateKey), client: pemPair(client, clientKey.privateKey) };
}

/**
 * A new client certificate (and key) from a CA we made, for "Rotate Client Certificate". It ends
 * no later than the CA does; the key type defaults to the CA's.
 */
export async function issueClientCertificate(ca: PemPair, options: ClientCertificateOptions = {}): Promise<PemPair> {
  const caCertificate = new X509Certificate(ca.certPem);
  const caKey = createPrivateKey(ca.keyPem);
  const now = options.now ?? new Date();
  const caNotAfter = new Date(caCertificate.validTo);
  if (!caCertificate.ca) throw new Error('the CA certificate is not a certificate authority (basicConstraints CA:TRUE is missing)');
  if (!caCertificate.checkPrivateKey(caKey)) throw new Error('the CA key does not belong to the CA certificate');
  if (caNotAfter <= now) throw new Error(`the CA expired on ${caNotAfter.toISOString()}: create a new certificate set`);
  const days = options.days ?? defaultDays;
  const problem = daysProblem('days', days);
  if (problem) throw new Error(problem);

  const [clientKey] = await generateKeys(options.keyType ?? keyTypeOf(caKey) ?? defaultKeyType, 1, options.onProgress);
  options.onProgress?.('Signing the client certificate');
  const { notBefore, notAfter } = validity(now, days);
  const issuer = issuerFromCertificate(caCertificate, caKey);
  const lifetime = { notBefore, notAfter: notAfter < caNotAfter ? notAfter : caNotAfter };
  const client = signClientCertificate(issuer, clientKey.publicKey, lifetime, options.clientName, options.organizationalUnit);
  return pemPair(client, clientKey.privateKey);
}

function signClientCertificate(issuer: CertificateIssuer, publicKey: KeyObject, lifetime: Validity, clientName = 'client', unit?: string): X509Certificate {
  return signCertificate({ subject: distinguishedName(clientName, unit), publicKey, ...lifetime, extensions: clientExtensions(publicKey) }, issuer);
}

/** The host first (it is the server certificate's subject too), then the extra names. */
function serverNames(options: CertificateSetOptions): string[] {
  return [options.host, ...(options.dnsNames ?? []), ...(options.ipAddresses ?? [])];
}

function daysProblem(name: string, days: number): string | undefined {
  return Number.isInteger(days) && days >= 1 ? undefined : `${name} must be a whole number of days, at least 1`;
}

/** `count` keys made in parallel on the thread pool, reporting each one done. */
async function generateKeys(keyType: KeyType, count: number, onProgress: ((step: string) => void) | undefined) {
  const label = keyTypeLabel(keyType);
  let done = 0;
  onProgress?.(`Generating ${count === 1 ? `an ${label} key` : `${count} ${label} keys`}`);
  return Promise.all(
    Array.from({ length: count }, () =>
      generateKey(keyType).then((pair) => {
        done++;
        if (count > 1) onProgress?.(`Generated ${done} of ${count} ${label} keys`);
        return pair;
      }),
    ),
  );
}

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

function validity(now: Date, days: number): Validity {
  return { notBefore: new Date(now.getTime() - backdateMs), notAfter: new Date(now.getTime() + days * dayMs) };
}

function pemPair(certificate: X509Certificate, privateKey: KeyObject): PemPair {
  return { certPem: certificate.toString(), keyPem: pkcs8Pem(privateKey) };
}
