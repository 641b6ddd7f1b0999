/**
 * Which hash a certificate was signed with. Go's crypto/x509 (dockerd since Go 1.18, the docker
 * CLI) refuses SHA-1 and MD5 signatures ("insecure algorithm"), and OpenSSL 3 at its default
 * security level refuses them too ("ca md too weak"), so such a certificate is told apart before
 * any handshake. Node's X509Certificate does not expose the algorithm (before Node 23), and this
 * runs at start-up, so the few DER bytes are read here instead of loading node-forge.
 */
import type { X509Certificate } from 'node:crypto';

/** The DER content of the signatureAlgorithm OIDs whose hash Go calls insecure, by name. */
const insecureAlgorithms: Record<string, string> = {
  '2a864886f70d010105': 'SHA1-RSA',
  '2a8648ce3d0401': 'ECDSA-SHA1',
  '2a8648ce380403': 'DSA-SHA1',
  '2a864886f70d010104': 'MD5-RSA',
  '2a864886f70d010102': 'MD2-RSA',
};

/** A DER element's content as [start, end) offsets in `der`, from the header at `offset`. */
function element(der: Buffer, offset: number): { start: number; end: number } {
  const first = der[offset + 1];
  if (first < 0x80) return { start: offset + 2, end: offset + 2 + first };
  const lengthBytes = first & 0x7f;
  const length = der.subarray(offset + 2, offset + 2 + lengthBytes).reduce((total, byte) => total * 256 + byte, 0);
  return { start: offset + 2 + lengthBytes, end: offset + 2 + lengthBytes + length };
}

/**
 * Go's name of the certificate's signature algorithm when it is one Go refuses (`SHA1-RSA`,
 * `ECDSA-SHA1`…), undefined otherwise. Certificate ::= SEQUENCE { tbsCertificate,
 * signatureAlgorithm SEQUENCE { OID, … }, signature }.
 */
export function insecureSignatureAlgorithm(certificate: X509Certificate): string | undefined {
  const der = certificate.raw;
  const tbs = element(der, element(der, 0).start);
  const algorithm = element(der, tbs.end);
  const oid = element(der, algorithm.start);
  return insecureAlgorithms[der.subarray(oid.start, oid.end).toString('hex')];
}
