import { Bench, type FnReturnedObject } from 'tinybench';
import { summarize, type Summary } from './stats.js';

/** Something to time: `run` does `ops` operations; samples are milliseconds per operation. */
export interface Subject {
  readonly key: string;
  readonly run: () => void;
  /** Operations per run, so batched calls report time per call. */
  readonly ops: number;
}

export interface MeasureOptions {
  /** How many times every subject gets its turn. */
  readonly rounds: number;
  /** Time budget per subject per round (ms); at least one run happens regardless. */
  readonly timeMs: number;
  /** Warm-up before the first round (ms; at least one run). */
  readonly warmupMs: number;
}

export type Outcome =
  | { readonly ok: true; readonly summary: Summary; /** The median of each round's samples, in round order. */ readonly roundMedians: readonly number[] }
  | { readonly ok: false; readonly error: unknown };

/**
 * The ratio of two subjects measured in the same rounds: the median over
 * rounds of (this round's median / the reference's median in the same round).
 * Pairing by round cancels slow drift of the machine between rounds.
 */
export function pairedRatio(subject: readonly number[], reference: readonly number[]): number | undefined {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(subject.length, reference.length); i++) {
    if (subject[i]! > 0 && reference[i]! > 0) ratios.push(subject[i]! / reference[i]!);
  }
  return ratios.length === 0 ? undefined : summarize(ratios).median;
}

/**
 * Times the subjects in rounds, each round visiting every subject once in a
 * rotated order, so drift of the machine (other load, thermal, GC) falls on
 * all of them alike rather than on whichever ran last. tinybench does the
 * warm-up and the sampling; the samples of all rounds are summarised together.
 */
export function measureInterleaved(subjects: readonly Subject[], options: MeasureOptions): Map<string, Outcome> {
  const samples = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  const roundMedians = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  const failed = new Map<string, unknown>();
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(i + round) % subjects.length]!;
      if (failed.has(subject.key)) continue;
      const result = sampleOnce(subject, options, round === 0);
      if (result.ok) {
        samples.get(subject.key)!.push(...result.samples);
        roundMedians.get(subject.key)!.push(summarize(result.samples).median);
      }
      else failed.set(subject.key, result.error);
    }
  }
  const out = new Map<string, Outcome>();
  for (const s of subjects) {
    const error = failed.get(s.key);
    out.set(s.key, error !== undefined ? { ok: false, error } : { ok: true, summary: summarize(samples.get(s.key)!), roundMedians: roundMedians.get(s.key)! });
  }
  return out;
}

function sampleOnce(subject: Subject, options: MeasureOptions, warmup: boolean): { ok: true; samples: number[] } | { ok: false; error: unknown } {
  const bench = new Bench({
    time: options.timeMs,
    iterations: 1,
    warmup,
    warmupTime: options.warmupMs,
    warmupIterations: 1,
    retainSamples: true,
    throws: false,
  });
  const { run, ops } = subject;
  bench.add(subject.key, (): FnReturnedObject => {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    return { overriddenDuration: elapsed / ops, overriddenIterationCost: elapsed };
  });
  const [task] = bench.runSync();
  const result = task!.result;
  if (result.state === 'errored') return { ok: false, error: result.error };
  if (result.state !== 'completed') return { ok: false, error: new Error(`tinybench task ended as ${result.state}`) };
  return { ok: true, samples: [...(result.latency.samples ?? [])] };
}
