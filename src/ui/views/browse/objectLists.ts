/**
 * The last list of each group, per context, kept until that context is refreshed (after an
 * action, or by the group's Refresh button). The Contexts tree re-renders every expanded node
 * whenever any engine's health changes — each probe, every minute while the view is visible —
 * and without this each re-render would list 1,000 containers again.
 *
 * Lists belong to the client they came from: a changed endpoint or TLS material gives a new
 * client (see EngineConnections), and so fresh lists. Failed lists are not kept.
 *
 * An engine decides how much it sends and how fast: each listing has the request timeout as its
 * overall deadline and a size cap (boundedListing.ts), and shows at most `maxShownObjects`.
 */
import type * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import { boundedFetch, ListingStopped, maxListingBytes } from '../../../core/engine/boundedListing';
import type { EngineClient } from '../../../core/engine/engineConnections';
import type { Engines } from '../../state/engines';
import type { Settings } from '../../state/settings';
import { engineFailure } from './engineFailure';
import type { EngineObject, ObjectKind, ObjectKindId } from './objectKind';

/** A tree of more nodes than this is no longer read by anyone, and costs VS Code dearly. */
export const maxShownObjects = 2000;

/** What a group shows: the first `maxShownObjects` objects, and how many there were. */
export interface Listing {
  objects: EngineObject[];
  total: number;
}

interface ContextLists {
  client: EngineClient;
  lists: Map<ObjectKindId, Promise<Listing>>;
}

export class ObjectLists {
  private readonly byContext = new Map<string, ContextLists>();

  constructor(
    private readonly engines: Engines,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The kind's objects on the context's engine; rejects with an EngineError or a ListingStopped. */
  async get(context: ListedContext, kind: ObjectKind): Promise<Listing> {
    try {
      const client = await this.engines.client(context);
      let entry = this.byContext.get(context.name);
      if (entry?.client !== client) {
        entry = { client, lists: new Map() };
        this.byContext.set(context.name, entry);
      }
      const { lists } = entry;
      let list = lists.get(kind.id);
      if (!list) {
        const fetch = boundedFetch(client.api, { deadlineMs: this.settings.engineTimeouts().requestMs, maxBytes: maxListingBytes });
        const loading = kind.list(fetch).then((objects) => ({ objects: objects.slice(0, maxShownObjects), total: objects.length }));
        loading.catch(() => lists.get(kind.id) === loading && lists.delete(kind.id));
        lists.set(kind.id, (list = loading));
      }
      return await list;
    } catch (error) {
      if (error instanceof ListingStopped) {
        this.log.warn(`Listing the ${kind.id}s of "${context.name}": ${error.message}`);
        throw error;
      }
      const failure = engineFailure(error, context, this.settings);
      this.log.warn(`Listing the ${kind.id}s of "${context.name}" failed: ${failure.message}`);
      throw failure;
    }
  }

  forget(context: ListedContext): void {
    this.byContext.delete(context.name);
  }
}
