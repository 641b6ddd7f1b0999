/**
 * "Export Keys to Docker CLI": writes a context's TLS material from SecretStorage into the Docker
 * CLI's store (files 0600 in a 0700 directory), so `docker --context NAME` works in any terminal.
 * It puts a private key on disk, so it asks first and says where.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { writeTlsFiles } from '../../core/contexts/tlsFiles';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';

export async function exportKeysToDockerCli(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, secrets, prompts, log } = services;
  const context = await contextArgument(services, clicked, 'Export Keys to Docker CLI', 'secretKeys', 'keeps its TLS keys in VS Code\'s SecretStorage (only those have keys to export)');
  const stored = await storedKeysAgreed(services, context);
  if (!stored) throw new Error(`SecretStorage holds no TLS keys for "${context.name}" (was it created on another machine?)`);
  const dir = model.store.tlsDirOf(context.name);
  const confirmed = await prompts.confirm(
    `Write the TLS keys of "${context.name}" to disk?`,
    `The client key, certificate and CA go to ${dir} (key.pem mode 0600), where the docker CLI reads them. Anyone who can read your files as you can then use this engine. SecretStorage keeps only the CA key, if any, for rotation.`,
    'Export Keys',
  );
  if (!confirmed) throw new UserCancelled();
  await writeTlsFiles(model.store, context.name, stored);
  await model.store.setGuardField(context.name, 'keys', undefined);
  if (stored.caKeyPem) await secrets.save(context, stored);
  else await secrets.delete(context.name);
  log.info(`Exported the TLS keys of "${context.name}" to ${dir}`);
  await model.refresh();
}
