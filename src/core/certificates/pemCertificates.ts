/** The certificates of a PEM text in order: a ca.pem may be a bundle of several, and X509Certificate reads only one. */
import { X509Certificate } from 'node:crypto';

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function certificatePems(text: string): string[] {
  return text.match(certificateBlock) ?? [];
}

/** Every certificate in `text`; throws when a block does not parse, and when there is none. */
export function parseCertificates(text: string): X509Certificate[] {
  const pems = certificatePems(text);
  if (pems.length === 0) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  return pems.map((pem) => new X509Certificate(pem));
}
