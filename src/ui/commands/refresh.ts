/** "Refresh Contexts": re-reads the Docker CLI's store now (it is also watched) and checks every engine again. */
import type { CommandServices } from './commandServices';

export async function refresh({ model, engines }: CommandServices): Promise<void> {
  const list = await model.refresh();
  await engines.probe(list.contexts);
}
