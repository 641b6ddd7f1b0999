/** Counts each suite's reporter appends to $DCG_TEST_COUNTS, and the run's one closing line. */
import { readFile } from 'node:fs/promises';

export const countsEnvVar = 'DCG_TEST_COUNTS';
export const suiteNameEnvVar = 'DCG_TEST_SUITE';

export interface SuiteCounts {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
}

export async function readCounts(file: string): Promise<SuiteCounts[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SuiteCounts);
}

/** "N passed, N failed" (", N skipped" when any): the closing line CI reads. */
export function closingLine(counts: SuiteCounts[]): string {
  const sum = (key: 'passed' | 'failed' | 'skipped') => counts.reduce((total, suite) => total + suite[key], 0);
  const skipped = sum('skipped');
  return `${sum('passed')} passed, ${sum('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}
