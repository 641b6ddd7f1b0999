/**
 * Checks client TLS material before it is imported (and before each connection), the way docker
 * and the engine judge it, so a bad file is reported with its reason rather than as a failed
 * handshake. The import, `certs check` and the connection layer all take this verdict.
 *
 * As with docker: ca.pem verifies the engine only; cert.pem is sent as it is (the client
 * certificate, then any intermediates), and the engine checks it against CAs of its own, which
 * need not be those of ca.pem. Go refuses SHA-1 and MD5 signatures.
 *
 * Extended key usage follows Go's crypto/x509, which dockerd uses to verify clients: a certificate
 * without the extension may be used for any purpose; with it, it must list clientAuth (or
 * anyExtendedKeyUsage), and this holds for the CA too, as Go checks every certificate of the chain.
 * Key strength: RSA below 2048 bits is refused and below 4096 (Docker's recommendation) warned;
 * ECDSA on P-256, P-384, P-521 and Ed25519 are fine; anything else is refused.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';

import { tlsFileNames, type TlsMaterial } from '../contexts/tls/tlsMaterial';
import { daysUntil, relativeDays } from '../text/relativeDays';
import { describeCertificate } from './describeCertificate';
import { keyLabel } from './keyDetails';
import { type MaterialFile, type ValidationProblem, type ValidationProblemCode, type ValidationWarning, type ValidationWarningCode } from './materialProblems';
import { parseCertificates } from './pemCertificates';
import { pkcs8Pem, readPrivateKey } from './privateKeyPem';
import { insecureSignatureAlgorithm } from './signatureAlgorithm';

/** The material to judge, with the passphrase of an encrypted key.pem. */
export type ClientMaterial = TlsMaterial & { passphrase?: string };

/** When valid, `keyPem` is the key decrypted, as PKCS#8 PEM: for SecretStorage, never for a file. */
export type ClientMaterialValidation =
  { valid: true; keyPem: string; warnings: ValidationWarning[] } | { valid: false; problems: ValidationProblem[]; warnings: ValidationWarning[] };

const expiresSoonDays = 14;
const acceptedCurves = new Set(['P-256', 'P-384', 'P-521']);

/** Collects what is wrong (problems) and what is merely worth knowing (warnings). */
class Findings {
  readonly problems: ValidationProblem[] = [];
  readonly warnings: ValidationWarning[] = [];

  problem(code: ValidationProblemCode, file: MaterialFile, message: string): void {
    this.problems.push({ code, file, message });
  }

  warning(code: ValidationWarningCode, file: MaterialFile, message: string): void {
    this.warnings.push({ code, file, message });
  }
}

export function validateClientMaterial(material: ClientMaterial, now: Date = new Date()): ClientMaterialValidation {
  const findings = new Findings();
  const cas = certificates(material.caPem, 'ca', findings);
  const [cert, ...bundled] = certificates(material.certPem, 'cert', findings);
  const key = privateKey(material, findings);

  if (cert) {
    if (key && !cert.checkPrivateKey(key)) {
      findings.problem('keyMismatch', 'key', 'key.pem is not the private key of cert.pem: pick the key made together with this certificate.');
    }
    const chain = clientChain(cert, bundled);
    chain.forEach((certificate, index) => {
      const name = index === 0 ? 'cert.pem' : `The intermediate CA "${subjectOf(certificate)}" in cert.pem`;
      checkCertificate(certificate, 'cert', name, now, findings);
      checkSignature(certificate, 'cert', name, findings);
    });
    checkChainTop(chain[chain.length - 1], cas, now, findings);
  } else {
    for (const ca of cas) checkCa(ca, now, findings, false);
  }

  const { problems, warnings } = findings;
  if (problems.length > 0 || !key) return { valid: false, problems, warnings };
  return { valid: true, keyPem: pkcs8Pem(key), warnings };
}

/**
 * The client certificate, then the intermediates of cert.pem that lead from it towards its root
 * (each issued by the next): what docker sends the engine, which completes the chain with its own
 * CAs (--tlscacert). A certificate of cert.pem off that path is not sent usefully, and not checked.
 */
function clientChain(leaf: X509Certificate, bundled: X509Certificate[]): X509Certificate[] {
  const chain = [leaf];
  for (let top = leaf; !isSelfSigned(top);) {
    const next = bundled.find((candidate) => !chain.includes(candidate) && issues(candidate, top));
    if (!next) break;
    chain.push(next);
    top = next;
  }
  return chain;
}

/**
 * Where the chain docker sends ends. ca.pem verifies the engine; the engine trusts client CAs of its
 * own, so a client CA outside ca.pem is fine (docker accepts it) but unverifiable here. An issuer
 * found in ca.pem that is itself an intermediate is a chain docker cannot send: it sends cert.pem
 * as it is (OpenSSL, and so the extension, would quietly complete it from ca.pem).
 */
function checkChainTop(top: X509Certificate, cas: X509Certificate[], now: Date, findings: Findings): void {
  if (isSelfSigned(top)) return;
  const issuer = cas.find((ca) => issues(ca, top));
  if (!issuer) {
    if (cas.length > 0) {
      findings.warning(
        'clientCaNotInBundle',
        'cert',
        `cert.pem was signed by "${issuerOf(top)}", which is not in ca.pem: fine when the engine trusts that CA (its --tlscacert), since ca.pem only verifies the engine; otherwise the engine refuses the certificate.`,
      );
    }
    for (const ca of cas) checkCa(ca, now, findings, false);
    return;
  }
  if (!isSelfSigned(issuer)) {
    findings.problem(
      'intermediateMissing',
      'cert',
      `cert.pem lacks the intermediate CA "${subjectOf(issuer)}" that signed it (it is in ca.pem): docker sends cert.pem as it is, and an engine that trusts only the root CA refuses it. Append that intermediate certificate to cert.pem.`,
    );
  }
  checkCa(issuer, now, findings, true);
}

/** A CA of ca.pem; `issuesClient` when it signed the client chain, whose purpose it must then allow. */
function checkCa(ca: X509Certificate, now: Date, findings: Findings, issuesClient: boolean): void {
  checkCertificate(ca, 'ca', tlsFileNames.ca, now, findings, issuesClient);
  if (!ca.ca)
    findings.problem('caNotAuthority', 'ca', 'ca.pem is not a CA certificate (basicConstraints CA:TRUE is missing): nothing can be verified against it.');
}

const issues = (issuer: X509Certificate, certificate: X509Certificate) => certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
const isSelfSigned = (certificate: X509Certificate) => issues(certificate, certificate);
const subjectOf = (certificate: X509Certificate) => describeCertificate(certificate).subject;
const issuerOf = (certificate: X509Certificate) => describeCertificate(certificate).issuer;

/** Go refuses SHA-1 and MD5 signatures (a root's own signature is never checked). */
function checkSignature(certificate: X509Certificate, file: MaterialFile, name: string, findings: Findings): void {
  const algorithm = isSelfSigned(certificate) ? undefined : insecureSignatureAlgorithm(certificate);
  if (algorithm) {
    findings.problem(
      'insecureSignature',
      file,
      `${name} is signed with ${algorithm}, which docker and dockerd refuse as insecure (Go has since 1.18): have it reissued with SHA-256.`,
    );
  }
}

function certificates(pem: string, file: MaterialFile, findings: Findings): X509Certificate[] {
  try {
    return parseCertificates(pem);
  } catch (error) {
    findings.problem('unparseable', file, `${tlsFileNames[file]} is not a readable PEM certificate: ${(error as Error).message}`);
    return [];
  }
}

function privateKey(material: ClientMaterial, findings: Findings): KeyObject | undefined {
  const reading = readPrivateKey(material.keyPem, material.passphrase);
  if ('key' in reading) return reading.key;
  const messages = {
    passphraseRequired: 'key.pem is encrypted: enter its passphrase.',
    wrongPassphrase: 'key.pem cannot be decrypted with this passphrase.',
    unparseable: `key.pem is not a readable PEM private key: ${reading.detail}`,
  };
  findings.problem(reading.problem, 'key', messages[reading.problem]);
  return undefined;
}

/** Lifetime, purpose (unless `forClients` is false) and key strength: the checks every certificate of the chain shares. */
function checkCertificate(certificate: X509Certificate, file: MaterialFile, name: string, now: Date, findings: Findings, forClients = true): void {
  const details = describeCertificate(certificate);
  const daysLeft = daysUntil(details.notAfter, now);
  if (daysLeft < 0) findings.problem('expired', file, `${name} expired on ${details.notAfter}: renew it.`);
  else if (now < new Date(details.notBefore))
    findings.problem('notYetValid', file, `${name} is valid only from ${details.notBefore}: check this machine's clock.`);
  else if (daysLeft < expiresSoonDays) findings.warning('expiresSoon', file, `${name} expires on ${details.notAfter}, ${relativeDays(details.notAfter, now)}.`);

  const usages = details.extKeyUsage;
  if (forClients && usages !== null && !usages.includes('clientAuth') && !usages.includes('anyExtendedKeyUsage')) {
    findings.problem(
      'noClientAuth',
      file,
      `${name} may not be used for client authentication (extended key usage: ${usages.join(', ') || 'none'}): the engine refuses it.`,
    );
  }

  const { type, bits, curve } = details.key;
  if (type === 'rsa' && bits !== undefined) {
    if (bits < 2048) findings.problem('weakKey', file, `${name} has a ${bits}-bit RSA key: at least 2048 bits are required, 4096 recommended.`);
    else if (bits < 4096) findings.warning('rsaBelow4096', file, `${name} has a ${bits}-bit RSA key; Docker recommends 4096 bits.`);
  } else if (!(type === 'ec' && curve !== undefined && acceptedCurves.has(curve)) && type !== 'ed25519') {
    findings.problem(
      'unsupportedKey',
      file,
      `${name} has a ${keyLabel(details.key)} key, which Docker's TLS does not accept: use RSA (4096 bits) or ECDSA P-256/P-384.`,
    );
  }
}
