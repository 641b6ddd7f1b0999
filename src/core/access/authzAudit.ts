/**
 * The authorization plugin's own record of who did what on the engine: one JSON line per request
 * dockerd asked about, allowed or refused, written before dockerd hears the answer. It names the
 * certificate (CN and serial) and the role it had, never a body, a header or a query.
 */
import type { AccessRole } from './accessRoles';

export interface AuthzAuditRecord {
  /** ISO 8601, UTC. */
  time: string;
  /** The certificate's CN; `''` for a request without one (dockerd's unix socket). */
  cn: string;
  serial: string | null;
  /** null when the request could not be judged far enough to know it. */
  role: AccessRole | null;
  /** `TLS` with a client certificate, `none` without (dockerd's UserAuthNMethod). */
  authn: 'TLS' | 'none';
  method: string;
  /** The path dockerd routes (decoded, cleaned, without /vX.Y); no query. */
  path: string;
  /** In the words of the CLI's command table (`container rm`). */
  operation: string;
  /** What it names (a container, an image), when it names one. */
  object: string | null;
  decision: 'allow' | 'deny';
  /** Why it was refused. */
  reason?: string;
}

/** Where records go: an AuditLog file, or the plugin's standard output (dockerd's log for a managed plugin). */
export interface AuthzAuditSink {
  append(record: AuthzAuditRecord): void;
}
