/**
 * Confirmation for destructive actions taken from the UI that are not engine actions (removing
 * a context, sending stored keys elsewhere): a question that names what goes and where, with
 * Cancel as the default; on a production context one input box asks it and wants the context's
 * name typed (never a modal and then an input).
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { oneLine, type Prompts } from './prompts';
import { UserCancelled } from './userCancelled';

export async function confirmDestructive(prompts: Prompts, context: ListedContext, action: { title: string; detail: string; button: string }): Promise<void> {
  const confirmed =
    context.tier === 'production'
      ? await prompts.typeNameToConfirm(context.name, action.title, `"${context.name}" is a production context. ${oneLine(action.detail)}`, action.button)
      : await prompts.confirmDestructive(action.title, action.detail, action.button);
  if (!confirmed) throw new UserCancelled();
}
