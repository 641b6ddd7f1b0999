/**
 * This window's view of the elevations (core/guard/elevations.ts): the one file every window
 * and terminal of the user shares. A change made anywhere — `docker guard elevate` in a terminal,
 * another window — is seen at once (the state folder is watched), and an elevation ends here at
 * its time without anyone touching the file (a timer at the next expiry). Opening, extending and
 * ending go through here so that each is audited once, with this window as its source. What the
 * tree and the status bar show is the file as last read (on each change and each timer); the
 * guard itself reads the file at every request (its `store`).
 */
import { type FSWatcher, mkdirSync, watch } from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';

import type { AuditLog } from '../../core/audit/auditLog';
import { elevationRecord } from '../../core/audit/auditRecord';
import type { ListedContext } from '../../core/contexts/contextList';
import { type Elevation, ElevationStore } from '../../core/guard/elevations';
import { DisposableStore } from '../../core/lifecycle';
import type { Settings } from './settings';

/** How long before its end an elevation is announced as ending (at most a fifth of its length). */
const warnBeforeMs = 2 * 60_000;

export class ElevationState extends DisposableStore {
  readonly store: ElevationStore;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when any elevation opens, changes or ends (here, in another window or in a terminal). */
  readonly onDidChange = this.changed.event;
  private readonly ending = this.register(new vscode.EventEmitter<Elevation>());
  /** Fires once per elevation shortly before it ends (to offer an extension). */
  readonly onWillEnd = this.ending.event;
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  /** The open elevations as last read: every row of every repaint reads them, not the file. */
  private lastRead: Elevation[] = [];

  constructor(
    file: string,
    settings: Settings,
    private readonly auditLog: AuditLog,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.store = new ElevationStore(file, () => settings.guardSettings().maxElevationMinutes * 60);
    this.watch();
    this.register({ dispose: () => (clearTimeout(this.timer), this.watcher?.close()) });
    this.lastRead = this.store.read().open;
    this.schedule();
  }

  /** The open elevation of `context` at its current endpoint, as last read (and not over since). */
  of(context: Pick<ListedContext, 'name' | 'host'>): Elevation | undefined {
    return this.open.find((elevation) => elevation.context === context.name && elevation.endpoint === context.host);
  }

  get open(): Elevation[] {
    const now = Date.now();
    return this.lastRead.filter((elevation) => Date.parse(elevation.until) > now);
  }

  /** Opens (or extends) write access to `context`, confirmed by its typed name; audited. */
  async elevate(context: ListedContext, reason: string, seconds: number): Promise<Elevation> {
    const { elevation, previous, dropped } = await this.store.open(context, reason, seconds);
    this.audit(dropped);
    this.auditLog.append(elevationRecord(previous ? 'extend' : 'open', elevation, 'ui', 'typedName'));
    this.log.info(`Write access to "${context.name}" open until ${elevation.until}: ${elevation.reason}`);
    this.warned.delete(elevation.id);
    this.refresh();
    return elevation;
  }

  /** Ends the elevation of `name`, if one is open; audited. */
  async end(name: string): Promise<Elevation | undefined> {
    const { ended, dropped } = await this.store.end(name);
    this.audit(dropped);
    if (ended) {
      this.auditLog.append(elevationRecord('end', ended, 'ui'));
      this.log.info(`Write access to "${name}" ended`);
    }
    this.refresh();
    return ended;
  }

  private audit(dropped: Elevation[]): void {
    for (const elevation of dropped) this.auditLog.append(elevationRecord('expire', elevation, 'ui'));
  }

  /** The file changed, or a time came: tell everyone, and set the timer for the next time. */
  private refresh(): void {
    this.lastRead = this.store.read().open;
    this.changed.fire();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const now = Date.now();
    const times: number[] = [];
    for (const elevation of this.open) {
      const until = Date.parse(elevation.until);
      const warnAt = until - Math.min(warnBeforeMs, (until - Date.parse(elevation.since)) / 5);
      if (now >= warnAt && !this.warned.has(elevation.id)) {
        this.warned.add(elevation.id);
        this.ending.fire(elevation);
      }
      times.push(now < warnAt ? warnAt : until);
    }
    if (times.length === 0) return;
    // The end itself: a few ms late, so that the read then finds the elevation over.
    this.timer = setTimeout(() => this.tick(), Math.max(0, Math.min(...times) - now) + 20);
  }

  /** A warning or an end is due: drop what is over (audited once, by whoever drops it) and look again. */
  private tick(): void {
    this.store.sweep().then(
      (dropped) => this.audit(dropped),
      (error: Error) => this.log.warn(`Could not tidy the elevations: ${error.message}`),
    );
    this.refresh();
  }

  /** Watches the folder, not the file: the file is replaced by a rename on every write. */
  private watch(): void {
    const folder = path.dirname(this.store.file);
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      this.watcher = watch(folder, (_event, name) => {
        if (name === null || name === path.basename(this.store.file)) this.refresh();
      });
      this.watcher.on('error', (error) => this.log.warn(`Elevations are no longer watched: ${error.message}`));
    } catch (error) {
      this.log.warn(`Elevations are not watched (${(error as Error).message}); they are read on every use.`);
    }
  }
}
