/**
 * Small constructors over node-forge's ASN.1 encoder, so the certificate code reads like the
 * structures of RFC 5280. Bytes cross the boundary as Buffers; forge's binary strings stay in here.
 */
import type * as Forge from 'node-forge';

import { loadForge } from '../vendor';

export type Asn1 = Forge.asn1.Asn1;

const asn1 = () => loadForge().asn1;
const binary = (bytes: Buffer) => bytes.toString('binary');

function universal(type: Forge.asn1.Type, value: string | Asn1[]): Asn1 {
  return asn1().create(asn1().Class.UNIVERSAL, type, Array.isArray(value), value);
}

export const sequence = (items: Asn1[]) => universal(asn1().Type.SEQUENCE, items);
export const set = (items: Asn1[]) => universal(asn1().Type.SET, items);
export const oid = (dotted: string) => universal(asn1().Type.OID, asn1().oidToDer(dotted).getBytes());
export const integer = (bytes: Buffer) => universal(asn1().Type.INTEGER, binary(bytes));
export const boolean = (value: boolean) => universal(asn1().Type.BOOLEAN, value ? '\xff' : '\x00');
export const nullValue = () => universal(asn1().Type.NULL, '');
export const octetString = (bytes: Buffer) => universal(asn1().Type.OCTETSTRING, binary(bytes));
export const utf8String = (text: string) => universal(asn1().Type.UTF8, binary(Buffer.from(text, 'utf8')));
export const bitString = (bytes: Buffer, unusedBits = 0) => universal(asn1().Type.BITSTRING, String.fromCharCode(unusedBits) + binary(bytes));

/** UTCTime until 2049, GeneralizedTime from 2050 on (RFC 5280, 4.1.2.5); whole seconds. */
export function time(date: Date): Asn1 {
  const { Type } = asn1();
  return date.getUTCFullYear() < 2050
    ? universal(Type.UTCTIME, asn1().dateToUtcTime(date))
    : universal(Type.GENERALIZEDTIME, asn1().dateToGeneralizedTime(date));
}

/** `[tag] EXPLICIT inner`. */
export function explicit(tag: number, inner: Asn1): Asn1 {
  return asn1().create(asn1().Class.CONTEXT_SPECIFIC, tag, true, [inner]);
}

/** `[tag] IMPLICIT` primitive content (GeneralName choices, key identifiers). */
export function implicit(tag: number, bytes: Buffer): Asn1 {
  return asn1().create(asn1().Class.CONTEXT_SPECIFIC, tag, false, binary(bytes));
}

export const toDer = (node: Asn1) => Buffer.from(asn1().toDer(node).getBytes(), 'binary');

/**
 * Parses DER without forge's habit of decoding BIT STRING contents as nested ASN.1, so a public
 * key's bits stay the raw bytes they are (and re-encode byte for byte). The option exists at
 * runtime but not in @types/node-forge, hence the cast.
 */
export function fromDer(der: Buffer): Asn1 {
  const forgeAsn1 = asn1() as unknown as { fromDer(bytes: string, options: { decodeBitStrings: boolean }): Asn1 };
  return forgeAsn1.fromDer(binary(der), { decodeBitStrings: false });
}

/** Content bytes of a primitive node. */
export function contentBytes(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new Error('expected a primitive ASN.1 value');
  return Buffer.from(node.value, 'binary');
}

export function children(node: Asn1): Asn1[] {
  if (typeof node.value === 'string') throw new Error('expected a constructed ASN.1 value');
  return node.value;
}

export function isContextTag(node: Asn1, tag: number): boolean {
  return node.tagClass === asn1().Class.CONTEXT_SPECIFIC && node.type === tag;
}

export const oidOf = (node: Asn1) => asn1().derToOid(contentBytes(node).toString('binary'));
