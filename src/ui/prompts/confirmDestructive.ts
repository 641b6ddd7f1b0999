/**
 * Confirmation for destructive actions taken from the UI: a modal that names what goes and
 * where; on a production context, the user must also type the context's name.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { UserCancelled } from './userCancelled';
import type { Prompts } from './prompts';

export async function confirmDestructive(
  prompts: Prompts,
  context: ListedContext,
  action: { title: string; detail: string; button: string },
): Promise<void> {
  if (!(await prompts.confirm(action.title, action.detail, action.button))) throw new UserCancelled();
  if (context.tier !== 'production') return;
  const typed = await prompts.typeNameToConfirm(context.name, `${action.button}: production context "${context.name}"`, `"${context.name}" is a production context. Type its name to confirm.`);
  if (!typed) throw new UserCancelled();
}
