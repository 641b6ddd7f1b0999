/**
 * The order `docker context ls` prints contexts in: "natural" order as docker/cli sorts them
 * (github.com/fvbommel/sortorder NaturalLess): runs of digits compare as numbers, everything
 * else compares byte by byte (UTF-8), so `node2` sorts before `node10` and `Zed` before `alpha`.
 */

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** NaturalLess on the UTF-8 bytes of two names. */
function naturalLessBytes(a: Uint8Array, b: Uint8Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const digitA = isDigit(a[i]);
    const digitB = isDigit(b[j]);
    if (digitA !== digitB) return digitA;
    if (!digitA) {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === 0x30) i++;
    while (j < b.length && b[j] === 0x30) j++;
    const startA = i;
    const startB = j;
    while (i < a.length && isDigit(a[i])) i++;
    while (j < b.length && isDigit(b[j])) j++;
    if (i - startA !== j - startB) return i - startA < j - startB;
    for (let k = 0; k < i - startA; k++) {
      if (a[startA + k] !== b[startB + k]) return a[startA + k] < b[startB + k];
    }
    if (startA !== startB) return startA < startB;
  }
  return a.length < b.length;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (naturalLessBytes(a, b)) return -1;
  return naturalLessBytes(b, a) ? 1 : 0;
}

export function compareNatural(left: string, right: string): number {
  return compareBytes(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

/** Sorts items by name in natural order, encoding each name once rather than on every comparison. */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: Buffer.from(item.name, 'utf8') }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .map(({ item }) => item);
}
