/** The context a command acts on: the tree item it was invoked on, or one the user picks among those `condition` holds for. */
import type { ListedContext } from '../../core/contexts/contextList';
import { pickContext } from '../prompts/pickContext';
import type { ContextCondition } from '../views/contextConditions';
import type { CommandServices } from './commandServices';

export async function contextArgument(services: CommandServices, clicked: ListedContext | undefined, title: string, condition: ContextCondition): Promise<ListedContext> {
  return clicked ?? pickContext(services.model, services.prompts, { title, placeholder: 'Which context?', condition });
}
