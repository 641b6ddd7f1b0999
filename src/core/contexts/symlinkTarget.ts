/**
 * Where a write to a possibly symlinked file lands, as the Docker CLI's config Save finds it
 * (filepath.EvalSymlinks, and for a dangling link the missing path it ends at): each link
 * followed, relative ones from their own directory. Dotfile managers symlink config.json, so
 * both the writer and the store watcher need the real place.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

const realDir = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
};

export function symlinkTarget(file: string): string {
  let current = file;
  for (let hops = 0; hops < 255; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return path.join(realDir(path.dirname(current)), path.basename(current));
    }
    if (!isLink) return path.join(realDir(path.dirname(current)), path.basename(current));
    current = path.resolve(path.dirname(current), readlinkSync(current));
  }
  throw new Error(`${file}: too many levels of symbolic links`);
}
