/**
 * A certificate in the terms a person checks: who it names and who signed it, which hosts it
 * covers, when it expires, its fingerprint (formatted as openssl prints it) and what it may be
 * used for. Node's X509Certificate parses it natively; forge is not needed to read.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

import { canonicalIp } from './hostNames';
import { describeKey, type KeyDetails } from './keyDetails';

export interface CertificateDetails {
  /** RFC 4514 order, most specific first: `CN=client, O=Docker Context Guard`. */
  subject: string;
  issuer: string;
  dnsNames: string[];
  ipAddresses: string[];
  /** Hexadecimal, upper case. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  key: KeyDetails;
  isCA: boolean;
  selfSigned: boolean;
  /** By name (`serverAuth`, `clientAuth`…, the OID for others); null when absent, which means any purpose. */
  extKeyUsage: string[] | null;
}

const extendedKeyUsageNames: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** Describes `certificate`, or the first certificate of a PEM text. */
export function describeCertificate(certificate: string | X509Certificate): CertificateDetails {
  const x509 = typeof certificate === 'string' ? new X509Certificate(certificate) : certificate;
  return {
    subject: readableName(x509.subject),
    issuer: readableName(x509.issuer),
    ...subjectAltNames(x509.subjectAltName),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    fingerprintSha256: x509.fingerprint256,
    key: describeKey(x509.publicKey),
    isCA: x509.ca,
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
    extKeyUsage: x509.keyUsage?.map((oid) => extendedKeyUsageNames[oid] ?? oid) ?? null,
  };
}

/** Node lists a name's attributes one per line in DER order; RFC 4514 reverses them onto one line. */
function readableName(name: string): string {
  return name.split('\n').reverse().join(', ');
}

/**
 * Node writes the extension as `DNS:a, IP Address:10.0.0.1`, quoting (as JSON) any value with
 * characters that would make that ambiguous, and IPv6 addresses in full.
 */
function subjectAltNames(text: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const [, kind, raw] of (text ?? '').matchAll(/([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g)) {
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (kind === 'DNS') dnsNames.push(value);
    else if (kind === 'IP Address') ipAddresses.push(isIP(value) ? canonicalIp(value) : value);
  }
  return { dnsNames, ipAddresses };
}
