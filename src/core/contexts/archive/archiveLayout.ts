/**
 * What a context archive may hold, as `docker context export` lays it out:
 *
 *   meta.json                              the context's meta.json
 *   tls/  tls/<endpoint>/                  directories
 *   tls/<endpoint>/{ca,cert,key}.pem       an endpoint's TLS files
 *
 * The Docker CLI takes any file under tls/ and skips entries that are not regular files. An
 * archive is foreign input, so here anything else — a link, an absolute path, a `..`, a name
 * that is not in this layout — refuses the archive instead of being skipped.
 */
import { tlsFileList, tlsFileNames, type TlsPart, tlsParts } from '../tls/tlsMaterial';
import { ArchiveRefused } from './archiveRefused';

/** docker/cli's limit on an archive it imports (maxAllowedFileSizeToImport); also the limit on its unpacked entries. */
export const maxArchiveBytes = 10 << 20;

/** One entry of a tar or zip, as its format reader found it. */
export interface ArchiveEntry {
  name: string;
  kind: 'file' | 'directory';
  data: Buffer;
}

export type EntryPlace = { kind: 'meta' } | { kind: 'directory' } | { kind: 'tls'; endpoint: string; part: TlsPart };

const endpointPattern = /^[a-zA-Z0-9._-]+$/;
const isEndpointName = (segment: string) => endpointPattern.test(segment) && segment !== '.';
const tlsPartOf = (segment: string | undefined) => tlsParts.find((part) => tlsFileNames[part] === segment);

/** Where `entry` belongs in a context, with its path normalised (a directory's trailing `/` dropped); throws ArchiveRefused otherwise. */
export function placeEntry(entry: ArchiveEntry): { path: string; place: EntryPlace } {
  const quoted = JSON.stringify(entry.name);
  if (entry.name.includes('\\')) throw new ArchiveRefused('backslash', `${quoted}: unexpected '\\' in a path`);
  if (entry.name.startsWith('/')) throw new ArchiveRefused('absolute-path', `${quoted}: absolute paths are not allowed`);
  const path = entry.kind === 'directory' && entry.name.endsWith('/') ? entry.name.slice(0, -1) : entry.name;
  const segments = path.split('/');
  if (segments.includes('..')) throw new ArchiveRefused('path-traversal', `${quoted}: ".." is not allowed in a path`);
  const [top, endpoint, file] = segments;
  if (entry.kind === 'file') {
    if (path === 'meta.json') return { path, place: { kind: 'meta' } };
    const part = tlsPartOf(file);
    if (top === 'tls' && segments.length === 3 && isEndpointName(endpoint) && part) {
      return { path, place: { kind: 'tls', endpoint, part } };
    }
  } else if (top === 'tls' && (segments.length === 1 || (segments.length === 2 && isEndpointName(endpoint)))) {
    return { path, place: { kind: 'directory' } };
  }
  throw new ArchiveRefused('unexpected-entry', `${quoted}: a context archive holds only meta.json and tls/<endpoint>/ with ${tlsFileList.join(', ')}`);
}
