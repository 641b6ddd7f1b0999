/** "Use Context" (inline in the tree): makes the clicked (or picked) context current. */
import type { ListedContext } from '../../core/contexts/contextList';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';
import { useAndExplain } from './useAndExplain';

export async function useContext(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Use Docker Context', 'usableNotCurrent', 'to switch to: every other one is in error');
  await useAndExplain(services, context);
}
