/** "Inspect" on a container, image, volume or network: its `docker inspect` JSON, read-only. */
import { objectArgument } from './browseArguments';
import type { CommandServices } from './commandServices';

export async function inspectEngineObject(services: CommandServices, clicked?: unknown): Promise<void> {
  await services.browser.documents.show(objectArgument(clicked));
}
