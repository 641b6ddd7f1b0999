/**
 * SSH failures told apart by `reason`, never by message text: engineErrors.ts passes any error
 * carrying one of these reasons through as is, so the wording here is what the user reads and
 * says what to do next.
 */
import { seconds } from '../engineTimeouts';

export type SshErrorReason = 'hostKeyUnknown' | 'hostKeyChanged' | 'hostKeyRevoked' | 'authFailed' | 'refused' | 'timeout' | 'dockerNotFound' | 'unreachable';

export class SshConnectError extends Error {
  constructor(
    readonly reason: SshErrorReason,
    message: string,
    readonly details: { fingerprint?: string; cause?: unknown; code?: string } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'SshConnectError';
  }

  get fingerprint(): string | undefined {
    return this.details.fingerprint;
  }

  static is(error: unknown, reason?: SshErrorReason): error is SshConnectError {
    return error instanceof SshConnectError && (reason === undefined || error.reason === reason);
  }
}

/** `user@host:port`, the way the messages name a target. */
export function describeTarget(target: { user: string; hostname: string; port: number }): string {
  return `${target.user}@${target.hostname}:${target.port}`;
}

/** Maps a failure of the TCP connection or the SSH handshake (not host keys, not auth) to a reason. */
export function connectionError(error: unknown, where: string, timeoutMs: number): SshConnectError {
  if (error instanceof SshConnectError) return error;
  const err = error as (Error & { code?: string; level?: string }) | undefined;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = String(err?.message ?? error);
  const make = (reason: SshErrorReason, text: string) => new SshConnectError(reason, text, { cause: error, code });
  switch (code) {
    case 'ECONNREFUSED':
      return make('refused', `Connection to ${where} was refused: no SSH server listens there. Check the host and port of the context, and that sshd runs.`);
    case 'ETIMEDOUT':
      return make('timeout', `No SSH answer from ${where} within ${seconds(timeoutMs)}: the host is down, or a firewall drops the traffic.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('unreachable', `The host name of ${where} cannot be resolved: check the name, your DNS or VPN.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return make('unreachable', `${where} is unreachable from this machine (no route): check the network or VPN.`);
    case 'EPROXYCOMMAND':
      return make('unreachable', `Could not reach ${where}: ${message}`);
    case 'ECONNRESET':
    case 'EPIPE':
      return make('refused', `${where} closed the SSH connection during the handshake (${message}): is it an SSH server, and does it allow this client?`);
  }
  if (/Connection lost before handshake|Protocol mismatch|bad identification/i.test(message)) {
    return make('refused', `${where} is not an SSH server, or closed the connection before the SSH handshake (${message}): check the port of the context.`);
  }
  if (/Timed out while waiting for handshake/i.test(message)) {
    return make('timeout', `${where} accepted the TCP connection but did not complete the SSH handshake within ${seconds(timeoutMs)}.`);
  }
  return make('unreachable', `Could not connect to ${where} over SSH: ${message}`);
}

/** A config (or address) ssh itself would refuse to use: `Bad port`, an unreadable Include, an unknown `%` token. */
export class SshConfigError extends SshConnectError {
  constructor(message: string) {
    super('unreachable', message);
    this.name = 'SshConfigError';
  }
}
