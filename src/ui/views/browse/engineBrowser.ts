/**
 * What runs on each context's engine, below the context in the Contexts tree: Containers,
 * Images, Volumes and Networks, or one message when the engine cannot be reached. Nothing is
 * requested before the user expands a context; each group lists its kind when it is expanded.
 *
 * Reachability: a context whose last health probe succeeded shows its groups at once (a group
 * that then fails says why), one known unreachable says so at once with a Retry (a probe running
 * meanwhile repaints it when it answers); one never probed is probed first (the probe the row
 * shows), bounded by the connect timeout like every probe, so expanding never hangs.
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import { EngineError } from '../../../core/engine/engineErrors';
import { DisposableStore } from '../../../core/lifecycle';
import type { Engines } from '../../state/engines';
import type { Settings } from '../../state/settings';
import { contextsViewId, type EngineContents } from '../contextsTree';
import type { BrowseNode } from './browseNode';
import { BusyObjects } from './busyObjects';
import { containerKind } from './containerKind';
import { GroupNode } from './groupNode';
import { imageKind } from './imageKind';
import { LogTerminals } from './logTerminals';
import { MessageNode } from './messageNode';
import { networkKind } from './networkKind';
import { ObjectDocuments } from './objectDocuments';
import type { ObjectKind } from './objectKind';
import { ObjectLists } from './objectLists';
import { volumeKind } from './volumeKind';

const groups: readonly ObjectKind[] = [containerKind, imageKind, volumeKind, networkKind];

export class EngineBrowser extends DisposableStore implements EngineContents {
  private readonly changed = this.register(new vscode.EventEmitter<ListedContext | undefined>());
  readonly onDidChange = this.changed.event;
  /** "Inspect" documents of engine objects. */
  readonly documents: ObjectDocuments;
  /** Followed container logs. */
  readonly logs: LogTerminals;
  /** Rows an action is running on. */
  readonly busy = new BusyObjects(contextsViewId, (context) => this.changed.fire(context));
  private readonly lists: ObjectLists;

  constructor(
    private readonly engines: Engines,
    private readonly settings: Settings,
    log: vscode.LogOutputChannel,
  ) {
    super();
    this.lists = new ObjectLists(engines, this.settings, log);
    this.documents = this.register(new ObjectDocuments(engines, this.settings));
    this.logs = this.register(new LogTerminals(engines, this.settings));
  }

  async nodesFor(context: ListedContext): Promise<BrowseNode[]> {
    const known = this.engines.healthOf(context.name);
    const health = typeof known === 'object' ? known : await this.engines.probeRecorded(context);
    if (health.reachable)
      return groups.map(
        (kind) =>
          new GroupNode(
            context,
            kind,
            () => this.lists.get(context, kind),
            (object) => this.busy.doing(context, kind.id, object),
          ),
      );
    // "Refresh" given the context checks that one engine again, and lists it anew. Keys withheld for
    // SkipTLSVerify stay withheld whatever the engine does: nothing to retry, nothing to click.
    const retry = health.errorReason === 'keysUnverified' ? undefined : { command: 'dockerContextGuard.refresh', title: 'Retry', arguments: [context] };
    return [MessageNode.forError(context, new EngineError(health.errorReason ?? 'unknown', health.error ?? 'no answer'), retry)];
  }

  /** Re-lists what runs on `context` (after an action on it, or its Refresh button), and nothing else. */
  refresh(context: ListedContext): void {
    this.lists.forget(context);
    this.changed.fire(context);
  }
}
