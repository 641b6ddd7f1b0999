/**
 * How far a date is, in whole days and in words ("in 3 days", "2 days ago"): one count for the
 * tree, the tooltips, Inspect Certificates, the expiry warning and the CLI, so no two places
 * round the same certificate differently. Days are whole 24-hour spans, counted down (a
 * certificate ending in 47 hours has 1 day left): the figure never promises more than is left.
 */
const dayMs = 86_400_000;

/** Whole days from `now` until `date`; negative once it has passed (-1 within the first day after). */
export function daysUntil(date: Date | string, now: Date = new Date()): number {
  return Math.floor((new Date(date).getTime() - now.getTime()) / dayMs);
}

/** `date` relative to `now` in words, from the same count as daysUntil. */
export function relativeDays(date: Date | string, now: Date = new Date()): string {
  const days = daysUntil(date, now);
  if (days >= 0) return days === 0 ? 'in less than a day' : `in ${plural(days)}`;
  const ago = -days - 1;
  return ago === 0 ? 'less than a day ago' : `${plural(ago)} ago`;
}

function plural(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
