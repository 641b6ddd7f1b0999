/**
 * What goes into each of the three certificates: the CA may only sign certificates; the server
 * certificate names the engine's host and serves TLS (serverAuth); the client certificate only
 * authenticates to the engine (clientAuth), which `dockerd --tlsverify` checks.
 */
import type { KeyObject } from 'node:crypto';

import type { CertificateExtension } from './certificateSigner';
import * as der from './der';
import { type HostNames, ipAddressBytes } from './hostNames';

const organization = 'Docker Context Guard';

const extendedKeyUsages = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' };

/** Bit positions of RFC 5280's KeyUsage. */
const keyUsageBits = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };
type KeyUsage = keyof typeof keyUsageBits;

export const organizationalUnitOid = '2.5.4.11';
export const commonNameOid = '2.5.4.3';

/** `O=Docker Context Guard, [OU=<organizationalUnit>,] CN=<commonName>`, as UTF8Strings. */
export function distinguishedName(commonName: string, organizationalUnit?: string): der.Asn1 {
  const attribute = (oid: string, value: string) => der.set([der.sequence([der.oid(oid), der.utf8String(value)])]);
  const unit = organizationalUnit === undefined ? [] : [attribute(organizationalUnitOid, organizationalUnit)];
  return der.sequence([attribute('2.5.4.10', organization), ...unit, attribute(commonNameOid, commonName)]);
}

export function caExtensions(): CertificateExtension[] {
  return [basicConstraints(true), keyUsage(['keyCertSign', 'cRLSign'])];
}

export function serverExtensions(names: HostNames, key: KeyObject): CertificateExtension[] {
  return [...leafExtensions(key, 'serverAuth'), subjectAltName(names)];
}

export function clientExtensions(key: KeyObject): CertificateExtension[] {
  return leafExtensions(key, 'clientAuth');
}

/** RSA keys may also encipher (RSA key exchange); ECDSA keys only sign. */
function leafExtensions(key: KeyObject, usage: keyof typeof extendedKeyUsages): CertificateExtension[] {
  const usages: KeyUsage[] = key.asymmetricKeyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
  return [basicConstraints(false), keyUsage(usages), { oid: '2.5.29.37', critical: false, value: der.sequence([der.oid(extendedKeyUsages[usage])]) }];
}

/** CA:FALSE is the DER default, so a leaf's value is an empty SEQUENCE. */
function basicConstraints(isCa: boolean): CertificateExtension {
  return { oid: '2.5.29.19', critical: true, value: der.sequence(isCa ? [der.boolean(true)] : []) };
}

/** A named BIT STRING: one byte for these bits, trailing zero bits counted as unused (DER). */
function keyUsage(usages: KeyUsage[]): CertificateExtension {
  const byte = usages.reduce((bits, usage) => bits | (0x80 >> keyUsageBits[usage]), 0);
  const unusedBits = 31 - Math.clz32(byte & -byte); // the lowest set bit's place from the right
  return { oid: '2.5.29.15', critical: true, value: der.bitString(Buffer.from([byte]), unusedBits) };
}

/** dNSName is [2] IA5String, iPAddress is [7] OCTET STRING. */
function subjectAltName({ dnsNames, ipAddresses }: HostNames): CertificateExtension {
  const names = [...dnsNames.map((name) => der.implicit(2, Buffer.from(name, 'ascii'))), ...ipAddresses.map((ip) => der.implicit(7, ipAddressBytes(ip)))];
  return { oid: '2.5.29.17', critical: false, value: der.sequence(names) };
}
