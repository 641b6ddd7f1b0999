/**
 * Names that look like other names. Docker creates contexts only with names of ASCII letters,
 * digits and `_ . + -`, but a meta.json someone hands over can carry any name: `prоd` with a
 * Cyrillic о, `pro\u200bd` with a zero-width space, `ｐｒｏｄ` in full width. To a tired eye
 * they read "prod"; to a name pattern they do not. The skeleton folds such a name to the plain
 * name it imitates (in the spirit of Unicode's UTS #39 confusable skeletons, for the characters
 * that imitate ASCII letters and digits), so tier rules see what a person sees.
 */
import { contextNamePattern } from './contextNames';
import type { Tier, TierSource } from './tiers';

/** Letters of other scripts drawn like ASCII ones (Cyrillic, Greek, Latin extensions), lower case. */
const imitations: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  һ: 'h',
  ց: 'g',
  ո: 'n',
  ս: 'u',
  օ: 'o',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  ı: 'i',
  ȷ: 'j',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŀ: 'l',
  ſ: 's',
  ɡ: 'g',
  ɑ: 'a',
  ɩ: 'i',
  ʋ: 'u',
};

/** Digits and letters that stand in for each other in plain ASCII too (pr0d, prod-1 / prod-l). */
const asciiLookAlikes: Record<string, string> = { '0': 'o', '1': 'l', i: 'l', '|': 'l' };

/** Characters that draw nothing: format characters (zero-width, bidi, soft hyphen, tags), combining marks, Hangul fillers. */
const drawsNothing = /[\p{Cf}\p{M}\u115f\u1160\u3164]/gu;

/** The plain name `name` reads as: `prоd` (Cyrillic о), `pro\u200bd` and `ＰＲＯＤ` all give `prod`. */
export function nameSkeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(drawsNothing, '').toLowerCase();
  return Array.from(folded, (character) => imitations[character] ?? character)
    .join('')
    .normalize('NFKC');
}

/** The skeleton, with ASCII look-alikes folded too: what two names are compared by. */
export function confusableKey(name: string): string {
  return Array.from(nameSkeleton(name), (character) => asciiLookAlikes[character] ?? character).join('');
}

/** A name docker itself would never give a context: it came from a file someone else wrote. */
export function isForeignName(name: string): boolean {
  return name !== 'default' && !contextNamePattern.test(name);
}

/**
 * The tiers of `contexts` with one rule added: a context whose name can be mistaken for a
 * production context's name (`pr0d-eu` next to `prod-eu`) is production too.
 */
export function withProductionLookAlikes<T extends { name: string; tier: Tier; tierSource: TierSource }>(contexts: T[]): T[] {
  const production = new Map(contexts.filter((context) => context.tier === 'production').map((context) => [confusableKey(context.name), context.name]));
  return contexts.map((context) => {
    const imitated = production.get(confusableKey(context.name));
    return context.tier !== 'production' && imitated !== undefined && imitated !== context.name
      ? { ...context, tier: 'production', tierSource: 'name' }
      : context;
  });
}
