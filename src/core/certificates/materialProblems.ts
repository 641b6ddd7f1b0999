/**
 * What can be wrong with client TLS material (ca.pem, cert.pem, key.pem), as codes a UI can act
 * on (e.g. ask for a passphrase on `passphraseRequired`) and tests can assert, each with a message
 * that names the file and says what to do.
 */

export type MaterialFile = 'ca' | 'cert' | 'key';

/** The names Docker gives these files (docker-machine, DOCKER_CERT_PATH, the context store). */
export const materialFileNames: Record<MaterialFile, string> = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' };

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
