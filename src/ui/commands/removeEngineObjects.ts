/**
 * "Remove" on containers, images, volumes or networks of one context: `container rm`,
 * `image rm`… (destroy), one guard request for the whole selection. A container that is up is
 * removed with force, which is sent only once the guard has allowed it (whose question says
 * that it runs and will be killed).
 */
import { objectSelection } from './browseArguments';
import type { CommandServices } from './commandServices';
import { runGuarded } from './guardedAction';

export async function removeEngineObjects(services: CommandServices, clicked?: unknown, selected?: unknown): Promise<void> {
  const nodes = objectSelection(clicked, selected);
  const { kind } = nodes[0];
  const objects = nodes.map((node) => node.object);
  const action = { operation: `${kind.id} rm`, operationClass: 'destroy', doing: 'Removing', kills: kind.killedByRemoval } as const;
  await runGuarded(services, nodes[0], action, objects, (api, object) => kind.remove(api, object));
}
