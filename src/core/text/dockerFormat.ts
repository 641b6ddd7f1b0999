/**
 * How the tree (and the agent tools) word sizes, ages and ids: as the docker CLI prints them (`12.3MB`, `3 days
 * ago`, 12-character ids), so what people see here matches what they see in a terminal.
 */

const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units, like `docker images`. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < sizeUnits.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)}${sizeUnits[unit]}`;
}

const ageSteps: [seconds: number, unit: string][] = [
  [365 * 24 * 3600, 'year'],
  [30 * 24 * 3600, 'month'],
  [7 * 24 * 3600, 'week'],
  [24 * 3600, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];

/** `3 days ago` from a Unix time in seconds. */
export function formatAge(createdSeconds: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round(now / 1000 - createdSeconds));
  for (const [size, unit] of ageSteps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count > 1 ? 's' : ''} ago`;
  }
  return 'less than a minute ago';
}

/** The 12 hex digits docker prints for an id (`sha256:` dropped). */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
