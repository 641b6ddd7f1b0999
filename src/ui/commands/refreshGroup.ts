/** "Refresh" on a group: lists that context's engine again (its other contexts are left alone). */
import { groupArgument } from './browseArguments';
import type { CommandServices } from './commandServices';

export function refreshGroup(services: CommandServices, clicked?: unknown): void {
  services.browser.refresh(groupArgument(clicked).context);
}
