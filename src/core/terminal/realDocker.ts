/**
 * The real `docker`: the first one on PATH that is not a guard launcher. Directories listed in
 * DOCKER_CONTEXT_GUARD_SHIM_DIRS are skipped, and so is any file that carries the launchers'
 * marker line, wherever it lies (an older copy of the extension, a directory on PATH twice under
 * two spellings).
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { sharedEnv } from '../sharedEnvironment';

/** A line every launcher script carries near its top. */
export const launcherMarker = 'docker-context-guard launcher';

export function findRealDocker(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const same = (a: string, b: string) => (platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const normalize = (dir: string) => paths.resolve(dir === '' ? '.' : dir);
  const skipped = (env[sharedEnv.shimDirs] ?? '').split(paths.delimiter).filter(Boolean).map(normalize);
  const searchPath = env.PATH ?? env.Path ?? '';
  const program = platform === 'win32' ? 'docker.exe' : 'docker';
  for (const dir of searchPath.split(paths.delimiter)) {
    const resolved = normalize(dir);
    if (skipped.some((shimDir) => same(shimDir, resolved))) continue;
    const candidate = paths.join(resolved, program);
    if (isExecutableFile(candidate, platform) && !isLauncher(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Launchers are scripts anyone can read; a docker we cannot read is not one of them. */
function isLauncher(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(512);
    return head
      .subarray(0, readSync(fd, head, 0, head.length, 0))
      .toString('latin1')
      .includes(launcherMarker);
  } finally {
    closeSync(fd);
  }
}
