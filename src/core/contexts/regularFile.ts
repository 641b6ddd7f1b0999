/**
 * Reading the Docker CLI's small files (meta.json, config.json) without ever blocking: a FIFO
 * planted as meta.json would hang a plain read until someone writes to it (the Docker CLI
 * itself hangs), and a device may never end. The type is checked with stat before opening
 * (opening a device can have effects), opened non-blocking, checked again with fstat (the
 * file may have been swapped in between), and read up to a cap. Synchronous on purpose: a
 * store of 1,000 contexts reads 1,000 such files, and a synchronous read of a few hundred
 * bytes costs a fraction of a promise round trip through the thread pool.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';

export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    what: string,
  ) {
    super(`${file} is ${what}, not a regular file`);
    this.name = 'NotRegularFileError';
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    maxBytes: number,
  ) {
    super(`${file} is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** The text of `file` (symlinks followed, as docker follows them), or undefined when it does not exist. */
export function readRegularFileSync(file: string, maxBytes: number): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const kind = kindOf(stats);
  if (kind) throw new NotRegularFileError(file, kind);
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = fstatSync(fd);
    const openedKind = kindOf(opened);
    if (openedKind) throw new NotRegularFileError(file, openedKind);
    if (opened.size > maxBytes) throw new FileTooLargeError(file, maxBytes);
    // One byte more than fstat said tells a file that grew meanwhile (a half-written one is not read).
    const buffer = Buffer.alloc(opened.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > opened.size) throw new Error(`${file} changed while it was read`);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
