/**
 * Checks client TLS material before it is imported, the way the engine and the extension will
 * judge it later, so a bad file is reported now with its reason rather than as a failed handshake.
 *
 * Extended key usage follows Go's crypto/x509, which dockerd uses to verify clients: a certificate
 * without the extension may be used for any purpose; with it, it must list clientAuth (or
 * anyExtendedKeyUsage), and this holds for the CA too, as Go checks every certificate of the chain.
 * Key strength: RSA below 2048 bits is refused and below 4096 (Docker's recommendation) warned;
 * ECDSA on P-256, P-384, P-521 and Ed25519 are fine; anything else is refused.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { describeCertificate } from './describeCertificate';
import { keyLabel } from './keyDetails';
import {
  materialFileNames,
  type MaterialFile,
  type ValidationProblem,
  type ValidationProblemCode,
  type ValidationWarning,
  type ValidationWarningCode,
} from './materialProblems';
import { parseCertificates } from './pemCertificates';
import { pkcs8Pem, readPrivateKey } from './privateKeyPem';

export interface ClientMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** For an encrypted key.pem. */
  passphrase?: string;
}

/** When valid, `keyPem` is the key decrypted, as PKCS#8 PEM: for SecretStorage, never for a file. */
export type ClientMaterialValidation =
  | { valid: true; keyPem: string; warnings: ValidationWarning[] }
  | { valid: false; problems: ValidationProblem[]; warnings: ValidationWarning[] };

const expiresSoonDays = 14;
const dayMs = 86_400_000;
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
  const [cert] = certificates(material.certPem, 'cert', findings);
  const key = privateKey(material, findings);

  if (cert) {
    checkCertificate(cert, 'cert', now, findings);
    if (key && !cert.checkPrivateKey(key)) {
      findings.problem('keyMismatch', 'key', 'key.pem is not the private key of cert.pem: pick the key made together with this certificate.');
    }
  }
  const issuer = cert && cas.find((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
  if (cert && cas.length > 0 && !issuer) {
    findings.problem('notSignedByCa', 'cert', `cert.pem was not signed by the CA in ca.pem (its issuer is "${describeCertificate(cert).issuer}"): the engine will refuse it.`);
  }
  // A bundle may hold several CAs: once the issuer is known, only it matters.
  for (const ca of issuer ? [issuer] : cas) {
    checkCertificate(ca, 'ca', now, findings);
    if (!ca.ca) findings.problem('caNotAuthority', 'ca', 'ca.pem is not a CA certificate (basicConstraints CA:TRUE is missing): nothing can be verified against it.');
  }

  const { problems, warnings } = findings;
  if (problems.length > 0 || !key) return { valid: false, problems, warnings };
  return { valid: true, keyPem: pkcs8Pem(key), warnings };
}

function certificates(pem: string, file: MaterialFile, findings: Findings): X509Certificate[] {
  try {
    return parseCertificates(pem);
  } catch (error) {
    findings.problem('unparseable', file, `${materialFileNames[file]} is not a readable PEM certificate: ${(error as Error).message}`);
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

/** Lifetime, purpose and key strength: the checks the client certificate and its CA share. */
function checkCertificate(certificate: X509Certificate, file: MaterialFile, now: Date, findings: Findings): void {
  const name = materialFileNames[file];
  const details = describeCertificate(certificate);
  const notAfter = new Date(details.notAfter);
  const daysLeft = (notAfter.getTime() - now.getTime()) / dayMs;
  if (daysLeft < 0) findings.problem('expired', file, `${name} expired on ${details.notAfter}: renew it.`);
  else if (now < new Date(details.notBefore)) findings.problem('notYetValid', file, `${name} is valid only from ${details.notBefore}: check this machine's clock.`);
  else if (daysLeft < expiresSoonDays) findings.warning('expiresSoon', file, `${name} expires on ${details.notAfter}, in ${Math.ceil(daysLeft)} days.`);

  const usages = details.extKeyUsage;
  if (usages !== null && !usages.includes('clientAuth') && !usages.includes('anyExtendedKeyUsage')) {
    findings.problem('noClientAuth', file, `${name} may not be used for client authentication (extended key usage: ${usages.join(', ') || 'none'}): the engine refuses it.`);
  }

  const { type, bits, curve } = details.key;
  if (type === 'rsa' && bits !== undefined) {
    if (bits < 2048) findings.problem('weakKey', file, `${name} has a ${bits}-bit RSA key: at least 2048 bits are required, 4096 recommended.`);
    else if (bits < 4096) findings.warning('rsaBelow4096', file, `${name} has a ${bits}-bit RSA key; Docker recommends 4096 bits.`);
  } else if (!(type === 'ec' && curve !== undefined && acceptedCurves.has(curve)) && type !== 'ed25519') {
    findings.problem('unsupportedKey', file, `${name} has a ${keyLabel(details.key)} key, which Docker's TLS does not accept: use RSA (4096 bits) or ECDSA P-256/P-384.`);
  }
}
