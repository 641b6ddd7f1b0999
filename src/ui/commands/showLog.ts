/** "Show Log": reveals the extension's log output channel. */
import type { CommandServices } from './commandServices';

export function showLog({ log }: CommandServices): void {
  log.show();
}
