/**
 * What kind of key a certificate or key file holds, in the terms people compare: RSA bits, or the
 * NIST name of an elliptic curve (OpenSSL calls P-256 `prime256v1`; Go and Docker's docs say P-256).
 */
import type { KeyObject } from 'node:crypto';

export interface KeyDetails {
  /** `rsa`, `ec`, `ed25519`…, as Node names key types. */
  type: string;
  /** Modulus length, for RSA keys. */
  bits?: number;
  /** `P-256`, `P-384`, `P-521`, or OpenSSL's name for other curves. */
  curve?: string;
}

const nistCurves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

export function describeKey(key: KeyObject): KeyDetails {
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (details.modulusLength !== undefined) return { type, bits: details.modulusLength };
  if (details.namedCurve !== undefined) return { type, curve: nistCurves[details.namedCurve] ?? details.namedCurve };
  return { type };
}

/** `RSA 4096`, `EC P-256`, `ED25519`. */
export function keyLabel(details: KeyDetails): string {
  return [details.type.toUpperCase(), details.bits ?? details.curve].filter((part) => part !== undefined).join(' ');
}
