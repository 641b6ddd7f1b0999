/** "Show Logs" on a container: follows its log in a terminal until the terminal is closed. */
import { objectArgument } from './browseArguments';
import type { CommandServices } from './commandServices';

export async function showContainerLogs(services: CommandServices, clicked?: unknown): Promise<void> {
  await services.browser.logs.show(objectArgument(clicked, 'container'));
}
