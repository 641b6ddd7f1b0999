/**
 * X.509 certificates encoded with node-forge's ASN.1 utilities and signed by Node's crypto.
 *
 * node-forge signs only with RSA keys, and in JavaScript. Node's `crypto.sign` signs the DER of a
 * TBSCertificate natively with RSA and ECDSA keys alike, so every key type takes one path: forge
 * encodes the structure of RFC 5280 (section 4.1), Node signs it, and Node's X509Certificate
 * parses the result, so a certificate that does not read back is never handed out.
 */
import { createHash, type KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';

import * as der from './der';

/** Who signs: the Name its own certificate carries, its key identifier, and its private key. */
export interface CertificateIssuer {
  name: der.Asn1;
  keyIdentifier: Buffer;
  privateKey: KeyObject;
}

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  value: der.Asn1;
}

export interface CertificateFields {
  subject: der.Asn1;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Besides the subject and authority key identifiers, which every certificate gets. */
  extensions: CertificateExtension[];
}

export const subjectKeyIdentifierOid = '2.5.29.14';
const authorityKeyIdentifierOid = '2.5.29.35';

export function signCertificate(fields: CertificateFields, issuer: CertificateIssuer): X509Certificate {
  const algorithm = signatureAlgorithm(issuer.privateKey);
  const extensions: CertificateExtension[] = [
    ...fields.extensions,
    { oid: subjectKeyIdentifierOid, critical: false, value: der.octetString(keyIdentifier(fields.publicKey)) },
    { oid: authorityKeyIdentifierOid, critical: false, value: der.sequence([der.implicit(0, issuer.keyIdentifier)]) },
  ];
  const tbsCertificate = der.sequence([
    der.explicit(0, der.integer(Buffer.from([2]))), // v3
    der.integer(serialNumber()),
    algorithm.identifier,
    issuer.name,
    der.sequence([der.time(fields.notBefore), der.time(fields.notAfter)]),
    fields.subject,
    der.fromDer(fields.publicKey.export({ type: 'spki', format: 'der' })),
    der.explicit(3, der.sequence(extensions.map(encodeExtension))),
  ]);
  const signature = sign(algorithm.hash, der.toDer(tbsCertificate), issuer.privateKey);
  return new X509Certificate(der.toDer(der.sequence([tbsCertificate, algorithm.identifier, der.bitString(signature)])));
}

/** RFC 5280's method 1: the SHA-1 of the subjectPublicKey bits (what OpenSSL and Go compute too). */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const [, subjectPublicKey] = der.children(der.fromDer(publicKey.export({ type: 'spki', format: 'der' })));
  return createHash('sha1').update(der.contentBytes(subjectPublicKey).subarray(1)).digest();
}

function encodeExtension({ oid, critical, value }: CertificateExtension): der.Asn1 {
  return der.sequence([der.oid(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(der.toDer(value))]);
}

/**
 * 16 random bytes as a positive INTEGER in its minimal DER form: the top bit clear (positive)
 * and the first byte non-zero (Go's parser rejects a needless leading zero).
 */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return bytes;
}

/** SHA-256 with RSA; ECDSA with the hash that matches the curve's strength, as Go chooses. */
function signatureAlgorithm(key: KeyObject): { identifier: der.Asn1; hash: string } {
  if (key.asymmetricKeyType === 'rsa') {
    return { identifier: der.sequence([der.oid('1.2.840.113549.1.1.11'), der.nullValue()]), hash: 'sha256' };
  }
  const ecdsa = { prime256v1: ['1.2.840.10045.4.3.2', 'sha256'], secp384r1: ['1.2.840.10045.4.3.3', 'sha384'], secp521r1: ['1.2.840.10045.4.3.4', 'sha512'] };
  const curve = key.asymmetricKeyDetails?.namedCurve as keyof typeof ecdsa | undefined;
  if (key.asymmetricKeyType === 'ec' && curve !== undefined && curve in ecdsa) {
    const [oid, hash] = ecdsa[curve];
    return { identifier: der.sequence([der.oid(oid)]), hash };
  }
  throw new Error(`cannot sign certificates with a ${key.asymmetricKeyType} key${curve ? ` on curve ${curve}` : ''}: use an RSA or ECDSA P-256/P-384/P-521 CA`);
}
