/**
 * OpenSSH's host pattern lists, shared by known_hosts and ~/.ssh/config: `*` and `?` wildcards,
 * and `!` negation that vetoes the whole list (a negated match never admits a host on its own, it
 * only excludes one that another pattern admits). known_hosts and `Match host` compare without
 * case; a `Host` line compares exactly, as ssh's match_pattern does (`Host Prod` never matches `prod`).
 */
import { globToRegExp } from '../../contexts/globPattern';

export interface PatternOptions {
  /** `Host` lines: compare exactly. Default: ignore case. */
  caseSensitive?: boolean;
}

export function matchesPattern(text: string, pattern: string, options: PatternOptions = {}): boolean {
  if (options.caseSensitive) return globToRegExp(pattern, 's').test(text);
  return globToRegExp(pattern.toLowerCase(), 's').test(text.toLowerCase());
}

/** True when a positive pattern matches and no negated one does. */
export function matchesPatternList(text: string, patterns: readonly string[], options: PatternOptions = {}): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(text, pattern.slice(1), options)) return false;
    } else if (!matched && matchesPattern(text, pattern, options)) {
      matched = true;
    }
  }
  return matched;
}
