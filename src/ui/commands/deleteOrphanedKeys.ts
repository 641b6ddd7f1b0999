/**
 * "Delete Stored Keys of Removed Contexts…": the TLS keys in SecretStorage that no context can
 * use (their context was removed outside VS Code, or a context of the same name now points at
 * another engine), in a multi-select quick pick; the chosen ones are deleted.
 */
import { type OrphanedKeys, orphanedKeys } from '../../core/engine/orphanedKeys';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';

/** The orphaned keys against the store as it is now. */
export async function findOrphanedKeys({ model, secrets }: Pick<CommandServices, 'model' | 'secrets'>): Promise<OrphanedKeys[]> {
  const list = await model.refresh();
  return orphanedKeys(await secrets.entries(), list.contexts);
}

export async function deleteOrphanedKeys(services: CommandServices): Promise<void> {
  const { prompts } = services;
  const orphans = await findOrphanedKeys(services);
  if (orphans.length === 0) {
    prompts.notify('No stored TLS keys belong to removed or changed contexts.');
    return;
  }
  const items = orphans.map((orphan) => ({ label: orphan.name, description: orphan.why, picked: true }));
  const chosen = await prompts.pickMany(items, {
    title: 'Delete the TLS keys stored for these contexts',
    placeHolder: 'Their contexts are gone or point elsewhere; deleted keys cannot be recovered.',
  });
  if (!chosen || chosen.length === 0) throw new UserCancelled();
  await services.model.deleteStoredKeys(chosen.map((item) => item.label));
}
