/** The context a command acts on: the tree item it was invoked on, or one the user picks. */
import type { ListedContext } from '../../core/contexts/contextList';
import { pickContext, type ContextWanted } from '../prompts/pickContext';
import type { CommandServices } from './commandServices';

export async function contextArgument(services: CommandServices, clicked: ListedContext | undefined, title: string, wanted?: ContextWanted): Promise<ListedContext> {
  return clicked ?? pickContext(services, { title, placeholder: 'Which context?', wanted });
}
