/**
 * The authorization plugin's policy: one JSON file with the role of requests that carry no
 * certificate, the role of a certificate that names none, and the revoked serials.
 *
 * Defaults, written when the file is missing:
 * - `anonymousRole: "admin"`: requests without a certificate come over dockerd's unix socket (SSH
 *   contexts, the host's own shell). Whoever can open that socket is root on the host already
 *   and could restart dockerd without the plugin; refusing them would protect nothing and would
 *   lock out the host's administrator and our own rollback over SSH. The plugin guards the TLS
 *   port; set `viewer` to make the socket read-only anyway.
 * - `defaultRole: "viewer"`: a certificate the CA signed before access was enforced (or by
 *   another tool) names no role; it may look but not change.
 *
 * The plugin checks the file at every request (a stat) and re-reads it when it changed, so a
 * revocation counts from the next request on; a file that is missing or invalid then refuses
 * every request (fail closed) until it is fixed.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';
import { type AccessRole, accessRoles, isAccessRole } from './accessRoles';
import { isSerial, normalSerial } from './readAccessCertificate';

export interface AuthzPolicy {
  anonymousRole: AccessRole;
  defaultRole: AccessRole;
  /** Normalised (readAccessCertificate's normalSerial). */
  revokedSerials: string[];
}

export const defaultAuthzPolicy: AuthzPolicy = { anonymousRole: 'admin', defaultRole: 'viewer', revokedSerials: [] };

/** Where `authz serve` and `authz revoke` keep it unless told otherwise: persistent, beside Docker's own configuration. */
export const defaultPolicyFile = '/etc/docker-context-guard/authz-policy.json';

export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`the policy ${file} ${detail}`);
    this.name = 'PolicyFileError';
  }
}

/** The policy in `text`; throws PolicyFileError naming what is wrong (unknown keys too: a typo must not pass for a default). */
export function parseAuthzPolicy(file: string, text: string): AuthzPolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyFileError(file, `is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyFileError(file, 'is not a JSON object');
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !(key in defaultAuthzPolicy));
  if (unknown.length > 0) throw new PolicyFileError(file, `has unknown keys: ${unknown.join(', ')}`);
  const role = (key: 'anonymousRole' | 'defaultRole'): AccessRole => {
    const given = fields[key] ?? defaultAuthzPolicy[key];
    if (typeof given !== 'string' || !isAccessRole(given)) throw new PolicyFileError(file, `${key} must be one of ${accessRoles.join(', ')}`);
    return given;
  };
  const revoked = fields.revokedSerials ?? [];
  if (!Array.isArray(revoked) || !revoked.every((serial) => typeof serial === 'string' && isSerial(serial))) {
    throw new PolicyFileError(file, 'revokedSerials must be a list of hexadecimal serials');
  }
  return { anonymousRole: role('anonymousRole'), defaultRole: role('defaultRole'), revokedSerials: revoked.map(normalSerial) };
}

const policyText = (policy: AuthzPolicy) => `${JSON.stringify(policy, null, 2)}\n`;

/** Creates `file` with the defaults when it does not exist (never replacing one); returns the policy it holds. */
export async function ensurePolicyFile(file: string): Promise<AuthzPolicy> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return undefined;
  });
  if (text !== undefined) return parseAuthzPolicy(file, text);
  await writeFileAtomic(file, policyText(defaultAuthzPolicy), { mode: 0o644 });
  return defaultAuthzPolicy;
}

/** Adds `serial` to the revoked ones (creating the file when missing); false when it was revoked already. */
export async function revokeSerial(file: string, serial: string): Promise<boolean> {
  if (!isSerial(serial)) throw new PolicyFileError(file, `cannot revoke "${serial}": not a hexadecimal serial`);
  const policy = await ensurePolicyFile(file);
  const normal = normalSerial(serial);
  if (policy.revokedSerials.includes(normal)) return false;
  // Replaced atomically: the plugin reads the old policy or the new one, never half of it.
  await writeFileAtomic(file, policyText({ ...policy, revokedSerials: [...policy.revokedSerials, normal] }), { mode: 0o644 });
  return true;
}

/** The policy as it is on disk now, re-read only when the file changed (inode, size, times). */
export class PolicyReader {
  private stamp = '';
  private policy: AuthzPolicy | PolicyFileError;

  constructor(readonly file: string) {
    this.policy = new PolicyFileError(file, 'was not read yet');
  }

  current(): AuthzPolicy | PolicyFileError {
    let stamp: string;
    try {
      const stats = statSync(this.file);
      stamp = [stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs].join(':');
    } catch (error) {
      this.stamp = '';
      return new PolicyFileError(this.file, `cannot be read: ${(error as Error).message}`);
    }
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      try {
        this.policy = parseAuthzPolicy(this.file, readFileSync(this.file, 'utf8'));
      } catch (error) {
        this.policy = error instanceof PolicyFileError ? error : new PolicyFileError(this.file, `cannot be read: ${(error as Error).message}`);
      }
    }
    return this.policy;
  }
}
