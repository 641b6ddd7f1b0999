/**
 * Elevations: write access to a context opened by a person for a stated time and reason
 * (break-glass). A production context is read-only until someone elevates it; a staging one can
 * be elevated for a maintenance window. One file per user and machine (stateDirectory.ts), so an
 * elevation opened in a terminal holds in every VS Code window at once, and the other way round.
 *
 * The file is trusted only as far as it must be: it is read on every use and nothing in it is
 * cached, so an elevation ends at its `until` whatever any process remembers; an entry longer
 * than the longest allowed, one that starts in the future (a clock set back, an edit), or one
 * for another endpoint than the context has now (its address changed) is not open; a file that
 * is not a regular file of this user, writable by nobody else, opens nothing. Each of these
 * failures can only close write access, never open it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { writeFileAtomic } from '../atomicFile';
import { userName } from '../audit/userName';
import { elevationsFile } from '../stateDirectory';
import type { GuardSettings } from './guardPolicy';

export interface Elevation {
  /** Random, to tie the operations inside it to it in the audit log. */
  id: string;
  context: string;
  /** The context's tier when it was opened (what the audit record of its expiry names). */
  tier: string;
  /** The context's endpoint when it was opened: the elevation holds only while it stays the same. */
  endpoint: string;
  reason: string;
  user: string;
  hostname: string;
  /** ISO 8601, UTC. */
  since: string;
  until: string;
}

/** The longest elevation honoured, whatever a setting or the file says: a day. */
export const hardMaxElevationSeconds = 86_400;
/** How far in the future a `since` may lie (clocks of two processes on one machine agree closely). */
const clockSkewMs = 60_000;

export interface ElevationsRead {
  /** Open now. */
  open: Elevation[];
  /** In the file, but over (expired, or no longer valid); dropped by the next write. */
  closed: Elevation[];
  /** Why the file itself opened nothing, when it did not. */
  problem?: string;
}

export class ElevationStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElevationStoreError';
  }
}

export class ElevationStore {
  constructor(
    readonly file: string,
    /** The longest elevation allowed, read at each use (a setting). */
    private readonly maxSeconds: () => number = () => 4 * 3600,
  ) {}

  /** What the file says now. Never throws: an unreadable file has no open elevation. */
  read(now = new Date()): ElevationsRead {
    let text: string;
    try {
      text = this.readTrusted();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { open: [], closed: [] };
      return { open: [], closed: [], problem: (error as Error).message };
    }
    let entries: unknown;
    try {
      entries = (JSON.parse(text) as { elevations?: unknown }).elevations;
    } catch {
      return { open: [], closed: [], problem: `${this.file} is not valid JSON` };
    }
    const open: Elevation[] = [];
    const closed: Elevation[] = [];
    for (const entry of Array.isArray(entries) ? entries : []) {
      const elevation = asElevation(entry);
      if (!elevation) continue;
      (this.isOpen(elevation, now) ? open : closed).push(elevation);
    }
    return { open, closed };
  }

  /** The open elevation of `context` at its current endpoint, if any. */
  openFor(context: { name: string; host: string }, now = new Date()): Elevation | undefined {
    return this.read(now).open.find((elevation) => elevation.context === context.name && elevation.endpoint === context.host);
  }

  /**
   * Opens (or, when one is open, extends or re-reasons) the elevation of `context` for `seconds`
   * from now. Returns it and the closed ones this write dropped (to be audited as expired).
   */
  async open(
    context: { name: string; host: string; tier: string },
    reason: string,
    seconds: number,
    now = new Date(),
  ): Promise<{ elevation: Elevation; previous?: Elevation; dropped: Elevation[] }> {
    const text = reason.trim();
    if (!text) throw new ElevationStoreError('an elevation needs a reason');
    const limit = Math.min(this.maxSeconds(), hardMaxElevationSeconds);
    if (!(seconds > 0) || seconds > limit) throw new ElevationStoreError(`the duration must be more than 0 and at most ${formatDuration(limit)}`);
    return this.update(now, (open) => {
      const previous = open.find((elevation) => elevation.context === context.name);
      const elevation: Elevation = {
        id: randomBytes(8).toString('hex'),
        context: context.name,
        tier: context.tier,
        endpoint: context.host,
        reason: text,
        user: userName(),
        hostname: os.hostname(),
        since: now.toISOString(),
        until: new Date(now.getTime() + seconds * 1000).toISOString(),
      };
      return { keep: [...open.filter((entry) => entry !== previous), elevation], result: { elevation, previous } };
    });
  }

  /** Ends the elevation of `name`; returns it (undefined when none was open) and the dropped ones. */
  async end(name: string, now = new Date()): Promise<{ ended?: Elevation; dropped: Elevation[] }> {
    return this.update(now, (open) => {
      const ended = open.find((elevation) => elevation.context === name);
      return { keep: open.filter((elevation) => elevation !== ended), result: { ended } };
    });
  }

  /** Drops what is over (audited by the caller as expired); a no-op write when nothing is. */
  async sweep(now = new Date()): Promise<Elevation[]> {
    if (this.read(now).closed.length === 0) return [];
    const { dropped } = await this.update(now, (open) => ({ keep: open, result: {} }));
    return dropped;
  }

  private isOpen(elevation: Elevation, now: Date): boolean {
    const since = Date.parse(elevation.since);
    const until = Date.parse(elevation.until);
    const limitMs = Math.min(this.maxSeconds(), hardMaxElevationSeconds) * 1000;
    return since <= now.getTime() + clockSkewMs && until > now.getTime() && until - since <= limitMs;
  }

  /** Read, change, write, under a lock: two processes opening at once both land. */
  private async update<R extends object>(now: Date, change: (open: Elevation[]) => { keep: Elevation[]; result: R }): Promise<R & { dropped: Elevation[] }> {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const unlock = await this.lock();
    try {
      const { open, closed, problem } = this.read(now);
      if (problem) throw new ElevationStoreError(`cannot change the elevations: ${problem}`);
      const { keep, result } = change(open);
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, elevations: keep }, null, 2)}\n`, { mode: 0o600, secret: true });
      return { ...result, dropped: closed };
    } finally {
      unlock();
    }
  }

  /** A lock file made with O_EXCL; one older than 10 s is a crashed writer's and is taken over. */
  private async lock(): Promise<() => void> {
    const lockFile = `${this.file}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(lockFile, 'wx', 0o600));
        return () => rmSync(lockFile, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = Date.now() - (statSafe(lockFile) ?? Date.now());
        if (age > 10_000) rmSync(lockFile, { force: true });
        else if (attempt > 100) throw new ElevationStoreError(`${lockFile} is held by another process`);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  /** The file's text, if it is a regular file of this user that nobody else can write. */
  private readTrusted(): string {
    const link = lstatSync(this.file);
    if (!link.isFile()) throw new ElevationStoreError(`${this.file} is not a regular file: it opens nothing`);
    const fd = openSync(this.file, 'r');
    try {
      const stats = fstatSync(fd);
      const uid = process.getuid?.();
      if (uid !== undefined && stats.uid !== uid) throw new ElevationStoreError(`${this.file} belongs to another user: it opens nothing`);
      if (process.platform !== 'win32' && (stats.mode & 0o022) !== 0) throw new ElevationStoreError(`${this.file} is writable by others: it opens nothing`);
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  }
}

/** This user's elevations, as every process outside VS Code reads them (the state folder of `env`, the settings' maximum). */
export function userElevations(env: NodeJS.ProcessEnv, settings: Pick<GuardSettings, 'maxElevationMinutes'>): ElevationStore {
  return new ElevationStore(elevationsFile(env), () => settings.maxElevationMinutes * 60);
}

function statSafe(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function asElevation(value: unknown): Elevation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  const fields = ['id', 'context', 'tier', 'endpoint', 'reason', 'user', 'hostname', 'since', 'until'] as const;
  if (!fields.every((field) => typeof entry[field] === 'string')) return undefined;
  if (Number.isNaN(Date.parse(entry.since as string)) || Number.isNaN(Date.parse(entry.until as string))) return undefined;
  return Object.fromEntries(fields.map((field) => [field, entry[field]])) as unknown as Elevation;
}

/** A duration as the CLI takes it: `90s`, `15m`, `1h`, `1h30m` (Go's time.ParseDuration units s, m, h). Seconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!match || !text.trim() || match.slice(1).every((part) => part === undefined)) return undefined;
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return Math.round(hours * 3600 + minutes * 60 + seconds);
}

/** `1h30m`, `15m`, `90s` → `1h30m`, `15m`, `1m30s`: how the CLI and the UI say a duration. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || whole === 0 ? `${s}s` : ''}`;
}
