/**
 * Reading a `.dockercontext` archive — a tar as `docker context export` writes it, or a zip, both
 * of which `docker context import` takes — into a context's meta.json and TLS files. Pure: it
 * touches no file, so an archive it refuses has written nothing, and it refuses at least
 * everything docker/cli refuses (size, paths, a missing meta.json), and more (see archiveLayout).
 */
import { field } from '../dockerContext';
import { transportOf } from '../endpoint';
import { maxArchiveBytes, placeEntry, type ArchiveEntry, type TlsFileName } from './archiveLayout';
import { isJsonObject, type JsonObject } from './archiveMeta';
import { ArchiveRefused } from './archiveRefused';
import { isTar, readTar } from './tarFormat';
import { isZip, readZip } from './zipFormat';

export type EndpointTlsFiles = Partial<Record<TlsFileName, Buffer>>;

export interface ParsedArchive {
  /** meta.json, checked to have a Docker endpoint with a usable Host. */
  meta: JsonObject;
  /** Endpoint name (`docker`) → its TLS files. */
  tls: Record<string, EndpointTlsFiles>;
}

export function readContextArchive(bytes: Buffer): ParsedArchive {
  if (bytes.length > maxArchiveBytes) {
    throw new ArchiveRefused('too-large', `the archive is ${bytes.length} bytes; the Docker CLI imports at most ${maxArchiveBytes} (10 MiB)`);
  }
  const seen = new Set<string>();
  let metaBytes: Buffer | undefined;
  const tls = new Map<string, EndpointTlsFiles>();
  for (const entry of entriesOf(bytes)) {
    const { path, place } = placeEntry(entry);
    if (seen.has(path)) throw new ArchiveRefused('duplicate-entry', `${JSON.stringify(path)} is in the archive twice`);
    seen.add(path);
    if (place.kind === 'meta') metaBytes = entry.data;
    if (place.kind === 'tls') tls.set(place.endpoint, { ...tls.get(place.endpoint), [place.file]: entry.data });
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

/** meta.json as the Docker CLI needs it: a JSON object whose `docker` endpoint has a Host it can use. */
function parseMeta(bytes: Buffer): JsonObject {
  let meta: unknown;
  try {
    meta = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ArchiveRefused('bad-meta', `meta.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(meta)) throw new ArchiveRefused('bad-meta', 'meta.json is not a JSON object');
  const metadata = field(meta, 'Metadata');
  if (metadata !== undefined && metadata !== null && !isJsonObject(metadata)) throw new ArchiveRefused('bad-meta', 'the Metadata of meta.json is not a JSON object');
  // Endpoints is a Go map: its keys match exactly, unlike struct fields such as Host.
  const endpoints = field(meta, 'Endpoints');
  const endpoint = isJsonObject(endpoints) && Object.hasOwn(endpoints, 'docker') ? endpoints.docker : undefined;
  const host = field(endpoint, 'Host');
  if (typeof host !== 'string') throw new ArchiveRefused('bad-meta', 'meta.json has no Docker endpoint');
  try {
    transportOf(host, true);
  } catch (error) {
    throw new ArchiveRefused('bad-meta', `the Docker endpoint of meta.json is unusable: ${(error as Error).message}`);
  }
  return meta;
}
