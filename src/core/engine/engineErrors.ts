/**
 * Engine connection failures, told apart by `reason` (never by matching messages elsewhere) and
 * worded so a person knows what to do next. Every error from talking to an engine passes
 * through `toEngineError` once, at the connection layer.
 */
import { redactCredentials } from '../audit/redact';
import { defaultContextName } from '../contexts/contextNames';
import { seconds } from './engineTimeouts';
import { SshConnectError } from './ssh/sshErrors';

export type EngineErrorReason =
  | 'refused'
  | 'timeout'
  | 'dnsFailed'
  | 'unreachable'
  | 'socketMissing'
  | 'permissionDenied'
  | 'tlsUntrusted'
  | 'tlsNameMismatch'
  | 'tlsExpired'
  | 'tlsClientRejected'
  | 'tlsMaterialMissing'
  | 'tlsMaterialInvalid'
  | 'keysBoundElsewhere'
  | 'keysUnverified'
  | 'plainHttpToTls'
  | 'tlsToPlainServer'
  | 'hostKeyUnknown'
  | 'hostKeyChanged'
  | 'hostKeyRevoked'
  | 'authFailed'
  | 'dockerNotFound'
  | 'apiError'
  | 'unknown';

export class EngineError extends Error {
  constructor(
    readonly reason: EngineErrorReason,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  static is(error: unknown, reason?: EngineErrorReason): error is EngineError {
    return error instanceof EngineError && (reason === undefined || error.reason === reason);
  }
}

/** Where a failed request was going, for the message. */
export interface EngineTarget {
  contextName: string;
  host: string;
}

const tlsUntrustedCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * OpenSSL's words for certificates it will not use, as causes a person can act on. Most are
 * caught before connecting (tlsMaterial.ts); these cover what only the handshake shows.
 */
const tlsMaterialCauses: [RegExp, EngineErrorReason, string][] = [
  [
    /signature digest algorithm too weak/i,
    'tlsUntrusted',
    "its certificate (or a CA above it) is signed with SHA-1 or MD5, which docker refuses as insecure: reissue the engine's certificate with SHA-256.",
  ],
  [
    /unsuitable certificate purpose|INVALID_PURPOSE/i,
    'tlsUntrusted',
    "its certificate may not serve TLS (its extended key usage lacks serverAuth): reissue the engine's certificate for serverAuth.",
  ],
  [
    /ca md too weak/i,
    'tlsMaterialInvalid',
    'a certificate of cert.pem is signed with SHA-1 or MD5, which is refused as insecure: have it reissued with SHA-256.',
  ],
  [
    /bad decrypt|BAD_DECRYPT/i,
    'tlsMaterialInvalid',
    'key.pem is encrypted, and docker cannot use an encrypted key: decrypt it (openssl pkey -in key.pem -out key.pem).',
  ],
  [/key values mismatch|KEY_VALUES_MISMATCH/i, 'tlsMaterialInvalid', 'key.pem is not the private key of cert.pem.'],
  [
    /DECODER routines::unsupported|no start line|ERR_OSSL_UNSUPPORTED|asn1 encoding routines|ERR_OSSL_ASN1_/i,
    'tlsMaterialInvalid',
    'cert.pem or key.pem is not a PEM certificate or private key that can be read.',
  ],
];

/** Maps anything a request threw to an EngineError (an EngineError passes through unchanged). */
export function toEngineError(error: unknown, target: EngineTarget, timeoutMs: number): EngineError {
  if (error instanceof EngineError) return error;
  // The SSH layer words its failures itself; its reasons are engine reasons too.
  if (error instanceof SshConnectError) return new EngineError(error.reason, error.message, error);
  const err = error as NodeJS.ErrnoException & { statusCode?: number; json?: { message?: string } | string | Buffer | null; reason?: string };
  const code = err?.code ?? '';
  const message = String(err?.message ?? error);
  const where = `"${target.contextName}" (${redactCredentials(target.host)})`;
  const make = (reason: EngineErrorReason, text: string) => new EngineError(reason, text, error);

  if (typeof err?.statusCode === 'number') {
    // docker-modem hands over Docker's JSON error as an object, any other body as a string or a Buffer.
    const body = typeof err.json === 'string' || Buffer.isBuffer(err.json) ? err.json.toString() : undefined;
    const detail = body ?? (err.json as { message?: string } | null | undefined)?.message ?? message;
    if (err.statusCode === 400 && /HTTP request to an HTTPS server/i.test(detail)) {
      const remedy =
        target.contextName === defaultContextName
          ? 'set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem'
          : 'add the CA, certificate and key to the context (docker context update --docker "host=…,ca=…,cert=…,key=…")';
      return make('plainHttpToTls', `The engine of ${where} expects TLS: ${remedy}.`);
    }
    // A status the request does not expect, without Docker's JSON error: not an engine answering.
    if (body !== undefined && /^\(HTTP code \d+\) unexpected/.test(message)) {
      const firstLine = body.trim().split('\n')[0].slice(0, 80);
      return make(
        'apiError',
        `${where} answered HTTP ${err.statusCode}${firstLine ? ` ("${firstLine}")` : ''}, which is no Docker engine's answer: is a Docker engine listening there, at this address and port?`,
      );
    }
    return make('apiError', `The engine of ${where} answered ${err.statusCode}: ${detail.trim()}`);
  }
  switch (code) {
    case 'ECONNREFUSED':
      return make('refused', `Connection to ${where} was refused: no Docker engine listens there. Is dockerd running, and listening on that address?`);
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'ECONNRESET_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return make('timeout', `No answer from ${where} within ${seconds(timeoutMs)}: the host is down, or a firewall drops the traffic.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('dnsFailed', `The host name of ${where} cannot be resolved: check the name, your DNS or VPN.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return make('unreachable', `${where} is unreachable from this machine (no route): check the network or VPN.`);
    case 'ENOENT':
      return make('socketMissing', `There is no Docker socket for ${where}: is the engine running?`);
    case 'EACCES':
      return make('permissionDenied', `Permission denied on the socket of ${where}: your user needs access to it (on Linux, the docker group).`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return make(
        'tlsNameMismatch',
        `The engine's certificate does not name the host of ${where}: ${message.replace(/^Hostname\/IP does not match certificate's altnames: /, '')}. Connect with a name the certificate lists, or reissue it.`,
      );
    case 'CERT_HAS_EXPIRED':
      return make('tlsExpired', `The engine's certificate for ${where} has expired: renew the server certificate.`);
    case 'CERT_NOT_YET_VALID':
      return make('tlsExpired', `The engine's certificate for ${where} is not valid yet: check the clocks of both machines.`);
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message)) {
    return make(
      'tlsToPlainServer',
      `What answers at ${where} does not speak TLS: the port is a plain-HTTP engine or another service. Check the port (Docker uses 2376 for TLS).`,
    );
  }
  if (tlsUntrustedCodes.has(code)) {
    return make(
      'tlsUntrusted',
      `The engine of ${where} presented a certificate that the context's CA (ca.pem) did not sign: wrong CA file, or not the engine you expect.`,
    );
  }
  const tlsMaterialCause = tlsMaterialCauses.find(([pattern]) => pattern.test(`${code} ${message}`));
  if (tlsMaterialCause) {
    const [, reason, cause] = tlsMaterialCause;
    return make(
      reason,
      `${reason === 'tlsMaterialInvalid' ? `The TLS files of ${where} cannot be used` : `The engine of ${where} cannot be trusted`}: ${cause}`,
    );
  }
  if (
    /alert (bad certificate|certificate required|unknown ca|certificate unknown)|ERR_SSL_(SSLV3|TLSV13|TLSV1)_ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA)/i.test(
      `${code} ${message}`,
    )
  ) {
    return make(
      'tlsClientRejected',
      `The engine of ${where} rejected the client certificate (cert.pem): it is missing, not signed by a CA the engine trusts, or lacks its intermediate CA.`,
    );
  }
  if (/timeout|timed out/i.test(message)) {
    return make('timeout', `No answer from ${where} within ${seconds(timeoutMs)}: the host is down, or a firewall drops the traffic.`);
  }
  return make('unknown', `Talking to ${where} failed: ${message}`);
}
