/**
 * Of a context's client certificate and CA, the one that expires first: what its expiry figure
 * speaks of, in the tree, the tooltip, the warning and `ls` alike.
 */
import { type CertificateDetails, describeCertificate } from './describeCertificate';

export function firstToExpire(certificates: readonly (CertificateDetails | undefined)[]): CertificateDetails | undefined {
  return certificates.filter((details) => details !== undefined).sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter))[0];
}

/** The same from PEM texts (a missing or unreadable one is left out). */
export function firstToExpirePem(pems: readonly (string | undefined)[]): CertificateDetails | undefined {
  return firstToExpire(pems.map((pem) => (pem === undefined ? undefined : describeOrUndefined(pem))));
}

function describeOrUndefined(pem: string): CertificateDetails | undefined {
  try {
    return describeCertificate(pem);
  } catch {
    return undefined;
  }
}
