/**
 * What the browse tree and its commands know about each kind of engine object (containers,
 * images, volumes, networks): how to list, inspect, remove and prune it. One descriptor per
 * kind keeps the tree and the commands generic: "Remove" is one command, not four.
 *
 * Objects are reduced to `EngineObject` right after listing, so 1,000 containers cost 1,000
 * small records and nothing else until VS Code asks for their tree items.
 */
import type Dockerode from 'dockerode';
import type * as vscode from 'vscode';

import type { ListingFetch } from '../../../core/engine/boundedListing';

export type ObjectKindId = 'container' | 'image' | 'volume' | 'network';

export interface EngineObject {
  /** What the API addresses it by: a container or network id, an image tag (or id), a volume name. */
  readonly ref: string;
  /** What people read, and what a guard request lists as its target. */
  readonly name: string;
  readonly description: string;
  readonly icon: vscode.ThemeIcon;
  readonly tooltip: string;
  /** Words added to the tree item's contextValue for menus: a container's state, `builtin`… */
  readonly flags: readonly string[];
}

export interface ObjectKind {
  readonly id: ObjectKindId;
  /** The group below each context. */
  readonly group: { readonly label: string; readonly icon: vscode.ThemeIcon };
  /** What a prune removes, for "No stopped containers on …". */
  readonly prunable: string;
  /** The whole group in one request (never one per object, always through `fetch`, which bounds it), in display order. */
  list(fetch: ListingFetch): Promise<EngineObject[]>;
  inspect(api: Dockerode, object: EngineObject): Promise<unknown>;
  remove(api: Dockerode, object: EngineObject): Promise<unknown>;
  /** Whether removing it kills what runs in it (a container that is up, removed with force). */
  readonly killedByRemoval?: (object: EngineObject) => boolean;
  /** What `docker <kind> prune` would remove right now (through `fetch`, bounded like a listing); the prune removes exactly these. */
  pruneCandidates(fetch: ListingFetch): Promise<EngineObject[]>;
}
