/**
 * "Grant Access": a client certificate for one person or system, with the role it has on an
 * engine that enforces access (accessRoles.ts: the role is an OU of its subject), signed by the
 * context's CA through the same signer as every other certificate we make. Short-lived (30
 * days unless asked otherwise, never past the CA), with a random 128-bit serial that
 * revocation names. The key type follows the CA's.
 */
import { issueClientCertificate, type PemPair } from '../certificates/certificateSet';
import { type AccessRole, roleUnit } from './accessRoles';
import { readAccessCertificate } from './readAccessCertificate';

export const defaultAccessDays = 30;

export interface AccessGrant {
  /** The CN: the person or system. */
  name: string;
  role: AccessRole;
  /** Lifetime in days (default 30). */
  days?: number;
  /** The moment of issue (default now). */
  now?: Date;
  onProgress?: (step: string) => void;
}

export interface AccessCertificate extends PemPair {
  name: string;
  role: AccessRole;
  /** Upper-case hexadecimal, as `authz revoke` takes it. */
  serial: string;
  /** ISO 8601. */
  notAfter: string;
}

/** Why this grant cannot be issued (input validation), or undefined. */
export function accessGrantProblem({ name }: Pick<AccessGrant, 'name'>): string | undefined {
  if (name.trim() === '') return 'the name (the certificate’s CN) must not be empty';
  // A control character in a CN would reach every log and terminal that prints it.
  if (/\p{Cc}/u.test(name)) return 'the name must not contain control characters';
  return name.length > 64 ? 'the name must be at most 64 characters (the CN’s upper bound)' : undefined;
}

export async function issueAccessCertificate(ca: PemPair, grant: AccessGrant): Promise<AccessCertificate> {
  const problem = accessGrantProblem(grant);
  if (problem) throw new Error(problem);
  const pair = await issueClientCertificate(ca, {
    clientName: grant.name,
    organizationalUnit: roleUnit(grant.role),
    days: grant.days ?? defaultAccessDays,
    now: grant.now,
    onProgress: grant.onProgress,
  });
  const { serial, notAfter } = readAccessCertificate(pair.certPem);
  return { ...pair, name: grant.name, role: grant.role, serial, notAfter };
}
