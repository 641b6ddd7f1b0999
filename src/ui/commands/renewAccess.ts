/**
 * "Renew" on an Access row: a new certificate for the same name and role (a new serial, a new
 * lifetime), handed over as Grant Access hands it over; the old one is revoked, in the ledger and,
 * where access is enforced, on the engine.
 */
import { isAccessRole } from '../../core/access/accessRoles';
import { handOverAccess } from '../prompts/accessHandover';
import { revocationNote, revokeOnEngine } from '../state/accessRevocation';
import { heldCa } from '../state/clientMaterial';
import type { AccessCertificateNode } from '../views/access/accessCertificateNode';
import type { CommandServices } from './commandServices';

export async function renewAccess(services: CommandServices, node: AccessCertificateNode): Promise<void> {
  const { prompts, access, settings } = services;
  const { entry, context, caFingerprint } = node;
  if (!isAccessRole(entry.role)) throw new Error(`the ledger names a role this version does not know: ${entry.role}`);
  const ca = await heldCa(services, context);
  if (!ca) throw new Error(`"${context.name}" has no CA key in SecretStorage: it cannot issue a new certificate`);
  const days = settings.accessDays();
  const issued = await handOverAccess(services, context, ca, { name: entry.name, role: entry.role, days, title: `Renew ${entry.name}` });
  const revocation = entry.revokedAt ? undefined : await revokeOnEngine(services, context, entry.serial);
  await access.recordRevoked(caFingerprint, entry.serial, issued.serial);
  prompts.notify(
    `Renewed ${entry.name}'s ${entry.role} certificate: serial ${issued.serial}, valid ${days} days, in ${issued.path}. The old one (${entry.serial}) is revoked.${
      revocation ? ` ${revocationNote(revocation, entry.notAfter)}` : ''
    }`,
  );
}
