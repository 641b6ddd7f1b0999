/** The SSH context that reaches a TLS context's engine host: where Enforce Access and Engine Audit run their commands. */
import type { ListedContext } from '../../core/contexts/contextList';
import { pickContext, type PickerServices } from './pickContext';

export function pickSshHost(services: PickerServices, title: string, engineHost: string): Promise<ListedContext> {
  return pickContext(services, {
    title,
    placeholder: `The SSH context of ${engineHost}, the host dockerd runs on (its login must be root)`,
    condition: 'ssh',
    none: 'reaches a host by SSH: create one with Create SSH Context… for the engine’s host',
  });
}
