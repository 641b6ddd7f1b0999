/**
 * OpenSSH known_hosts, read the way `ssh` reads it, so that a host trusted in a terminal is trusted
 * here and a key `ssh` would refuse is refused here too: plain and hashed (`|1|salt|hmac`) host
 * patterns, `[host]:port` for ports other than 22, `!` negation, `@revoked` (a revoked key loses
 * even when another line vouches for it). `@cert-authority` lines are skipped: host certificates
 * are not supported, so such a host is treated as unknown rather than trusted by mistake.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { matchesPatternList } from './sshPatterns';

export interface KnownHostsFile {
  /** Where the text came from, for "Offending key in <path>:<line>"; empty for text without a file. */
  path: string;
  text: string;
}

export interface KnownHostsLocation {
  path: string;
  /** 1-based. */
  line: number;
}

export type HostKeyStatus = 'known' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyCheck {
  status: HostKeyStatus;
  /** Type named inside the presented key blob, e.g. `ssh-ed25519`. */
  keyType: string;
  /** `SHA256:…` of the presented key. */
  fingerprint: string;
  /** known: the line vouching for the key; revoked: the `@revoked` line; changed: the line holding the other key. */
  location?: KnownHostsLocation;
  /** Key types the files list for this host (whatever the status). */
  knownKeyTypes: string[];
}

interface Entry {
  marker: 'revoked' | undefined;
  keyType: string;
  key: Buffer;
  location: KnownHostsLocation;
}

/** The name known_hosts stores for a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** `SHA256:…` exactly as `ssh-keygen -lf` prints it (unpadded base64 of the blob's SHA-256). */
export function sha256Fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written at the start of an SSH wire-format public key blob. */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) throw new Error('not an SSH public key blob');
  const length = key.readUInt32BE(0);
  if (length === 0 || length > 64 || key.length < 4 + length) throw new Error('not an SSH public key blob');
  return key.toString('latin1', 4, 4 + length);
}

/** A known_hosts line for the key: plain by default, `|1|salt|hmac` with `hashed` (HashKnownHosts yes). */
export function knownHostsLine(host: string, port: number, key: Buffer, options: { hashed?: boolean } = {}): string {
  const name = knownHostName(host, port);
  let field = name;
  if (options.hashed) {
    const salt = randomBytes(20);
    field = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  return `${field} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** Every entry of `files` whose host patterns match `host`/`port` (cert-authority lines and malformed lines left out). */
function matchingEntries(files: readonly (KnownHostsFile | string)[], host: string, port: number): Entry[] {
  const name = knownHostName(host, port);
  const entries: Entry[] = [];
  for (const source of files) {
    const { path, text } = typeof source === 'string' ? { path: '', text: source } : source;
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      const fields = lines[index].trim().split(/\s+/);
      if (fields[0] === '' || fields[0].startsWith('#')) continue;
      let marker: Entry['marker'];
      if (fields[0].startsWith('@')) {
        if (fields[0] !== '@revoked') continue; // @cert-authority, or a marker we do not know
        marker = 'revoked';
        fields.shift();
      }
      if (fields.length < 3 || !hostFieldMatches(fields[0], name)) continue;
      const key = Buffer.from(fields[2], 'base64');
      if (key.length === 0) continue;
      entries.push({ marker, keyType: fields[1], key, location: { path, line: index + 1 } });
    }
  }
  return entries;
}

function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) {
    const [, magic, salt, hash] = field.split('|');
    if (magic !== '1' || !salt || !hash) return false;
    const computed = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return computed === hash;
  }
  return matchesPatternList(name, field.split(','));
}

/** What the known_hosts files say about `key` presented by `host`:`port`. */
export function checkHostKey(files: readonly (KnownHostsFile | string)[], host: string, port: number, key: Buffer): HostKeyCheck {
  const keyType = keyTypeOf(key);
  const entries = matchingEntries(files, host, port);
  const valid = entries.filter((entry) => !entry.marker);
  const result = (status: HostKeyStatus, location?: KnownHostsLocation): HostKeyCheck => ({
    status,
    keyType,
    fingerprint: sha256Fingerprint(key),
    location,
    knownKeyTypes: keyTypesOf(valid),
  });
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key.equals(key));
  if (revoked) return result('revoked', revoked.location);
  const same = valid.find((entry) => entry.key.equals(key));
  if (same) return result('known', same.location);
  const sameType = valid.find((entry) => entry.keyType === keyType);
  if (sameType) return result('changed', sameType.location);
  return result('unknown');
}

/** Key types known for the host, so the handshake can prefer them as OpenSSH does (no downgrade to "unknown"). */
export function knownKeyTypesFor(files: readonly (KnownHostsFile | string)[], host: string, port: number): string[] {
  return keyTypesOf(matchingEntries(files, host, port).filter((entry) => !entry.marker));
}

function keyTypesOf(entries: readonly { keyType: string }[]): string[] {
  return [...new Set(entries.map((entry) => entry.keyType))];
}

/** Appends `line`, creating the folder (0700) and the file (0600) as ssh would. */
export async function appendKnownHost(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let separator = '';
  try {
    const existing = await readFile(file);
    if (existing.length > 0 && existing[existing.length - 1] !== 0x0a) separator = '\n';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await appendFile(file, `${separator}${line}\n`, { mode: 0o600 });
}

/** Reads the files that exist (a missing known_hosts is simply empty). */
export async function readKnownHostsFiles(paths: readonly string[]): Promise<KnownHostsFile[]> {
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: await readFile(path, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
        throw error;
      }
    }),
  );
  return files.filter((file): file is KnownHostsFile => file !== undefined);
}
