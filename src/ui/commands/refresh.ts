/**
 * "Refresh Contexts": re-reads the Docker CLI's store now (it is also watched) and checks every
 * engine again. Given a context (the Retry of its "Cannot reach the engine" message), it checks
 * that engine only, and lists it anew.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';

export async function refresh({ model, engines, browser }: CommandServices, retried?: ListedContext): Promise<void> {
  const list = await model.refresh();
  await engines.probe(retried ? list.contexts.filter((context) => context.name === retried.name) : list.contexts);
  if (retried) browser.refresh(retried);
}
