/** "Use Context" (inline in the tree): makes the clicked (or picked) context current. */
import type { ListedContext } from '../../core/contexts/contextList';
import type { ContextWanted } from '../prompts/pickContext';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';
import { useAndExplain } from './useAndExplain';

/** The contexts a switch can make current. */
export const usableContexts: ContextWanted = { filter: (candidate) => !candidate.error, none: 'can be used: every one is in error' };

export async function useContext(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Use Docker Context', usableContexts);
  await useAndExplain(services, context);
}
