/** "Refresh Contexts": re-reads the Docker CLI's store now (it is also watched for changes). */
import type { CommandServices } from './commandServices';

export async function refresh({ model }: CommandServices): Promise<void> {
  await model.refresh();
}
