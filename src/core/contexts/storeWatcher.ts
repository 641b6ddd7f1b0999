/**
 * Tells when the Docker CLI's contexts or current context may have changed — a
 * `docker context create/use/rm/update` in any terminal — using file-system events, not polling.
 *
 * Watched: the config directory itself (config.json is replaced by rename, and `contexts/` may
 * appear later), the directory a symlinked config.json really lives in (a switch replaces the
 * file there), and, once it exists, `contexts/` recursively (meta and TLS directories come and
 * go). A burst of events becomes one `onChange` call after a short quiet period.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import * as path from 'node:path';

import type { Disposable } from '../lifecycle';
import { symlinkTarget } from './symlinkTarget';

export class StoreWatcher implements Disposable {
  private readonly watchers = new Map<string, { watcher: FSWatcher; inode: number | undefined }>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly configDir: string,
    private readonly onChange: () => void,
    private readonly quietMs = 100,
  ) {
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /**
   * Watches what exists now: the config dir and its contexts/ (or, until the config dir exists,
   * its parent). A directory deleted and made again is a new inode and gets a new watcher.
   */
  private arm(): void {
    const contextsDir = path.join(this.configDir, 'contexts');
    const wanted = new Map<string, boolean>();
    if (inodeOf(this.configDir) !== undefined) {
      wanted.set(this.configDir, false);
      if (inodeOf(contextsDir) !== undefined) wanted.set(contextsDir, true);
      const configTargetDir = path.dirname(configTarget(this.configDir));
      if (inodeOf(configTargetDir) !== undefined && !wanted.has(configTargetDir)) wanted.set(configTargetDir, false);
    } else {
      wanted.set(path.dirname(this.configDir), false);
    }
    for (const [dir, watched] of this.watchers) {
      if (!wanted.has(dir) || watched.inode !== inodeOf(dir)) {
        watched.watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const [dir, recursive] of wanted) if (!this.watchers.has(dir)) this.watchDir(dir, recursive);
  }

  private watchDir(dir: string, recursive: boolean): void {
    try {
      const watcher = watch(dir, { recursive, persistent: false }, () => this.changed());
      watcher.on('error', () => this.changed());
      this.watchers.set(dir, { watcher, inode: inodeOf(dir) });
    } catch {
      // Gone between the check and the watch: the parent's watcher reports its return.
    }
  }

  private changed(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.disposed) return;
      this.arm();
      this.onChange();
    }, this.quietMs);
  }
}

function configTarget(configDir: string): string {
  const file = path.join(configDir, 'config.json');
  try {
    return symlinkTarget(file);
  } catch {
    return file;
  }
}

function inodeOf(dir: string): number | undefined {
  try {
    return statSync(dir).ino;
  } catch {
    return undefined;
  }
}
