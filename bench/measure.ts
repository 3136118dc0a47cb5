/** Timing helpers for the benchmarks: medians of several runs, never a single lucky run. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds of one call. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median milliseconds over `runs` calls, after `warmup` calls that are not counted. */
export function medianMs(fn: () => void, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i += 1) fn();
  return median(Array.from({ length: runs }, () => timeMs(fn)));
}

export const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
