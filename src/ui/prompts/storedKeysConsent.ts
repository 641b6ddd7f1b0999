/**
 * Before an action the user started sends a context's stored TLS keys: if they were made for
 * another engine address (or record none), ask — Cancel the default, and on production the typed name — and
 * rebind them on yes. A context that says SkipTLSVerify is refused, not asked: keys are never
 * sent to an engine whose identity is not checked. Probes never come here (they show the state).
 */
import type * as vscode from 'vscode';

import type { ListedContext } from '../../core/contexts/contextList';
import type { BoundTlsMaterial } from '../../core/engine/storedKeyBinding';
import { rebindQuestion, StoredKeysBoundElsewhere } from '../../core/engine/storedKeyBinding';
import type { ContextsModel } from '../state/contextsModel';
import type { SecretTlsStore } from '../state/secretTlsStore';
import { confirmDestructive } from './confirmDestructive';
import type { Prompts } from './prompts';

/** The stored keys of `context` (if it keeps them there), once they may go where it points now; throws UserCancelled or why they may not. */
export async function storedKeysAgreed(
  services: { secrets: SecretTlsStore; prompts: Prompts; model: ContextsModel; log: vscode.LogOutputChannel },
  context: ListedContext,
): Promise<BoundTlsMaterial | undefined> {
  if (!context.keysInSecretStorage) return undefined;
  try {
    return await services.secrets.loadFor(context);
  } catch (error) {
    if (!(error instanceof StoredKeysBoundElsewhere)) throw error;
    await confirmDestructive(services.prompts, context, {
      title: rebindQuestion(error),
      detail: `If "${context.name}" was removed and another context made under its name, choose Cancel: its client certificate would go to an engine it was not made for. Either way the engine is verified only with the CA stored with the keys.`,
      button: 'Use',
    });
    await services.model.rebindStoredKeys(context);
    services.log.info(`The TLS keys of "${context.name}" are now bound to ${error.now} (were ${error.boundTo ?? 'unbound'})`);
    return services.secrets.loadFor(context);
  }
}
