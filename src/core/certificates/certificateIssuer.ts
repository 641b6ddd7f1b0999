/**
 * The CA side of signing, read from the CA's certificate and key. Chain building matches a
 * certificate's issuer to its CA's subject and its authority key identifier to the CA's subject
 * key identifier, so both are taken from the CA's DER as they are, never re-derived.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';

import { type CertificateIssuer, keyIdentifier, subjectKeyIdentifierOid } from './certificateSigner';
import * as der from './der';

export function issuerFromCertificate(ca: X509Certificate, privateKey: KeyObject): CertificateIssuer {
  const [tbsCertificate] = der.children(der.fromDer(ca.raw));
  const fields = der.children(tbsCertificate);
  const versioned = der.isContextTag(fields[0], 0) ? 1 : 0;
  const subject = fields[versioned + 4];
  const extensions = fields.find((field) => der.isContextTag(field, 3));
  const ownIdentifier = extensions && extensionValue(der.children(extensions)[0], subjectKeyIdentifierOid);
  return {
    name: subject,
    keyIdentifier: ownIdentifier ? der.contentBytes(der.fromDer(ownIdentifier)) : keyIdentifier(ca.publicKey),
    privateKey,
  };
}

/** The DER inside an extension's OCTET STRING, or undefined when the certificate lacks it. */
function extensionValue(extensions: der.Asn1, oid: string): Buffer | undefined {
  for (const extension of der.children(extensions)) {
    const parts = der.children(extension);
    if (der.oidOf(parts[0]) === oid) return der.contentBytes(parts[parts.length - 1]);
  }
  return undefined;
}
