/** Glob patterns for context names, as settings use them: `*` any run of characters, `?` one character, whole-name match. */

export function globToRegExp(glob: string, flags = ''): RegExp {
  const source = [...glob].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, flags);
}

/** A test for "matches any of `globs`", each compiled once. */
export function anyGlobMatcher(globs: readonly string[]): (name: string) => boolean {
  const patterns = globs.map((glob) => globToRegExp(glob));
  return (name) => patterns.some((pattern) => pattern.test(name));
}
