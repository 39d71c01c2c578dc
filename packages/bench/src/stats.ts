import { medianAbsoluteDeviation, type SortedSamples } from 'tinybench';

/** Median and spread of a set of samples (milliseconds per run). */
export interface Summary {
  readonly median: number;
  /** Median absolute deviation, in the samples' unit. */
  readonly mad: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b) as unknown as SortedSamples;
  return {
    median: median(sorted),
    mad: medianAbsoluteDeviation(sorted),
    min: sorted[0],
    max: sorted[sorted.length - 1]!,
    n: sorted.length,
  };
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
