/**
 * This extension's own fields in a context's meta.json, under Metadata.DockerContextGuard (the
 * Docker CLI keeps unknown Metadata through `context update`, `export` and `import`): the tier
 * the user chose, and the marker saying that the context's TLS keys are in SecretStorage. The
 * one place they are read and written, by every writer (tier, key moves, create, import,
 * export). A write edits the text in place, so every other byte of meta.json — fields of other
 * tools, their order, number precision, white space — stays exactly as it was.
 */
import { goAnyValue, goFoldName, type GoJsonMember, type GoJsonNode, type GoJsonObject, parseGoJson } from './goJson';
import { type DockerMeta, metadataValue } from './metaJson';
import { isTier, type Tier } from './tiers';
import type { KeysLocation } from './tls/tlsKeyStore';

export const guardMetadataKey = 'DockerContextGuard';

/** The value of `Metadata.DockerContextGuard.keys` for a context whose TLS keys live in SecretStorage. */
export const secretStorageKeys = 'secretStorage';

/** What this extension stores about a context, as read. */
export interface GuardFields {
  storedTier: Tier | null;
  keysIn: KeysLocation;
}

/** A change to those fields: an absent member is left as it is; a null tier is cleared. */
export interface GuardEdit {
  tier?: Tier | null;
  keysIn?: KeysLocation;
}

const asObject = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The fields in a decoded meta.json: Metadata.DockerContextGuard, a Go map like the rest of Metadata. */
export function guardFieldsOf(meta: DockerMeta): GuardFields {
  const stored = asObject(metadataValue(meta, guardMetadataKey));
  return { storedTier: isTier(stored.tier) ? stored.tier : null, keysIn: stored.keys === secretStorageKeys ? 'secretStorage' : 'dockerCli' };
}

/**
 * The text of a meta.json (one docker reads) with `edit` applied. Docker takes the last of the
 * keys that fold to `Metadata`, and in it the last `DockerContextGuard`: that one is rewritten;
 * a field removed is removed from every copy, so none resurfaces; the object goes when empty.
 */
export function withGuardEdit(text: string, edit: GuardEdit): string {
  const root = asJsonObject(parseGoJson(text, 'reject'));
  const metadataMember = root.members.filter((member) => goFoldName(member.key) === goFoldName('Metadata')).at(-1);
  const metadata = metadataMember?.value;
  const guardNode = metadata?.kind === 'object' ? metadata.members.filter((member) => member.key === guardMetadataKey).at(-1)?.value : undefined;
  const fields = { ...asObject(guardNode && goAnyValue(guardNode)) };
  if (edit.tier !== undefined) setOrDelete(fields, 'tier', edit.tier ?? undefined);
  if (edit.keysIn !== undefined) setOrDelete(fields, 'keys', edit.keysIn === 'secretStorage' ? secretStorageKeys : undefined);
  const encoded = Object.keys(fields).length > 0 ? JSON.stringify(fields) : undefined;
  if (metadata?.kind === 'object') {
    if (encoded === undefined) return withoutMembers(text, metadata.start, guardMetadataKey);
    if (guardNode) return splice(text, guardNode, encoded);
    return withMember(text, metadata, `${JSON.stringify(guardMetadataKey)}:${encoded}`);
  }
  if (encoded === undefined) return text;
  const newMetadata = `{${JSON.stringify(guardMetadataKey)}:${encoded}}`;
  // A null Metadata is replaced; without one, it is added.
  return metadata ? splice(text, metadata, newMetadata) : withMember(text, root, `"Metadata":${newMetadata}`);
}

function setOrDelete(fields: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value === undefined) delete fields[key];
  else fields[key] = value;
}

function asJsonObject(node: GoJsonNode | undefined): GoJsonObject {
  if (node?.kind !== 'object') throw new Error('meta.json is not a JSON object');
  return node;
}

const splice = (text: string, node: GoJsonNode, replacement: string) => text.slice(0, node.start) + replacement + text.slice(node.end);

function withMember(text: string, object: GoJsonObject, member: string): string {
  const last = object.members.at(-1);
  if (!last) return `${text.slice(0, object.start + 1)}${member}${text.slice(object.start + 1)}`;
  return `${text.slice(0, last.value.end)},${member}${text.slice(last.value.end)}`;
}

/** `text` without the members named `key` of the object at `objectStart`, with their separators. */
function withoutMembers(text: string, objectStart: number, key: string): string {
  for (;;) {
    const object = objectAt(text, objectStart);
    const index = object.members.findIndex((member) => member.key === key);
    if (index < 0) return text;
    text = withoutMember(text, object.members, index);
  }
}

function withoutMember(text: string, members: readonly GoJsonMember[], index: number): string {
  const member = members[index];
  const next = members[index + 1];
  const previous = members[index - 1];
  if (next) return text.slice(0, member.keyStart) + text.slice(next.keyStart);
  if (previous) return text.slice(0, previous.value.end) + text.slice(member.value.end);
  return text.slice(0, member.keyStart) + text.slice(member.value.end);
}

/** The object whose `{` is at `start` (re-read after an edit before it changed nothing there). */
function objectAt(text: string, start: number): GoJsonObject {
  let found: GoJsonObject | undefined;
  const visit = (node: GoJsonNode): void => {
    if (found || node.start > start || node.end <= start) return;
    if (node.start === start && node.kind === 'object') found = node;
    else if (node.kind === 'object') node.members.forEach((member) => visit(member.value));
    else if (node.kind === 'array') node.items.forEach(visit);
  };
  visit(parseGoJson(text, 'reject'));
  if (!found) throw new Error(`no JSON object at offset ${start}`);
  return found;
}
