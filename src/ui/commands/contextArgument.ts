/** The context a command acts on: the tree item it was invoked on, or one the user picks among those `condition` holds for. */
import type { ListedContext } from '../../core/contexts/contextList';
import { pickContext } from '../prompts/pickContext';
import type { ContextCondition } from '../views/contextConditions';
import type { CommandServices } from './commandServices';

/** `none` ends the sentence "No context …" said when no context qualifies (an empty picker always says why). */
export async function contextArgument(
  services: CommandServices,
  clicked: ListedContext | undefined,
  title: string,
  condition: ContextCondition,
  none: string,
): Promise<ListedContext> {
  return clicked ?? pickContext(services, { title, placeholder: 'Which context?', condition, none });
}
