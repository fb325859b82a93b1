/** Measuring helpers the benchmark scripts share: medians, one timed run, a database's bytes on disk. */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The middle value (the upper middle for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Milliseconds one run of `operation` takes. */
export function timed(operation: () => unknown): number {
  const start = performance.now();
  operation();
  return performance.now() - start;
}

/** Bytes of an SQLite database file plus its write-ahead log. */
export function fileBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // no -wal after a checkpoint that truncated it
    }
  }
  return total;
}
