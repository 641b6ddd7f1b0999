/** Start, Stop and Restart share this: one guarded action on the selected containers. */
import type Dockerode from 'dockerode';

import { objectSelection } from './browseArguments';
import type { CommandServices } from './commandServices';
import { type GuardedAction, runGuarded } from './guardedAction';

export function containerCommand(action: GuardedAction, perform: (container: Dockerode.Container) => Promise<unknown>) {
  return async (services: CommandServices, clicked?: unknown, selected?: unknown): Promise<void> => {
    const nodes = objectSelection(clicked, selected, 'container');
    const objects = nodes.map((node) => node.object);
    await runGuarded(services, nodes[0], action, objects, (api, container) => alreadyDoneIsDone(perform(api.getContainer(container.ref))));
  };
}

/** 304 Not Modified: the container was already started or stopped, which `docker` counts as success too. */
async function alreadyDoneIsDone(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode !== 304) throw error;
  }
}
