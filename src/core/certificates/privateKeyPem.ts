/**
 * Reading a private key file as people have them: PKCS#8, PKCS#1 or SEC1, plain or encrypted
 * (PKCS#8 `ENCRYPTED PRIVATE KEY`, or OpenSSL's legacy `Proc-Type: 4,ENCRYPTED` header). An
 * encrypted key is recognised by its PEM header before any decryption is tried, so "needs a
 * passphrase" and "wrong passphrase" are told apart from "not a key at all".
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

export type PrivateKeyReading = { key: KeyObject } | { problem: 'passphraseRequired' | 'wrongPassphrase' | 'unparseable'; detail: string };

function isEncryptedPem(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /^Proc-Type:\s*4,\s*ENCRYPTED\s*$/m.test(pem);
}

export function readPrivateKey(pem: string, passphrase?: string): PrivateKeyReading {
  const encrypted = isEncryptedPem(pem);
  if (encrypted && passphrase === undefined) return { problem: 'passphraseRequired', detail: 'the key is encrypted' };
  try {
    return { key: createPrivateKey({ key: pem, format: 'pem', passphrase: encrypted ? passphrase : undefined }) };
  } catch (error) {
    return { problem: encrypted ? 'wrongPassphrase' : 'unparseable', detail: (error as Error).message };
  }
}

/** PKCS#8 PEM (`PRIVATE KEY`), unencrypted: what Go's crypto/tls and Node both load for any key type. */
export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * PKCS#8 PEM encrypted with AES-256-CBC under a PBKDF2 key (`ENCRYPTED PRIVATE KEY`), what
 * `openssl genpkey -aes256` writes and `openssl … -passin` reads.
 */
export function encryptedPkcs8Pem(key: KeyObject, passphrase: string): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}
