/**
 * "Move Keys to SecretStorage": for a context whose TLS files sit in the Docker CLI's store,
 * copies them into SecretStorage, then, once the user agrees, deletes the files from disk
 * (the docker CLI can then no longer use the context until the keys are exported again).
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { secretStorageKeys } from '../../core/contexts/dockerContext';
import { removeTlsFiles } from '../../core/contexts/tlsFiles';
import { StoreTlsMaterial } from '../../core/engine/tlsMaterial';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function moveKeysToSecretStorage(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, secrets, prompts, log } = services;
  const context = await contextArgument(services, clicked, 'Move Keys to SecretStorage', 'keyFiles', 'has TLS key files to move');
  const material = await new StoreTlsMaterial(model.store, process.env).read(context);
  if (!material?.ca || !material.cert || !material.key) throw new Error(`"${context.name}" does not have all of ca.pem, cert.pem and key.pem in the Docker CLI's store`);
  const existing = await secrets.load(context.name);
  const caPem = material.ca.toString();
  // A CA key kept from an earlier export is kept only for the same CA (not one of an earlier context of this name).
  await secrets.save(context, { caPem, certPem: material.cert.toString(), keyPem: material.key.toString(), caKeyPem: existing?.caPem === caPem ? existing.caKeyPem : undefined });
  await model.store.setGuardField(context.name, 'keys', secretStorageKeys);
  const dir = model.store.tlsDirOf(context.name);
  const deleteFiles = await prompts.confirmDestructive(
    `The keys of "${context.name}" are now in SecretStorage. Delete the files from disk?`,
    `${dir} will be removed. The extension keeps working; the docker CLI cannot use "${context.name}" until you export the keys again.`,
    'Delete Files',
  );
  if (deleteFiles) await removeTlsFiles(model.store, context.name);
  log.info(`Moved the TLS keys of "${context.name}" to SecretStorage${deleteFiles ? ' and deleted the files' : ' (files kept)'}`);
  await model.refresh();
}
