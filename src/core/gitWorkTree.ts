/**
 * Whether a folder is inside a git work tree, as `git rev-parse --is-inside-work-tree` answers
 * for it, without needing git: a `.git` folder (a repository) or file (a linked worktree, a
 * submodule) in it or in a folder above. A settings file there is likely to be committed.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';

export async function insideGitWorkTree(folder: string): Promise<boolean> {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    // Inside a repository's own .git folder is not a work tree.
    if (path.basename(dir) === '.git') return false;
    const found = await stat(path.join(dir, '.git')).catch(() => undefined);
    if (found?.isDirectory() || found?.isFile()) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
