/**
 * Says once per session, after the store is re-read, when SecretStorage holds TLS keys that no
 * context can use (see orphanedKeys.ts), and offers "Delete Stored Keys of Removed Contexts…".
 */
import * as vscode from 'vscode';

import type { ContextList } from '../../core/contexts/contextList';
import { orphanedKeys } from '../../core/engine/orphanedKeys';
import { DisposableStore } from '../../core/lifecycle';
import type { ContextsModel } from '../state/contextsModel';
import type { SecretTlsStore } from '../state/secretTlsStore';
import type { Prompts } from './prompts';

export class OrphanedKeysNotice extends DisposableStore {
  private told = false;

  constructor(
    model: ContextsModel,
    private readonly secrets: SecretTlsStore,
    private readonly prompts: Prompts,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      model.onDidChange((list) => void this.check(list).catch((error: Error) => this.log.warn(`Looking for orphaned TLS keys failed: ${error.message}`))),
    );
  }

  private async check(list: ContextList): Promise<void> {
    if (this.told || this.secrets.names().length === 0) return;
    const orphans = orphanedKeys(await this.secrets.entries(), list.contexts);
    if (orphans.length === 0 || this.told) return;
    this.told = true;
    const names = orphans.map((orphan) => `"${orphan.name}"`).join(', ');
    if (
      await this.prompts.notifyWithAction(
        `SecretStorage holds TLS keys that no context uses any more (${names}): their context was removed or now points elsewhere.`,
        'Delete Stored Keys…',
      )
    ) {
      await vscode.commands.executeCommand('dockerContextGuard.deleteOrphanedKeys');
    }
  }
}
