/**
 * The audit log: JSON lines, append-only, written by the extension and by every terminal's shim
 * at once. Each record is one write(2) of one line to a file opened with O_APPEND, so lines from
 * two processes never interleave. Past `maxBytes` the file is rotated to `audit.jsonl.TIME-PID`
 * and a new one begun: rotated files are kept, never dropped (an audit trail that deletes its
 * own history is no trail; auditRecord.ts bounds what one record may hold). Writes are
 * synchronous: a record is a few hundred bytes, and the shim writes its last record just before
 * it exits.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';

import { terminalSafeJson } from '../text/foreignText';
import type { AuditRecord } from './auditRecord';

export interface AuditLogOptions {
  /** Rotate once the file would grow past this (default 5 MiB). */
  maxBytes?: number;
}

export class AuditWriteError extends Error {
  constructor(
    readonly file: string,
    cause: Error,
  ) {
    super(`could not write the audit log ${file}: ${cause.message}`);
    this.name = 'AuditWriteError';
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Our own audit's records by default; the authorization plugin keeps its own kind of record in the same way. */
export class AuditLog<Entry extends { time: string } = AuditRecord> {
  private readonly maxBytes: number;

  constructor(
    readonly file: string,
    { maxBytes = 5 * 1024 * 1024 }: AuditLogOptions = {},
  ) {
    this.maxBytes = maxBytes;
  }

  /** Appends `record` as one line. Throws AuditWriteError (the caller shows it; the command goes on). */
  append(record: Entry): void {
    const line = `${terminalSafeJson(record)}\n`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.rotateIfFull(Buffer.byteLength(line));
      const fd = openSync(this.file, 'a', 0o600);
      try {
        writeSync(fd, line);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw new AuditWriteError(this.file, error as Error);
    }
  }

  /**
   * The records in the last `maxBytes` of the current file, oldest first; unreadable lines are
   * skipped, and a file that cannot be read gives none (the grace period then simply asks again).
   */
  readRecent(maxBytes = 64 * 1024): Entry[] {
    let text: string;
    try {
      const fd = openSync(this.file, 'r');
      try {
        const size = fstatSync(fd).size;
        const start = Math.max(0, size - maxBytes);
        const buffer = Buffer.alloc(size - start);
        const read = readSync(fd, buffer, 0, buffer.length, start);
        text = buffer.subarray(0, read).toString('utf8');
        // A read that starts mid-file starts mid-line: drop that partial line.
        if (start > 0) text = text.slice(text.indexOf('\n') + 1);
      } finally {
        closeSync(fd);
      }
    } catch {
      return [];
    }
    return text.split('\n').flatMap((line) => {
      try {
        const record = JSON.parse(line) as Entry;
        return typeof record === 'object' && record !== null && typeof record.time === 'string' ? [record] : [];
      } catch {
        return [];
      }
    });
  }

  /**
   * Renames `file` to `file.TIME-PID` (names sort by time). Two processes rotating at the same
   * moment: the second finds no file to rename and appends to the new one; no line is lost.
   */
  private rotateIfFull(adding: number): void {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    if (size === 0 || size + adding <= this.maxBytes) return;
    const stamp = new Date().toISOString().replace(/[-:]/g, '');
    try {
      renameSync(this.file, `${this.file}.${stamp}-${process.pid}`);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}
