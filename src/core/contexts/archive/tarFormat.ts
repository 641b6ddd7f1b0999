/**
 * The part of the tar format a context archive needs: ustar headers for regular files and
 * directories. Written exactly as docker/cli's Go archive/tar writes an export (owner and time
 * zeroed), plus the two end-of-archive blocks that `docker context export` leaves out.
 *
 * Read as leniently as Go's reader, which `docker context import` uses, and no more: a docker
 * export ends without those blocks, even without padding its last file (GNU tar and Python's
 * tarfile reject that), so the archive may end right after any entry's data.
 */
import type { ArchiveEntry } from './archiveLayout';
import { ArchiveRefused } from './archiveRefused';

const blockSize = 512;
const checksumStart = 148;
const checksumEnd = 156;
/** "ustar\0" + version "00" (POSIX), or GNU tar's "ustar  \0" (whose prefix field holds other things). */
const posixMagic = 'ustar\x0000';
const gnuMagic = 'ustar  \x00';

const entryTypes: Record<string, string> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
  '7': 'a contiguous file',
  g: 'a pax global header',
  x: 'a pax extended header',
  K: 'a GNU long link name',
  L: 'a GNU long name',
};

export interface TarEntry extends ArchiveEntry {
  mode: number;
}

const magicOf = (header: Buffer) => header.toString('latin1', 257, 265);

/** A tar whose first header is a ustar (or GNU) one; older tars without the magic are not taken. */
export function isTar(bytes: Buffer): boolean {
  return bytes.length >= blockSize && [posixMagic, gnuMagic].includes(magicOf(bytes));
}

export function writeTar(entries: TarEntry[]): Buffer {
  const parts = entries.flatMap((entry) => [header(entry), entry.data, Buffer.alloc(paddingOf(entry.data.length))]);
  return Buffer.concat([...parts, Buffer.alloc(2 * blockSize)]);
}

export function readTar(bytes: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < blockSize) throw corrupt('the archive ends inside a header');
    const block = bytes.subarray(offset, offset + blockSize);
    if (isZeroBlock(block)) {
      checkEndOfArchive(bytes.subarray(offset + blockSize));
      break;
    }
    const { name, kind, size } = parseHeader(block);
    const start = offset + blockSize;
    if (start + size > bytes.length) throw corrupt(`${JSON.stringify(name)} is cut off`);
    entries.push({ name, kind, data: Buffer.from(bytes.subarray(start, start + size)) });
    offset = start + size + paddingOf(size);
  }
  return entries;
}

function header(entry: TarEntry): Buffer {
  const block = Buffer.alloc(blockSize);
  if (block.write(entry.name, 0, 100, 'utf8') !== Buffer.byteLength(entry.name)) throw new Error(`tar name too long: ${entry.name}`);
  writeOctal(block, 100, 8, entry.mode);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, entry.data.length);
  writeOctal(block, 136, 12, 0); // mtime
  block.write(entry.kind === 'directory' ? '5' : '0', 156, 'latin1');
  block.write(posixMagic, 257, 'latin1');
  writeOctal(block, 329, 8, 0); // device major
  writeOctal(block, 337, 8, 0); // device minor
  block.write(`${checksums(block).unsigned.toString(8).padStart(6, '0')}\0 `, checksumStart, 'latin1');
  return block;
}

function parseHeader(block: Buffer): { name: string; kind: ArchiveEntry['kind']; size: number } {
  const magic = magicOf(block);
  if (magic !== posixMagic && magic !== gnuMagic) throw corrupt('a header is not a ustar header');
  const { unsigned, signed } = checksums(block);
  const recorded = octalField(block, checksumStart, checksumEnd);
  const prefix = magic === posixMagic ? readString(block, 345, 500) : '';
  const name = prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100);
  // Go's reader takes either sum: some old tars summed signed bytes.
  if (recorded !== unsigned && recorded !== signed) throw new ArchiveRefused('bad-checksum', `the tar header of ${JSON.stringify(name)} has a bad checksum`);
  const type = String.fromCharCode(block[156]);
  const size = octalField(block, 124, 136);
  if (size === undefined) throw corrupt(`the size of ${JSON.stringify(name)} is not an octal number`);
  // Like Go's reader: the old "\0" type is a directory when the name ends in a slash.
  const kind = type === '5' || (type === '\0' && name.endsWith('/')) ? 'directory' : type === '0' || type === '\0' ? 'file' : undefined;
  if (!kind) {
    const what = entryTypes[type] ?? `of tar type ${JSON.stringify(type)}`;
    throw new ArchiveRefused('entry-type', `${JSON.stringify(name)} is ${what}: a context archive holds only regular files and directories`);
  }
  if (kind === 'directory' && size !== 0) throw corrupt(`the directory ${JSON.stringify(name)} has content`);
  return { name, kind, size };
}

/** After one zero block the archive ends, or a second zero block follows (then anything may: tar pads records). */
function checkEndOfArchive(rest: Buffer): void {
  if (rest.length === 0) return;
  if (rest.length < blockSize || !isZeroBlock(rest.subarray(0, blockSize))) throw corrupt('data follows the end of the archive');
}

function checksums(block: Buffer): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < blockSize; index++) {
    const byte = index >= checksumStart && index < checksumEnd ? 0x20 : block[index];
    unsigned += byte;
    signed += byte < 0x80 ? byte : byte - 0x100;
  }
  return { unsigned, signed };
}

function writeOctal(block: Buffer, offset: number, width: number, value: number): void {
  block.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, 'latin1');
}

/** An octal field as Go reads it (spaces and NULs around the digits), or undefined; the base-256 form of huge values is not taken. */
function octalField(block: Buffer, start: number, end: number): number | undefined {
  const text = block.toString('latin1', start, end).replace(/^[ \0]+|[ \0]+$/g, '');
  if (!/^[0-7]*$/.test(text)) return undefined;
  return text === '' ? 0 : parseInt(text, 8);
}

function readString(block: Buffer, start: number, end: number): string {
  const field = block.subarray(start, end);
  const nul = field.indexOf(0);
  return field.toString('utf8', 0, nul === -1 ? field.length : nul);
}

const isZeroBlock = (block: Buffer) => block.every((byte) => byte === 0);
const paddingOf = (size: number) => (blockSize - (size % blockSize)) % blockSize;
const corrupt = (message: string) => new ArchiveRefused('corrupt', `not a readable tar: ${message}`);
