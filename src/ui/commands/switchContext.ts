/** "Switch Docker Context…" (palette, view title, status bar): pick a context and use it. */
import { pickContext } from '../prompts/pickContext';
import { switchReach } from '../state/terminalEnvironment';
import type { CommandServices } from './commandServices';
import { useAndExplain } from './useAndExplain';

export async function switchContext(services: CommandServices): Promise<void> {
  const context = await pickContext(services, {
    title: 'Switch Docker Context',
    placeholder: `Context for ${switchReach(services.settings.switchScope())}`,
    condition: 'usable',
    none: 'can be used: every one is in error',
  });
  await useAndExplain(services, context);
}
