/**
 * Where the repository is, found from this file's own location rather than a hard-coded path,
 * so the tools work in any clone (from `tools/vscode/*.ts` or compiled `out/tools/vscode/*.js`).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Nearest folder at or above `from` that holds both package.json and tsconfig.json: the
 * repository root. (package.json alone is not enough: tsc copies it into `out/` because
 * src/core/productInfo.ts imports it.)
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No folder with package.json and tsconfig.json at or above ${from}`);
    dir = parent;
  }
}

/** The git-ignored cache for everything the offline VS Code tooling downloads or builds. */
export function vscodeTestCacheDir(repoRoot: string = findRepoRoot()): string {
  return path.join(repoRoot, '.vscode-test');
}
