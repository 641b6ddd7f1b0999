/**
 * The end of Grant Access and Renew: the user chooses how the certificate is handed over (a
 * context archive or a folder) and where, and only then is it issued and its key written, there
 * and nowhere else (accessHandover.ts); the ledger records it (name, role, serial, end, never the key).
 */
import * as os from 'node:os';
import * as path from 'node:path';

import * as vscode from 'vscode';

import { type HandoverForm, writeAccessArchive, writeAccessFolder } from '../../core/access/accessHandover';
import type { LedgerEntry } from '../../core/access/accessLedger';
import type { AccessRole } from '../../core/access/accessRoles';
import { issueAccessCertificate } from '../../core/access/issueAccessCertificate';
import type { ListedContext } from '../../core/contexts/contextList';
import type { AccessState } from '../state/accessState';
import type { HeldCa } from '../state/clientMaterial';
import type { ContextsModel } from '../state/contextsModel';
import type { Prompts } from './prompts';
import { UserCancelled } from './userCancelled';

export interface HandoverServices {
  prompts: Prompts;
  model: ContextsModel;
  access: AccessState;
  log: vscode.LogOutputChannel;
}

const forms: (vscode.QuickPickItem & { form: HandoverForm })[] = [
  { label: 'Context archive', description: 'docker context import NAME FILE', form: 'archive' },
  { label: 'Folder', description: 'ca.pem, cert.pem, key.pem (0600)', form: 'folder' },
];

/** A file name part from a CN: what a file system takes everywhere. */
const fileStem = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'access';

/** Issues the certificate for `name` with `role`, hands it over where the user says, records it; returns the ledger entry. */
export async function handOverAccess(
  services: HandoverServices,
  context: ListedContext,
  ca: HeldCa,
  grant: { name: string; role: AccessRole; days: number; title: string },
): Promise<LedgerEntry & { path: string; form: HandoverForm }> {
  const { prompts, model, access, log } = services;
  const caFingerprint = access.caOf(context);
  if (!caFingerprint) throw new Error(`the CA certificate of "${context.name}" could not be read`);
  const form = await prompts.pick(forms, { title: `${grant.title}: hand it over as`, placeHolder: 'The private key is written only there' });
  if (!form) throw new UserCancelled();
  const stem = `${fileStem(grant.name)}-${fileStem(context.name)}`;
  const target = await prompts.saveFile({
    title: form.form === 'archive' ? `${grant.title}: save the context archive for ${grant.name}` : `${grant.title}: new folder for ${grant.name}'s files`,
    defaultUri: vscode.Uri.file(path.join(os.homedir(), form.form === 'archive' ? `${stem}.dockercontext` : stem)),
    ...(form.form === 'archive' ? { filters: { 'Docker context': ['dockercontext', 'tar'] } } : {}),
  });
  if (!target) throw new UserCancelled();
  const issued = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Issuing a ${grant.role} certificate for ${grant.name}` },
    () => issueAccessCertificate({ certPem: ca.caPem, keyPem: ca.caKeyPem }, { name: grant.name, role: grant.role, days: grant.days }),
  );
  const material = { caPem: ca.caPem, certPem: issued.certPem, keyPem: issued.keyPem };
  if (form.form === 'archive') await writeAccessArchive(model.reader, context.name, material, target);
  else await writeAccessFolder(target, material);
  const entry: LedgerEntry = { name: issued.name, role: issued.role, serial: issued.serial, notAfter: issued.notAfter, issuedAt: new Date().toISOString() };
  await access.recordIssued(caFingerprint, entry);
  log.info(`Issued a ${issued.role} certificate for ${issued.name} (serial ${issued.serial}) from the CA of "${context.name}" to ${target}`);
  return { ...entry, path: target, form: form.form };
}
