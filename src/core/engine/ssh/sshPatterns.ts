/**
 * OpenSSH's host pattern lists, shared by known_hosts and ~/.ssh/config: `*` and `?` wildcards,
 * case-insensitive, and `!` negation that vetoes the whole list (a negated match never admits a
 * host on its own, it only excludes one that another pattern admits).
 */
import { globToRegExp } from '../../contexts/globPattern';

export function matchesPattern(text: string, pattern: string): boolean {
  return globToRegExp(pattern.toLowerCase(), 's').test(text.toLowerCase());
}

/** True when a positive pattern matches and no negated one does. */
export function matchesPatternList(text: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(text, pattern.slice(1))) return false;
    } else if (!matched && matchesPattern(text, pattern)) {
      matched = true;
    }
  }
  return matched;
}
