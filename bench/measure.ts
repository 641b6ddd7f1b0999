/**
 * Timing helpers shared by every benchmark: warm-up runs are thrown away, then the median of
 * the measured runs is reported, so one slow run (a GC, the other core busy) does not decide.
 */

export interface BenchResult {
  name: string;
  ours: number;
  baseline: number;
  unit: string;
}

export interface MeasureOptions {
  warmup?: number;
  runs?: number;
}

/** Median of `runs` samples of `sample()` (each returns one measured value) after `warmup` discarded ones. */
export async function medianOf(sample: () => Promise<number>, { warmup = 2, runs = 9 }: MeasureOptions = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await sample();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await sample());
  return median(values);
}

/** Medians of `ours()` and `baseline()` sampled in turn, so that a load that comes and goes weighs on both alike. */
export async function alternatingMedians(
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
  rounds: number,
): Promise<{ ours: number; baseline: number }> {
  const samples = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    samples.ours.push(await ours());
    samples.baseline.push(await baseline());
  }
  return { ours: median(samples.ours), baseline: median(samples.baseline) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds `action` takes, measured with the high-resolution clock. */
export async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The one line format `npm run bench` prints per benchmark; ratio > 1 means we are faster. */
export function formatBenchLine({ name, ours, baseline, unit }: BenchResult): string {
  const round = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
  return `BENCH ${name} ours=${round(ours)}${unit} baseline=${round(baseline)}${unit} ratio=${(baseline / ours).toFixed(2)}`;
}
