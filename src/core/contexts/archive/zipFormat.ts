/**
 * Reading zip archives, which `docker context import` takes besides tar: the central directory,
 * each entry's local header, and stored or deflated data. No zip64, encryption or spanned
 * archives: a context archive is a few kilobytes.
 *
 * Every declared size is added up before anything is inflated, and every inflated entry must be
 * exactly its declared size and CRC, so a zip bomb is refused at the cost of reading its headers.
 */
import { crc32, inflateRawSync } from 'node:zlib';

import type { ArchiveEntry } from './archiveLayout';
import { ArchiveRefused } from './archiveRefused';

const localSignature = 0x04034b50;
const centralSignature = 0x02014b50;
const endSignature = 0x06054b50;
const localHeaderSize = 30;
const centralHeaderSize = 46;
const endRecordSize = 22;
const stored = 0;
const deflated = 8;
const encryptedFlag = 0x1;
/** "Version made by" hosts whose external attributes carry a Unix mode (Unix, macOS). */
const unixHosts = [3, 19];
const fileTypeMask = 0o170000;
const regularFileType = 0o100000;
const directoryType = 0o040000;

interface CentralRecord {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  unixType: number;
  localOffset: number;
}

/** A zip as docker/cli detects one: it starts with a local file header. */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === localSignature;
}

/** The entries of a zip whose declared sizes add up to at most `maxContentBytes`. */
export function readZip(bytes: Buffer, maxContentBytes: number): ArchiveEntry[] {
  const records = centralDirectory(bytes);
  const total = records.reduce((sum, record) => sum + record.size, 0);
  if (total > maxContentBytes) {
    throw new ArchiveRefused('too-large', `the zip unpacks to ${total} bytes; the Docker CLI imports at most ${maxContentBytes}`);
  }
  return records.map((record) => entryOf(bytes, record));
}

function centralDirectory(bytes: Buffer): CentralRecord[] {
  const end = endRecordOffset(bytes);
  const count = bytes.readUInt16LE(end + 10);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0 || bytes.readUInt16LE(end + 8) !== count) {
    throw new ArchiveRefused('unsupported-zip', 'zips spanning several files are not supported');
  }
  const directoryEnd = bytes.readUInt32LE(end + 16) + bytes.readUInt32LE(end + 12);
  if (directoryEnd > end) throw corrupt('its central directory lies outside the file (zip64 is not supported)');
  const records: CentralRecord[] = [];
  let offset = bytes.readUInt32LE(end + 16);
  for (let index = 0; index < count; index++) {
    if (offset + centralHeaderSize > directoryEnd || bytes.readUInt32LE(offset) !== centralSignature) throw corrupt('its central directory is damaged');
    const nameLength = bytes.readUInt16LE(offset + 28);
    const next = offset + centralHeaderSize + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
    if (next > directoryEnd) throw corrupt('its central directory is damaged');
    const nameBytes = bytes.subarray(offset + centralHeaderSize, offset + centralHeaderSize + nameLength);
    const host = bytes.readUInt16LE(offset + 4) >> 8;
    records.push({
      name: nameBytes.toString('utf8'),
      nameBytes,
      flags: bytes.readUInt16LE(offset + 8),
      method: bytes.readUInt16LE(offset + 10),
      crc: bytes.readUInt32LE(offset + 16),
      compressedSize: bytes.readUInt32LE(offset + 20),
      size: bytes.readUInt32LE(offset + 24),
      unixType: unixHosts.includes(host) ? (bytes.readUInt32LE(offset + 38) >>> 16) & fileTypeMask : 0,
      localOffset: bytes.readUInt32LE(offset + 42),
    });
    offset = next;
  }
  return records;
}

/** The end-of-central-directory record: the last 22 bytes, unless a comment follows it. */
function endRecordOffset(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - endRecordSize - 0xffff);
  for (let offset = bytes.length - endRecordSize; offset >= lowest; offset--) {
    if (bytes.readUInt32LE(offset) === endSignature && offset + endRecordSize + bytes.readUInt16LE(offset + 20) === bytes.length) return offset;
  }
  throw corrupt('it has no end-of-central-directory record');
}

function entryOf(bytes: Buffer, record: CentralRecord): ArchiveEntry {
  const quoted = JSON.stringify(record.name);
  if (record.flags & encryptedFlag) throw new ArchiveRefused('unsupported-zip', `${quoted} is encrypted`);
  if (record.method !== stored && record.method !== deflated) {
    throw new ArchiveRefused('unsupported-zip', `${quoted} uses compression method ${record.method} (only stored and deflate are supported)`);
  }
  if (record.unixType !== 0 && record.unixType !== regularFileType && record.unixType !== directoryType) {
    throw new ArchiveRefused('entry-type', `${quoted} is not a regular file or directory: a context archive holds nothing else`);
  }
  const kind = record.name.endsWith('/') || record.unixType === directoryType ? 'directory' : 'file';
  const local = record.localOffset;
  if (local + localHeaderSize > bytes.length || bytes.readUInt32LE(local) !== localSignature) throw corrupt(`the local header of ${quoted} is missing`);
  const nameStart = local + localHeaderSize;
  const dataStart = nameStart + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  // A name that differs between the two headers would let tools disagree on what the entry is.
  if (!bytes.subarray(nameStart, nameStart + bytes.readUInt16LE(local + 26)).equals(record.nameBytes)) {
    throw corrupt(`the local and central names of ${quoted} differ`);
  }
  if (dataStart + record.compressedSize > bytes.length) throw corrupt(`${quoted} is cut off`);
  const data = contentOf(bytes.subarray(dataStart, dataStart + record.compressedSize), record);
  if (data.length !== record.size) {
    throw new ArchiveRefused('size-mismatch', `${quoted} holds ${data.length} bytes but its header says ${record.size}`);
  }
  if (crc32(data) !== record.crc) throw corrupt(`the CRC of ${quoted} does not match`);
  if (kind === 'directory' && data.length !== 0) throw corrupt(`the directory ${quoted} has content`);
  return { name: record.name, kind, data };
}

/** The entry's data, inflated to at most one byte more than declared (enough to tell a mismatch). */
function contentOf(raw: Buffer, record: CentralRecord): Buffer {
  if (record.method === stored) return Buffer.from(raw);
  try {
    return inflateRawSync(raw, { maxOutputLength: record.size + 1 });
  } catch (error) {
    if (error instanceof RangeError)
      throw new ArchiveRefused('size-mismatch', `${JSON.stringify(record.name)} inflates beyond its declared ${record.size} bytes`);
    throw corrupt(`${JSON.stringify(record.name)} does not inflate (${(error as Error).message})`);
  }
}

const corrupt = (message: string) => new ArchiveRefused('corrupt', `not a readable zip: ${message}`);
