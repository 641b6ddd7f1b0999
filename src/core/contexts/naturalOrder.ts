/**
 * The order `docker context ls` prints contexts in: "natural" order as docker/cli sorts them
 * (github.com/fvbommel/sortorder NaturalLess): runs of digits compare as numbers, everything
 * else compares byte by byte (UTF-8), so `node2` sorts before `node10` and `Zed` before `alpha`.
 */

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

export function naturalLess(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
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
    const numberA = a.subarray(startA, i).toString('latin1');
    const numberB = b.subarray(startB, j).toString('latin1');
    if (numberA !== numberB) return numberA < numberB;
    if (startA !== startB) return startA < startB;
  }
  return a.length < b.length;
}

export function compareNatural(left: string, right: string): number {
  if (naturalLess(left, right)) return -1;
  return naturalLess(right, left) ? 1 : 0;
}
