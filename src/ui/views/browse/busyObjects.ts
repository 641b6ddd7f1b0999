/**
 * The rows an engine action is running on. From the click until the action ends its targets are
 * claimed, so a second click on a busy row sends nothing; once the guard has allowed the action,
 * each row says what is happening ("Stopping…", a spinning icon) and the view shows its progress
 * bar, until the action ends and the context is listed again (success or failure alike).
 */
import * as vscode from 'vscode';

import type { ListedContext } from '../../../core/contexts/contextList';
import type { EngineObject, ObjectKindId } from './objectKind';
import { objectNodeId } from './objectNode';

/** The rows one action holds. */
export interface Claim {
  /** The targets it may act on: none of them was busy. */
  readonly taken: readonly EngineObject[];
  /** The targets another action still holds, with what that one is doing ("Stopping"). */
  readonly busy: readonly { object: EngineObject; doing: string }[];
  /** Shows the taken rows busy and the view's progress (titled `title`) while `work` runs. */
  showWhile<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Frees the rows (the caller lists the context again); calling it again does nothing. */
  release(): void;
}

interface Row {
  doing: string;
  shown: boolean;
}

export class BusyObjects {
  private readonly rows = new Map<string, Row>();
  /** Titles of the progress shown right now, for tests (the view's progress bar has no readable title). */
  readonly progress: string[] = [];

  constructor(
    private readonly viewId: string,
    /** Re-renders the context's rows (without listing it again). */
    private readonly render: (context: ListedContext) => void,
  ) {}

  /** What the row is busy with, once shown ("Stopping"), or undefined. */
  doing(context: ListedContext, kind: ObjectKindId, object: EngineObject): string | undefined {
    const row = this.rows.get(objectNodeId(context, kind, object));
    return row?.shown ? row.doing : undefined;
  }

  /** Claims for `doing` ("Stopping") the targets no other action holds. */
  claim(context: ListedContext, kind: ObjectKindId, targets: readonly EngineObject[], doing: string): Claim {
    const taken: EngineObject[] = [];
    const busy: { object: EngineObject; doing: string }[] = [];
    const mine: Row[] = [];
    const keys: string[] = [];
    for (const object of targets) {
      const key = objectNodeId(context, kind, object);
      const held = this.rows.get(key);
      if (held) {
        busy.push({ object, doing: held.doing });
        continue;
      }
      const row = { doing, shown: false };
      this.rows.set(key, row);
      taken.push(object);
      mine.push(row);
      keys.push(key);
    }
    return {
      taken,
      busy,
      showWhile: async (title, work) => {
        for (const row of mine) row.shown = true;
        this.render(context);
        this.progress.push(title);
        try {
          return await vscode.window.withProgress({ location: { viewId: this.viewId }, title }, work);
        } finally {
          this.progress.splice(this.progress.indexOf(title), 1);
        }
      },
      // Once only: a later action may have claimed the same rows since.
      release: () => {
        for (const key of keys.splice(0)) this.rows.delete(key);
      },
    };
  }
}
