/**
 * "Move Keys to SecretStorage": for a context whose TLS files sit in the Docker CLI's store,
 * moves them into SecretStorage (moveTlsKeys.ts) and, once the user agrees, deletes the files
 * from disk (the docker CLI can then no longer use the context until the keys are exported again).
 */
import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function moveKeysToSecretStorage(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model, prompts } = services;
  const context = await contextArgument(services, clicked, 'Move Keys to SecretStorage', 'keyFiles', 'has TLS key files to move');
  await model.moveKeys(context, 'secretStorage', () =>
    prompts.confirmDestructive(
      `The keys of "${context.name}" are now in SecretStorage. Delete the files from disk?`,
      `${model.tlsFiles.describe(context.name)} will be removed. The extension keeps working; the docker CLI cannot use "${context.name}" until you export the keys again.`,
      'Delete Files',
    ),
  );
}
