/**
 * A request target as dockerd sees it: Go's net/http parses it with url.ParseRequestURI and
 * gorilla/mux matches the decoded path, cleaned or redirected. A reader that split the target as a
 * browser does would misplace a request dockerd routes: `DELETE http:/containers/web` and
 * `DELETE x://host/containers/web` remove the container `web`, `GET /containers/json#x` is not
 * `/containers/json`, `%ff` is a byte Go keeps (a container name it cannot find), `%zz` is refused.
 */

export interface GoRequestUri {
  /** The decoded path (`URL.Path`), before mux cleans it; empty for an opaque `scheme:word` target. */
  path: string;
  /** Everything after the first `?` (`URL.RawQuery`). */
  rawQuery: string;
}

/** `url.ParseRequestURI(target)`, or undefined where Go answers 400 Bad Request. */
export function parseGoRequestUri(target: string): GoRequestUri | undefined {
  // eslint-disable-next-line no-control-regex -- Go refuses ASCII control bytes in a request URI
  if (target === '' || /[\u0000-\u001f\u007f]/.test(target)) return undefined;
  if (target === '*') return { path: '*', rawQuery: '' };
  // getScheme: letters, then letters, digits, + - . up to the first ':' (a leading ':' is an error).
  if (target.startsWith(':')) return undefined;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(target)?.[0];
  let rest = scheme ? target.slice(scheme.length) : target;
  const question = rest.indexOf('?');
  const rawQuery = question < 0 ? '' : rest.slice(question + 1);
  if (question >= 0) rest = rest.slice(0, question);
  if (!rest.startsWith('/')) return scheme ? { path: '', rawQuery } : undefined;
  if (scheme && rest.startsWith('//')) {
    // The authority runs to the next '/'; the path is what follows (none: the empty path).
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const path = goPathUnescape(rest);
  return path === undefined ? undefined : { path, rawQuery };
}

/** `url.PathUnescape`: `%XX` to its byte (bytes that are not UTF-8 read as U+FFFD, as Go's regexps read them), a lone `%` refused. */
function goPathUnescape(escaped: string): string | undefined {
  if (!escaped.includes('%')) return escaped;
  const chunks: Buffer[] = [];
  for (const part of escaped.match(/%[0-9A-Fa-f]{2}|%|[^%]+/g) ?? []) {
    if (part === '%') return undefined;
    chunks.push(part.startsWith('%') ? Buffer.of(parseInt(part.slice(1), 16)) : Buffer.from(part, 'utf8'));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** mux's cleanPath: path.Clean of a rooted path, keeping a trailing slash. A path it changes is redirected there, not routed. */
export function goCleanPath(path: string): string {
  if (path === '') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  const segments: string[] = [];
  for (const segment of rooted.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const cleaned = `/${segments.join('/')}`;
  return rooted.endsWith('/') && cleaned !== '/' ? `${cleaned}/` : cleaned;
}
