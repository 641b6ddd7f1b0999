/**
 * What can be wrong with client TLS material (ca.pem, cert.pem, key.pem), as codes a UI can act
 * on (e.g. ask for a passphrase on `passphraseRequired`) and tests can assert, each with a message
 * that names the file and says what to do.
 */
import type { TlsPart } from '../contexts/tls/tlsMaterial';

/** The part of the material a finding is about (its file: tlsFileNames). */
export type MaterialFile = TlsPart;

export type ValidationProblemCode =
  | 'missingFile'
  | 'fileTooLarge'
  | 'unreadable'
  | 'unparseable'
  | 'passphraseRequired'
  | 'wrongPassphrase'
  | 'keyMismatch'
  | 'intermediateMissing'
  | 'insecureSignature'
  | 'caNotAuthority'
  | 'expired'
  | 'notYetValid'
  | 'noClientAuth'
  | 'weakKey'
  | 'unsupportedKey';

export type ValidationWarningCode = 'rsaBelow4096' | 'expiresSoon' | 'clientCaNotInBundle';

export interface ValidationIssue<Code extends string> {
  code: Code;
  file: MaterialFile;
  message: string;
}

export type ValidationProblem = ValidationIssue<ValidationProblemCode>;
export type ValidationWarning = ValidationIssue<ValidationWarningCode>;
