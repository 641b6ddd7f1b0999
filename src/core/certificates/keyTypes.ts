/**
 * The key types a generated certificate set can use. Keys come from Node's native key generation:
 * `generateKeyPair` runs on libuv's thread pool, so the three keys of a set are made in parallel,
 * and a 4096-bit RSA key (Docker's recommendation, our default) takes about a second instead of
 * the tens of seconds of pure-JS RSA in node-forge.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export const keyTypes = ['rsa4096', 'rsa3072', 'rsa2048', 'ecdsa-p256', 'ecdsa-p384'] as const;
export type KeyType = (typeof keyTypes)[number];
export const defaultKeyType: KeyType = 'rsa4096';

export function isKeyType(value: string): value is KeyType {
  return (keyTypes as readonly string[]).includes(value);
}

/** For messages and progress: `RSA 4096`, `ECDSA P-256`. */
export function keyTypeLabel(keyType: KeyType): string {
  return keyType.startsWith('rsa') ? `RSA ${keyType.slice(3)}` : `ECDSA ${keyType.slice(6).toUpperCase().replace('P', 'P-')}`;
}

const generate = promisify(generateKeyPair);

export function generateKey(keyType: KeyType): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  switch (keyType) {
    case 'rsa4096':
    case 'rsa3072':
    case 'rsa2048':
      return generate('rsa', { modulusLength: Number(keyType.slice(3)) });
    case 'ecdsa-p256':
      return generate('ec', { namedCurve: 'P-256' });
    case 'ecdsa-p384':
      return generate('ec', { namedCurve: 'P-384' });
  }
}

/** The key type of an existing key, when it is one of ours (a rotated client key matches its CA's). */
export function keyTypeOf(key: KeyObject): KeyType | undefined {
  const { modulusLength, namedCurve } = key.asymmetricKeyDetails ?? {};
  const candidate = modulusLength !== undefined ? `rsa${modulusLength}` : { prime256v1: 'ecdsa-p256', secp384r1: 'ecdsa-p384' }[namedCurve ?? ''];
  return candidate !== undefined && isKeyType(candidate) ? candidate : undefined;
}
