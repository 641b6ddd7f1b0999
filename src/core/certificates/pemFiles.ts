/**
 * Reading certificate and key files with a size cap. Such files are a few KiB; a path that points
 * at something else (a disk image, a log, a device) is refused before it is read into memory, and
 * a FIFO is never opened (that would block).
 */
import { open, stat } from 'node:fs/promises';

export const maxPemFileBytes = 1024 * 1024;

const fileError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The file's text; fails with code `EFBIG` past `maxBytes`, `ENOTFILE` for anything but a regular file. */
export async function readPemFile(file: string, maxBytes = maxPemFileBytes): Promise<string> {
  const stats = await stat(file);
  if (!stats.isFile()) throw fileError('ENOTFILE', `${file} is not a regular file`);
  const tooLarge = () => fileError('EFBIG', `${file} is larger than ${maxBytes} bytes, too large for a PEM certificate or key`);
  if (stats.size > maxBytes) throw tooLarge();
  const handle = await open(file, 'r');
  try {
    // Read to the end rather than trust the size: the file may have grown since.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(64 * 1024) });
      if (bytesRead === 0) return Buffer.concat(chunks).toString('utf8');
      total += bytesRead;
      if (total > maxBytes) throw tooLarge();
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}
