/**
 * Reading a `.dockercontext` archive — a tar as `docker context export` writes it, or a zip, both
 * of which `docker context import` takes — into a context's meta.json and TLS files. Pure: it
 * touches no file, so an archive it refuses has written nothing, and it refuses at least
 * everything docker/cli refuses (size, paths, a missing meta.json), and more (see archiveLayout).
 */
import { transportOf } from '../endpoint';
import { goFoldName, type GoJsonNode, GoJsonSyntaxError, goMapEntries, parseGoJson, structFieldValues } from '../goJson';
import { guardMetadataKey } from '../guardMetadata';
import { decodeMetaJson, dockerEndpointName, dockerEndpointOf, type DockerMeta, dockerMetaView } from '../metaJson';
import type { TlsMaterial } from '../tls/tlsMaterial';
import { type ArchiveEntry, maxArchiveBytes, placeEntry } from './archiveLayout';
import type { JsonObject } from './archiveMeta';
import { ArchiveRefused } from './archiveRefused';
import { isTar, readTar } from './tarFormat';
import { isZip, readZip } from './zipFormat';

export interface ParsedArchive {
  /** meta.json as the Docker CLI reads it, checked to have a Docker endpoint with a usable Host. */
  meta: JsonObject;
  /** Endpoint name (`docker`) → the parts of its TLS material the archive has. */
  tls: Record<string, Partial<TlsMaterial>>;
}

export function readContextArchive(bytes: Buffer): ParsedArchive {
  if (bytes.length > maxArchiveBytes) {
    throw new ArchiveRefused('too-large', `the archive is ${bytes.length} bytes; the Docker CLI imports at most ${maxArchiveBytes} (10 MiB)`);
  }
  const seen = new Set<string>();
  let metaBytes: Buffer | undefined;
  const tls = new Map<string, Partial<TlsMaterial>>();
  for (const entry of entriesOf(bytes)) {
    const { path, place } = placeEntry(entry);
    if (seen.has(path)) throw new ArchiveRefused('duplicate-entry', `${JSON.stringify(path)} is in the archive twice`);
    seen.add(path);
    if (place.kind === 'meta') metaBytes = entry.data;
    if (place.kind === 'tls') tls.set(place.endpoint, { ...tls.get(place.endpoint), [`${place.part}Pem`]: entry.data.toString('utf8') });
  }
  if (!metaBytes) throw new ArchiveRefused('bad-meta', 'the archive has no meta.json: it is not a Docker context');
  // fromEntries defines own properties, so even an endpoint named "__proto__" stays data.
  return { meta: parseMeta(metaBytes), tls: Object.fromEntries(tls) };
}

function entriesOf(bytes: Buffer): ArchiveEntry[] {
  if (isZip(bytes)) return readZip(bytes, maxArchiveBytes);
  if (isTar(bytes)) return readTar(bytes);
  throw new ArchiveRefused('unknown-format', 'the file is neither a tar nor a zip archive');
}

/**
 * meta.json as the Docker CLI reads it, with a Docker endpoint it can use. A field given twice
 * (`Host` and `host`, a key repeated) is refused: docker takes the last, other readers may take
 * another, and a context whose endpoint depends on the reader is not imported. What is kept is
 * meta.json as docker read it (see dockerMetaView), each field once.
 */
function parseMeta(bytes: Buffer): JsonObject {
  const text = bytes.toString('utf8');
  let meta: DockerMeta;
  try {
    meta = decodeMetaJson(text);
    refuseAmbiguousFields(parseGoJson(text, 'reject'));
  } catch (error) {
    if (error instanceof ArchiveRefused) throw error;
    const what = error instanceof GoJsonSyntaxError ? 'is not valid JSON' : 'cannot be read by the Docker CLI';
    throw new ArchiveRefused('bad-meta', `meta.json ${what} (${(error as Error).message})`);
  }
  const endpoint = dockerEndpointOf(meta);
  if ('error' in endpoint) throw new ArchiveRefused('bad-meta', `meta.json has no usable Docker endpoint: ${endpoint.error}`);
  try {
    transportOf(endpoint.host, true);
  } catch (error) {
    throw new ArchiveRefused('bad-meta', `the Docker endpoint of meta.json is unusable: ${(error as Error).message}`);
  }
  return dockerMetaView(meta);
}

function refuseAmbiguousFields(root: GoJsonNode): void {
  if (root.kind !== 'object') return;
  const once = (object: GoJsonNode | undefined, where: string, matches: (key: string, field: string) => boolean, fields?: string[]) => {
    if (object?.kind !== 'object') return;
    for (const field of fields ?? new Set(object.members.map((member) => member.key))) {
      const keys = object.members.filter((member) => matches(member.key, field)).map((member) => JSON.stringify(member.key));
      if (keys.length > 1) {
        throw new ArchiveRefused(
          'bad-meta',
          `meta.json gives ${where}${field} ${keys.length} times (${keys.join(', ')}): the Docker CLI reads the last, other tools may not; an ambiguous context is not imported`,
        );
      }
    }
  };
  const folded = (key: string, field: string) => goFoldName(key) === goFoldName(field);
  const exact = (key: string, field: string) => key === field;
  once(root, '', folded, ['Name', 'Metadata', 'Endpoints']);
  const metadata = structFieldValues(root, 'Metadata')[0];
  once(metadata, 'Metadata.', exact);
  if (metadata?.kind === 'object') once(goMapEntries(metadata).get(guardMetadataKey), `Metadata.${guardMetadataKey}.`, exact);
  const endpoints = structFieldValues(root, 'Endpoints')[0];
  once(endpoints, 'Endpoints.', exact);
  if (endpoints?.kind === 'object')
    once(goMapEntries(endpoints).get(dockerEndpointName), `Endpoints.${dockerEndpointName}.`, folded, ['Host', 'SkipTLSVerify']);
}
