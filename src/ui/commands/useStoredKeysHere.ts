/**
 * "Use Stored Keys for This Endpoint…": on a context whose keys in SecretStorage were made for
 * another engine address (or record none), asks whether to use them where it points now —
 * modal, the typed name on production (storedKeysConsent.ts) — then checks the engine again.
 * The tree's "keys bound to another endpoint" message leads here.
 */
import type { ListedContext } from '../../core/contexts/contextList';
import { storedKeysAgreed } from '../prompts/storedKeysConsent';
import type { CommandServices } from './commandServices';
import { contextArgument } from './contextArgument';

export async function useStoredKeysHere(services: CommandServices, clicked?: ListedContext): Promise<void> {
  const context = await contextArgument(services, clicked, 'Use Stored Keys for This Endpoint', 'secretKeys', "keeps its TLS keys in VS Code's SecretStorage");
  await storedKeysAgreed(services, context);
  const current = (services.model.list?.contexts ?? []).filter((candidate) => candidate.name === context.name);
  await services.engines.probe(current);
  services.browser.refresh(context);
}
