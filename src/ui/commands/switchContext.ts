/** "Switch Docker Context…" (palette, view title, status bar): pick a context and use it. */
import { pickContext } from '../prompts/pickContext';
import type { CommandServices } from './commandServices';
import { useAndExplain } from './useAndExplain';

export async function switchContext(services: CommandServices): Promise<void> {
  const context = await pickContext(services.model, services.prompts, {
    title: 'Switch Docker Context',
    placeholder: services.settings.switchScope() === 'window' ? 'Context for this window' : 'Context for every terminal (config.json)',
    condition: 'usable',
  });
  await useAndExplain(services, context);
}
