/**
 * "Remove Context…": deletes the context from the Docker CLI's store, like `docker context rm`.
 * Its keys in SecretStorage go too. Destructive, so it always confirms, and a production context
 * must be typed. Removing the
 * current context first switches to `default`, as `docker context rm -f` does.
 */
import { redactCredentials } from '../../core/audit/redact';
import type { ListedContext } from '../../core/contexts/contextList';
import { defaultContextName } from '../../core/contexts/contextNames';
import { showControls } from '../../core/text/foreignText';
import { confirmDestructive } from '../prompts/confirmDestructive';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function removeContext(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { model } = services;
  const context = await contextArgument(services, clicked, 'Remove Docker Context', 'stored', 'is stored to remove (the default context cannot be)');
  const switchFirst = context.current ? ` It is the current context: docker switches to "${defaultContextName}" first.` : '';
  await confirmDestructive(services.prompts, context, {
    title: `Remove Docker context "${context.name}" (${context.tier})?`,
    detail: `Endpoint ${showControls(redactCredentials(context.host)) || '—'}. Its metadata and TLS files are deleted from ${model.reader.configDir}, and its keys from SecretStorage; the engine itself is not touched.${switchFirst}`,
    button: 'Remove',
  });
  if (context.current) await model.use(defaultContextName);
  await model.remove(context.name);
}
