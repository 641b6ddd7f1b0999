/**
 * The record of the access certificates one CA issued here: who (the certificate's CN), which
 * role, its serial and end, and whether it was revoked. Kept so that the Access node can list
 * them and Revoke can name the serial; the certificates' private keys are never in it (they went
 * to the recipient only). A ledger belongs to a CA (its SHA-256 fingerprint), not to a context's
 * name: every context of that CA shows the same certificates, and a new CA starts an empty one.
 * Pure data: where it is stored is the caller's (globalState in VS Code).
 */

export interface LedgerEntry {
  /** The certificate's CN: the person or system it was issued to. */
  name: string;
  role: string;
  /** Upper-case hexadecimal, as describeCertificate and the plugin's policy file spell it. */
  serial: string;
  /** ISO 8601. */
  notAfter: string;
  issuedAt: string;
  /** ISO 8601, once revoked. */
  revokedAt?: string;
  /** The serial of the certificate that replaced it (Renew). */
  renewedBy?: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The entries of a stored ledger; anything that is not a well-formed entry is left out, never guessed at. */
export function parseLedger(stored: unknown): LedgerEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((raw: unknown): LedgerEntry[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const entry = raw as Record<string, unknown>;
    const required = [entry.name, entry.role, entry.serial, entry.notAfter, entry.issuedAt];
    if (!required.every(isString)) return [];
    if ([entry.revokedAt, entry.renewedBy].some((value) => value !== undefined && !isString(value))) return [];
    const { name, role, serial, notAfter, issuedAt, revokedAt, renewedBy } = entry as unknown as LedgerEntry;
    return [{ name, role, serial, notAfter, issuedAt, ...(revokedAt ? { revokedAt } : {}), ...(renewedBy ? { renewedBy } : {}) }];
  });
}

/** The ledger with `entry` added (a serial already there is a CA fault: refused). */
export function withIssued(entries: readonly LedgerEntry[], entry: LedgerEntry): LedgerEntry[] {
  if (entries.some((known) => known.serial === entry.serial)) throw new Error(`the ledger already holds a certificate with serial ${entry.serial}`);
  return [...entries, entry];
}

/** The ledger with `serial` revoked at `at` (kept as first revoked), and replaced by `renewedBy` when given. */
export function withRevoked(entries: readonly LedgerEntry[], serial: string, at: Date, renewedBy?: string): LedgerEntry[] {
  if (!entries.some((entry) => entry.serial === serial)) throw new Error(`no certificate with serial ${serial} in the ledger`);
  return entries.map((entry) =>
    entry.serial === serial ? { ...entry, revokedAt: entry.revokedAt ?? at.toISOString(), ...(renewedBy ? { renewedBy } : {}) } : entry,
  );
}

/** Newest first, so the tree shows the last grant on top. */
export function ledgerOrder(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return [...entries].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.name.localeCompare(b.name));
}
