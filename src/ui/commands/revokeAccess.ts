/**
 * "Revoke" on an Access row: the certificate is marked revoked in the ledger and, where this
 * window enforces access on the engine, its serial goes into the plugin's policy file there
 * (accessRevocation.ts); otherwise the message says that the engine still accepts it.
 */
import { UserCancelled } from '../prompts/userCancelled';
import { revocationNote, revokeOnEngine } from '../state/accessRevocation';
import type { AccessCertificateNode } from '../views/access/accessCertificateNode';
import type { CommandServices } from './commandServices';

export async function revokeAccess(services: CommandServices, node: AccessCertificateNode): Promise<void> {
  const { prompts, access, log } = services;
  const { entry, context, caFingerprint } = node;
  const confirmed = await prompts.confirmDestructive(
    `Revoke the ${entry.role} certificate of ${entry.name}?`,
    `Serial ${entry.serial}, issued by the CA of "${context.name}". A revoked certificate cannot be restored: Renew issues a new one.`,
    'Revoke',
  );
  if (!confirmed) throw new UserCancelled();
  const revocation = await revokeOnEngine(services, context, entry.serial);
  await access.recordRevoked(caFingerprint, entry.serial);
  log.info(`Revoked the certificate of ${entry.name} (serial ${entry.serial})${revocation.revoked ? ' on the engine' : ' in the ledger only'}`);
  prompts.notify(`Revoked the ${entry.role} certificate of ${entry.name} (serial ${entry.serial}). ${revocationNote(revocation, entry.notAfter)}`);
  if (revocation.revoked) void access.ask(context);
}
