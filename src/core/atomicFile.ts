/**
 * Atomic file replacement: write a temp file beside the target, flush it, then rename it over
 * the target. A reader (the Docker CLI, another window) sees the old file or the new one, never
 * a half-written one, and a crash mid-write leaves the old file intact.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface AtomicWriteOptions {
  /** The mode of a new file (default 0600); an existing file keeps its own, unless `secret`. */
  mode?: number;
  /**
   * A file holding a key or an archive with one: always exactly `mode`, whatever was there
   * before, and a symlink at `file` is replaced, never written through (it may have been planted).
   */
  secret?: boolean;
}

/**
 * Replaces `file` with `content`. A symlinked file (dotfiles managers do that) is replaced at the
 * link's target, so the link stays — except for a secret file (see AtomicWriteOptions).
 */
export async function writeFileAtomic(file: string, content: string | Buffer, { mode = 0o600, secret = false }: AtomicWriteOptions = {}): Promise<void> {
  const target = secret ? file : await realpath(file).catch(() => file);
  const finalMode = secret
    ? mode
    : await stat(target).then(
        (stats) => stats.mode & 0o7777,
        () => mode,
      );
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' is O_CREAT|O_EXCL: it fails on anything already at that name, a symlink included.
  const handle = await open(temp, 'wx', finalMode);
  try {
    await handle.writeFile(content);
    // fchmod on the open file: never a chmod by name that a swapped-in symlink could redirect.
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
