/**
 * Where the server-bundle folder picker opens: never inside an open workspace folder, where a
 * server key is one `git add .` away from a commit. The home folder, or the nearest folder above
 * it that no workspace folder contains (a workspace opened on the home folder itself).
 */
import * as path from 'node:path';

export function bundleFolderDefault(home: string, workspaceFolders: readonly string[]): string | undefined {
  for (let dir = path.resolve(home); ; dir = path.dirname(dir)) {
    if (!workspaceFolders.some((folder) => contains(path.resolve(folder), dir))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function contains(folder: string, dir: string): boolean {
  const relative = path.relative(folder, dir);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
