import type { ContenderSet } from './contenders/index.js';
import type { Contender, ContenderKind } from './contenders/types.js';
import { measureInterleaved, pairedRatio, type MeasureOptions, type Subject } from './measure.js';
import { classify, describeError, sameResult, WrongResultError, type Status } from './outcome.js';
import type { Summary } from './stats.js';
import type { Prepared, Workload } from './workloads.js';

export interface Row {
  readonly contender: string;
  readonly label: string;
  readonly kind: ContenderKind;
  readonly size: number;
  readonly status: Status;
  /** Time per run (ms): the median, or the single run in quick mode. */
  readonly summary?: Summary;
  /** Time relative to the baseline at the same size: the median of per-round ratios (quick mode: of the single runs). */
  readonly ratio?: number;
  readonly detail?: string;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly size: number;
  readonly description: string;
  readonly rows: Row[];
  /** Descriptions of capped sizes, by size. */
  readonly sizes: Record<number, string>;
}

export interface BackendRunOptions {
  readonly quick: boolean;
  readonly measure: MeasureOptions;
  /** Progress lines go here (stderr in the CLI). */
  readonly log: (line: string) => void;
}

interface Entry {
  readonly contender: Contender;
  readonly size: number;
  prepared?: Prepared;
  failure?: { status: Status; detail: string };
  quickMs?: number;
}

/**
 * Runs one workload on every contender: prepares each, checks its result
 * against the baseline at the same size, then times the correct ones
 * together (interleaved). In quick mode the checked run is the only run.
 */
export async function runWorkload(workload: Workload, set: ContenderSet, options: BackendRunOptions): Promise<WorkloadResult> {
  const baseline = set.available.find((c) => c.kind === 'baseline');
  if (!baseline) throw new Error('no baseline contender');
  const sizeFor = (c: Contender): number =>
    options.quick ? workload.sizes.quick : Math.min(workload.sizes.full, c.sizeCaps?.[workload.id] ?? Infinity);

  const entries: Entry[] = set.available.map((c) => ({ contender: c, size: sizeFor(c) }));
  // The baseline also runs at every capped size, so each row has a like-for-like reference.
  const sizes = [...new Set(entries.map((e) => e.size))].sort((a, b) => b - a);
  for (const size of sizes) if (!entries.some((e) => e.contender === baseline && e.size === size)) entries.push({ contender: baseline, size });

  // Baselines first: every other check compares with their result.
  entries.sort((a, b) => Number(b.contender === baseline) - Number(a.contender === baseline));
  const expected = new Map<number, number>();
  try {
    for (const entry of entries) {
      const isBaseline = entry.contender === baseline;
      options.log(`  ${workload.id}: checking ${entry.contender.label} at size ${entry.size}`);
      try {
        entry.prepared = await workload.prepare(entry.contender, entry.size);
        const start = performance.now();
        const got = entry.prepared.run();
        entry.quickMs = performance.now() - start;
        if (isBaseline) expected.set(entry.size, got);
        else if (!expected.has(entry.size)) throw new Error(`the baseline failed at size ${entry.size}`);
        else if (!sameResult(got, expected.get(entry.size))) throw new WrongResultError(got, expected.get(entry.size));
      } catch (e) {
        entry.failure = classify(e);
        entry.prepared?.dispose();
        entry.prepared = undefined;
      }
    }

    const timed = new Map<Entry, { summary?: Summary; rounds?: readonly number[]; failure?: { status: Status; detail: string } }>();
    if (options.quick) {
      for (const e of entries) if (e.prepared) timed.set(e, { summary: single(e.quickMs!) });
    } else {
      const live = entries.filter((e) => e.prepared);
      const subjects: Subject[] = live.map((e) => ({ key: keyOf(e), run: checkedRun(e.prepared!, expected.get(e.size)!), ops: 1 }));
      options.log(`  ${workload.id}: timing ${subjects.length} contenders x ${options.measure.rounds} rounds`);
      const outcomes = measureInterleaved(subjects, options.measure);
      for (const e of live) {
        const o = outcomes.get(keyOf(e))!;
        timed.set(e, o.ok ? { summary: o.summary, rounds: o.roundMedians } : { failure: classify(o.error) });
      }
    }

    const baselineAt = (size: number) => timed.get(entries.find((e) => e.contender === baseline && e.size === size)!);
    const rows: Row[] = entries.map((e) => {
      const failure = e.failure ?? timed.get(e)?.failure;
      const base = { contender: e.contender.id, label: e.contender.label, kind: e.contender.kind, size: e.size };
      if (failure) return { ...base, status: failure.status, detail: failure.detail };
      const { summary, rounds } = timed.get(e)!;
      const ref = baselineAt(e.size);
      const ratio = rounds && ref?.rounds ? pairedRatio(rounds, ref.rounds) : ref?.summary ? summary!.median / ref.summary.median : undefined;
      return { ...base, status: 'ok', summary, ratio };
    });
    for (const u of set.unavailable) {
      rows.push({ contender: u.id, label: u.label, kind: u.kind, size: workload.sizes[options.quick ? 'quick' : 'full'], status: 'unavailable', detail: u.reason });
    }
    const described: Record<number, string> = {};
    for (const size of sizes) described[size] = workload.describe(size);
    const size = options.quick ? workload.sizes.quick : workload.sizes.full;
    return { id: workload.id, title: workload.title, size, description: workload.describe(size), rows, sizes: described };
  } finally {
    for (const e of entries) {
      try {
        e.prepared?.dispose();
      } catch (err) {
        options.log(`  ${workload.id}: dispose failed on ${e.contender.label}: ${describeError(err)}`);
      }
    }
  }
}

function keyOf(e: Entry): string {
  return `${e.contender.id}@${e.size}`;
}

/** Each timed run re-checks its result, so a contender that goes wrong later is caught too. */
function checkedRun(p: Prepared, expected: number): () => void {
  return () => {
    const got = p.run();
    if (!sameResult(got, expected)) throw new WrongResultError(got, expected);
  };
}

function single(ms: number): Summary {
  return { median: ms, mad: 0, min: ms, max: ms, n: 1 };
}
