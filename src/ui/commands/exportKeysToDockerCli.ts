/**
 * "Export Keys to Docker CLI": moves a context's TLS material from SecretStorage into the Docker
 * CLI's store (moveTlsKeys.ts: files 0600 in a 0700 directory), so `docker --context NAME` works
 * in any terminal. It puts a private key on disk, so it asks first and says where, and says so
 * when done.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { TlsKeysIncomplete } from '../../core/contexts/tls/moveTlsKeys';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function exportKeysToDockerCli(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, prompts } = services;
  const context = await contextArgument(
    services,
    clicked,
    'Export Keys to Docker CLI',
    'secretKeys',
    "keeps its TLS keys in VS Code's SecretStorage (only those have keys to export)",
  );
  if (!(await storedKeysAgreed(services, context))) throw new TlsKeysIncomplete(context.name, 'secretStorage');
  const dir = model.tlsFiles.describe(context.name);
  const confirmed = await prompts.confirm(
    `Write the TLS keys of "${context.name}" to disk?`,
    `The client key, certificate and CA go to ${dir} (key.pem mode 0600), where the docker CLI reads them. Anyone who can read your files as you can then use this engine. SecretStorage keeps only the CA key, if any, for rotation.`,
    'Export Keys',
  );
  if (!confirmed) throw new UserCancelled();
  await model.moveKeys(context, 'dockerCli', async () => true);
  prompts.notify(`Exported the TLS keys of "${context.name}" to ${dir}: docker --context ${context.name} uses them in any terminal.`);
}
