/**
 * OpenSSH known_hosts, read the way `ssh` 9.2 reads it, so that a host trusted in a terminal is
 * trusted here and a key `ssh` would refuse is refused here too: plain and hashed (`|1|salt|hmac`)
 * host patterns, `[host]:port` for ports other than 22 (and the bare name as ssh's fallback), `!`
 * negation, `@revoked` (a revoked key loses even when another line vouches for it), lines whose
 * key does not parse passed over. A key of a type not on record, when other keys are, is a
 * changed key, as ssh says. `@cert-authority` lines are skipped: host certificates are not
 * supported, so such a host is treated as unknown rather than trusted by mistake.
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
  /** changed: the type of the key on that line (it may differ from the presented one). */
  offendingKeyType?: string;
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

export interface KnownHostsLine {
  marker: 'revoked' | 'cert-authority' | undefined;
  /** The comma-separated host patterns, or a `|1|salt|hash` entry. */
  hostField: string;
  keyType: string;
  /** The key blob; undefined when the key does not parse (ssh passes such a line over). */
  key: Buffer | undefined;
}

/**
 * One known_hosts line as OpenSSH's hostkeys_foreach reads it: fields split on spaces and tabs
 * only (a byte-order mark stays part of the first host field, which then matches nothing), `#`
 * comments, the two markers (any other `@word` makes the line invalid). undefined: nothing there.
 */
export function parseKnownHostsLine(text: string): KnownHostsLine | undefined {
  const fields = text
    .replace(/\r$/, '')
    .replace(/^[ \t]+/, '')
    .split(/[ \t]+/);
  if (fields[0] === '' || fields[0].startsWith('#')) return undefined;
  let marker: KnownHostsLine['marker'];
  if (fields[0].startsWith('@')) {
    if (fields[0] === '@revoked') marker = 'revoked';
    else if (fields[0] === '@cert-authority') marker = 'cert-authority';
    else return undefined;
    fields.shift();
  }
  // ssh-keygen -F lists no line without a key field at all.
  if (fields.length < 3) return undefined;
  const [hostField, keyType, base64] = fields;
  return { marker, hostField, keyType, key: parsePublicKey(keyType, base64) };
}

/** The blob of `type base64`, if it is a well-formed key of that type (as sshkey_read demands). */
function parsePublicKey(keyType: string, base64: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) return undefined;
  const blob = Buffer.from(base64, 'base64');
  const parts = sshStrings(blob);
  const shape = keyShapes[keyType];
  if (!parts || !shape || parts[0].toString('latin1') !== keyType || parts.length !== shape.length + 1) return undefined;
  return shape.every((check, index) => check(parts[index + 1], keyType)) ? blob : undefined;
}

/** An SSH wire blob cut into its length-prefixed strings; undefined if the lengths do not add up. */
function sshStrings(blob: Buffer): Buffer[] | undefined {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < blob.length;) {
    if (offset + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(offset);
    if (offset + 4 + length > blob.length) return undefined;
    parts.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return parts.length > 0 ? parts : undefined;
}

type FieldCheck = (field: Buffer, keyType: string) => boolean;
const any: FieldCheck = (field) => field.length > 0;
const ed25519: FieldCheck = (field) => field.length === 32;
const curve: FieldCheck = (field, keyType) => keyType.includes(field.toString('latin1'));
/** The fields after the type name, per key type ssh reads from known_hosts. */
const keyShapes: Record<string, FieldCheck[]> = {
  'ssh-ed25519': [ed25519],
  'ssh-rsa': [any, any],
  'ssh-dss': [any, any, any, any],
  'ecdsa-sha2-nistp256': [curve, any],
  'ecdsa-sha2-nistp384': [curve, any],
  'ecdsa-sha2-nistp521': [curve, any],
  'sk-ssh-ed25519@openssh.com': [ed25519, any],
  'sk-ecdsa-sha2-nistp256@openssh.com': [curve, any, any],
};

/** Every usable line of `files` whose host field matches `host`/`port` (invalid lines left out, as ssh leaves them). */
function matchingLines(
  files: readonly (KnownHostsFile | string)[],
  host: string,
  port: number,
): Array<KnownHostsLine & { key: Buffer; location: KnownHostsLocation }> {
  const name = knownHostName(host, port);
  const found: Array<KnownHostsLine & { key: Buffer; location: KnownHostsLocation }> = [];
  for (const source of files) {
    const { path, text } = typeof source === 'string' ? { path: '', text: source } : source;
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const parsed = parseKnownHostsLine(lines[index]);
      if (parsed?.key && hostFieldMatches(parsed.hostField, name)) found.push({ ...parsed, key: parsed.key, location: { path, line: index + 1 } });
    }
  }
  return found;
}

/** Host keys and @revoked lines for `host`/`port` (@cert-authority lines are not keys of the host). */
function matchingEntries(files: readonly (KnownHostsFile | string)[], host: string, port: number): Entry[] {
  return matchingLines(files, host, port).flatMap(({ marker, keyType, key, location }) =>
    marker === 'cert-authority' ? [] : [{ marker, keyType, key, location }],
  );
}

/** The first @cert-authority line for `host`/`port`: ssh would trust a host certificate it signed (not supported here). */
export function certAuthorityFor(files: readonly (KnownHostsFile | string)[], host: string, port: number): KnownHostsLocation | undefined {
  return matchingLines(files, host, port).find((line) => line.marker === 'cert-authority')?.location;
}

/** Whether a known_hosts host field (patterns, or `|1|salt|hash`) names `name` (`host` or `[host]:port`). */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) {
    const [, magic, salt, hash] = field.split('|');
    if (magic !== '1' || !salt || !hash) return false;
    const computed = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return computed === hash;
  }
  return matchesPatternList(name, field.split(','));
}

/**
 * What the known_hosts files say about `key` presented by `host`:`port`, with OpenSSH's answers:
 * revoked wins; the key itself listed: known; ANY other key listed for the host, of whatever type:
 * changed (the last such line is the offending one, as ssh reports it); nothing listed: unknown.
 * `bareHostFallback` (a port other than 22, no HostKeyAlias): with nothing listed for
 * `[host]:port`, the same key listed for the bare host name counts as known, as ssh accepts it.
 */
export function checkHostKey(
  files: readonly (KnownHostsFile | string)[],
  host: string,
  port: number,
  key: Buffer,
  options: { bareHostFallback?: boolean } = {},
): HostKeyCheck {
  const keyType = keyTypeOf(key);
  const entries = matchingEntries(files, host, port);
  const valid = entries.filter((entry) => !entry.marker);
  const result = (status: HostKeyStatus, location?: KnownHostsLocation, offendingKeyType?: string): HostKeyCheck => ({
    status,
    keyType,
    fingerprint: sha256Fingerprint(key),
    location,
    offendingKeyType,
    knownKeyTypes: keyTypesOf(valid),
  });
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key.equals(key));
  if (revoked) return result('revoked', revoked.location);
  const same = valid.find((entry) => entry.key.equals(key));
  if (same) return result('known', same.location);
  const offending = valid[valid.length - 1];
  if (offending) return result('changed', offending.location, offending.keyType);
  if (options.bareHostFallback && port !== 22) {
    const bare = checkHostKey(files, host, 22, key);
    if (bare.status === 'known') return result('known', bare.location);
  }
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
