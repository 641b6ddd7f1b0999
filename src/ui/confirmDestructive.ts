/**
 * Confirmation for destructive actions taken from the UI: a modal that names what goes and
 * where; on a production context, the user must also type the context's name.
 */
import type { ListedContext } from '../core/contexts/contextList';
import { UserCancelled } from './commands/errorBoundary';
import type { Prompts } from './prompts';

export async function confirmDestructive(
  prompts: Prompts,
  context: ListedContext,
  action: { title: string; detail: string; button: string },
): Promise<void> {
  if (!(await prompts.confirm(action.title, action.detail, action.button))) throw new UserCancelled();
  if (context.tier !== 'production') return;
  const typed = await prompts.input({
    title: `${action.button}: production context "${context.name}"`,
    prompt: `"${context.name}" is a production context. Type its name to confirm.`,
    placeHolder: context.name,
    ignoreFocusOut: true,
    validateInput: (value) => (value === context.name ? undefined : `Type "${context.name}" exactly to confirm`),
  });
  if (typed !== context.name) throw new UserCancelled();
}
