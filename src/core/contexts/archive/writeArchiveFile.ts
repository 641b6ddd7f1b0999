/**
 * Writing an exported archive where the user asked: it may hold a private key, so it is
 * created 0600 under a fresh name beside the target and renamed over it. A symlink planted at
 * the target is replaced, never written through, and a file already there is never opened,
 * so its mode (perhaps readable by all) does not carry over.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';

export async function writeArchiveFile(file: string, bytes: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' is O_CREAT|O_EXCL: it fails on anything already at that name, a symlink included.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
