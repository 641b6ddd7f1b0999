/**
 * Atomic file replacement: write a temp file beside the target, flush it, then rename it over
 * the target. A reader (the Docker CLI, another window) sees the old file or the new one, never
 * a half-written one, and a crash mid-write leaves the old file intact.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Replaces `file` with `content`. An existing file keeps its mode and a new one gets `mode`,
 * unless `forceMode` (for keys: always exactly `mode`, even if the old file was readable by others).
 * A symlinked file (dotfiles managers do that) is replaced at the link's target, so the link stays.
 */
export async function writeFileAtomic(file: string, content: string, mode = 0o600, forceMode = false): Promise<void> {
  const target = await realpath(file).catch(() => file);
  const finalMode = forceMode
    ? mode
    : await stat(target).then(
        (stats) => stats.mode & 0o7777,
        () => mode,
      );
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', finalMode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(finalMode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
