/**
 * Reading an access certificate back: who it names (CN), the role its subject carries (see
 * accessRoles.ts), its serial and its expiry. The subject is read from the DER itself, attribute
 * by attribute, never from a printed form, so a name holding a newline or `OU=` cannot pass for
 * a second attribute. The authorization plugin reads the peer certificate dockerd hands it this
 * way, and the extension reads the certificates it issued.
 */
import { X509Certificate } from 'node:crypto';

import { commonNameOid, organizationalUnitOid } from '../certificates/certificateProfiles';
import * as der from '../certificates/der';
import { roleFromUnits, type RoleReading } from './accessRoles';

export interface AccessCertificateDetails {
  /** The subject's CN (the person or system), `''` when it has none. */
  name: string;
  role: RoleReading;
  /** Upper-case hexadecimal without leading zeros (normalSerial). */
  serial: string;
  /** ISO 8601. */
  notAfter: string;
}

/** From a PEM text (its first certificate) or DER bytes; throws when it is no certificate. */
export function readAccessCertificate(certificate: string | Buffer): AccessCertificateDetails {
  const x509 = new X509Certificate(certificate);
  const attributes = subjectAttributes(x509.raw);
  const names = attributes.filter(([oid]) => oid === commonNameOid).map(([, value]) => value);
  const units = attributes.filter(([oid]) => oid === organizationalUnitOid).map(([, value]) => value);
  return {
    name: names[names.length - 1] ?? '',
    role: roleFromUnits(units),
    serial: normalSerial(x509.serialNumber),
    notAfter: new Date(x509.validTo).toISOString(),
  };
}

/** A serial as people paste it (`0a:1B…`, `0x…`, any case) in the one form we compare: `A1B…`. */
export function normalSerial(serial: string): string {
  return serial
    .trim()
    .replace(/^0x/i, '')
    .replace(/[:\s]/g, '')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

export function isSerial(text: string): boolean {
  return /^[0-9A-F]+$/.test(normalSerial(text));
}

/** [oid, value] of every attribute of the subject Name, in DER order. */
function subjectAttributes(certificateDer: Buffer): [string, string][] {
  const [tbsCertificate] = der.children(der.fromDer(certificateDer));
  const fields = der.children(tbsCertificate);
  const subject = fields[(der.isContextTag(fields[0], 0) ? 1 : 0) + 4];
  return der.children(subject).flatMap((relativeName) =>
    der.children(relativeName).map((attribute): [string, string] => {
      const [oid, value] = der.children(attribute);
      return [der.oidOf(oid), stringValue(value)];
    }),
  );
}

const bmpStringTag = 30;
const universalStringTag = 28;

/** DirectoryString choices: BMPString is UTF-16BE, UniversalString UTF-32BE, the others ASCII or UTF-8. */
function stringValue(node: der.Asn1): string {
  const bytes = der.contentBytes(node);
  const tag = node.type as number;
  if (tag === bmpStringTag) return Buffer.from(bytes).swap16().toString('utf16le');
  if (tag === universalStringTag) {
    const points = Array.from({ length: Math.floor(bytes.length / 4) }, (_, index) => bytes.readUInt32BE(index * 4));
    return String.fromCodePoint(...points);
  }
  return bytes.toString('utf8');
}
