/** "End Write Access" (status bar, context menu, palette): closes an elevation before its time. */
import type { ListedContext } from '../../core/contexts/contextList';
import { showControls } from '../../core/text/foreignText';
import { UserCancelled } from '../prompts/userCancelled';
import type { CommandServices } from './commandServices';

export async function endElevation(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const { prompts, elevations } = services;
  const open = elevations.open.filter((elevation) => !clicked || elevation.context === clicked.name);
  if (open.length === 0) {
    prompts.notify(clicked ? `"${clicked.name}" has no write access open.` : 'End Write Access: no context has write access open.');
    return;
  }
  const chosen =
    open.length === 1
      ? open[0]
      : (
          await prompts.pick(
            open.map((elevation) => ({
              label: showControls(elevation.context),
              description: `until ${new Date(elevation.until).toLocaleTimeString()}`,
              detail: showControls(elevation.reason),
              elevation,
            })),
            { title: 'End Write Access', placeHolder: 'Which context?' },
          )
        )?.elevation;
  if (!chosen) throw new UserCancelled();
  await elevations.end(chosen.context);
  prompts.notify(`Write access to "${chosen.context}" ended: it is read-only again.`);
}
