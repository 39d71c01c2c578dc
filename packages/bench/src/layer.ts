import { Engine, Func, FuncType, Imports, Instance, Module, Store, Value, type PublicValue } from '@wrl/core';
import type { WasmEngine } from '@wrl/core/backend';
import { importWorkspacePackage } from './contenders/workspace.js';
import { measureInterleaved, pairedRatio, type MeasureOptions, type Subject } from './measure.js';
import { classify, sameResult, WrongResultError, type Status } from './outcome.js';
import type { Summary } from './stats.js';
import { loadWat } from './wat.js';

/**
 * The cost of the layer: the same calls made through the host WebAssembly
 * API directly and through @wrl/core over the native backend. Samples are
 * time per call.
 */
export interface LayerRow {
  readonly id: string;
  readonly label: string;
  readonly status: Status;
  readonly summary?: Summary;
  /** Time relative to raw: the median of per-round ratios (quick mode: of the single runs). */
  readonly ratio?: number;
  /** The ratio the layer is meant to stay within (raw rows have none). */
  readonly target?: number;
  readonly meetsTarget?: boolean;
  readonly detail?: string;
}

export interface LayerGroup {
  readonly id: string;
  readonly title: string;
  readonly rows: LayerRow[];
}

export type LayerResult =
  | { readonly available: true; readonly backend: string; readonly callsPerRun: number; readonly groups: LayerGroup[] }
  | { readonly available: false; readonly reason: string };

interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly target?: number;
  /** One run of `calls` calls; returns the accumulated result. */
  readonly run: () => number;
}

/** The host import of the call-out group: cheap, so the crossing dominates. */
const step = (x: number): number => x ^ 0x55;
const STEP_TYPE = new FuncType(['i32'], ['i32']);

export async function runLayer(options: { quick: boolean; measure: MeasureOptions; log: (line: string) => void }): Promise<LayerResult> {
  let backend: WasmEngine;
  let version: string;
  try {
    const loaded = await importWorkspacePackage('backend-native', '@wrl/backend-native');
    const NativeEngine = loaded.module.NativeEngine as (new () => WasmEngine) | undefined;
    if (typeof NativeEngine !== 'function') throw new Error('@wrl/backend-native has no NativeEngine export');
    backend = new NativeEngine();
    version = loaded.version;
  } catch (e) {
    return { available: false, reason: classify(e).detail.replace(/^\w*Error: /, '') };
  }

  const calls = options.quick ? 1000 : 1_000_000;
  const bytes = await loadWat('add');
  const engine = new Engine(backend);
  const module = new Module(engine, bytes);

  // Raw: the host API alone.
  const raw = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { host: { step } }).exports as {
    add(a: number, b: number): number;
    callHost(n: number): number;
  };

  // wrl: the instance for calls into wasm.
  const store = new Store(engine, undefined);
  const wrapped = new Instance(store, module, new Imports().define('host', 'step', Func.wrap(store, STEP_TYPE, (_caller, x: number) => step(x))));
  const cleanup: Array<() => void> = [() => store.close()];

  try {
    const add = wrapped.getExport(store, 'add')!.intoFunc()!;
    const addTyped = add.typed(store, ['i32', 'i32'], ['i32']);

    const callIn: Candidate[] = [
      {
        id: 'raw',
        label: 'raw WebAssembly export',
        run: () => {
          const f = raw.add;
          let acc = 0;
          for (let i = 0; i < calls; i++) acc = f(acc, i);
          return acc;
        },
      },
      {
        id: 'typed',
        label: 'wrl Func.typed(...).call',
        target: 1.1,
        run: () => {
          let acc = 0;
          for (let i = 0; i < calls; i++) acc = addTyped.call(store, acc, i);
          return acc;
        },
      },
      {
        // Not a wrl path: the Values a dynamic call needs, made and read around the raw call,
        // so the dynamic row's ratio can be split into the boxing every Value API pays and the layer.
        id: 'boxed',
        label: 'raw export, with the same Values made in JS',
        run: () => {
          const f = raw.add;
          const results: PublicValue[] = [Value.i32(0)];
          let acc = 0;
          for (let i = 0; i < calls; i++) {
            const args = [Value.i32(acc), Value.i32(i)];
            results[0] = Value.i32(f(args[0]!.value as number, args[1]!.value as number));
            acc = results[0]!.value as number;
          }
          return acc;
        },
      },
      {
        id: 'dynamic',
        label: 'wrl Func.call (Values)',
        target: 3,
        run: () => {
          const results: PublicValue[] = [Value.i32(0)];
          let acc = 0;
          for (let i = 0; i < calls; i++) {
            add.call(store, [Value.i32(acc), Value.i32(i)], results);
            acc = results[0]!.value as number;
          }
          return acc;
        },
      },
    ];
    const callOut = (): Candidate[] => {
      const { candidates, close } = callOutCandidates(engine, module, () => raw.callHost(calls), calls);
      cleanup.push(close);
      return candidates;
    };
    let expectIn = 0;
    let expectOut = 0;
    for (let i = 0; i < calls; i++) {
      expectIn = (expectIn + i) | 0;
      expectOut = (expectOut + step(i)) | 0;
    }
    const callInGroup = measureGroup('call-in', 'a call into wasm: JS calls an exported (i32, i32) -> i32 add', callIn, expectIn, calls, options);
    const callOutGroup = measureGroup('call-out', 'a call from wasm into the host: a wasm loop calls an (i32) -> i32 import', callOut(), expectOut, calls, options);
    // The wrappers @wrl/core puts around host functions are shared code (V8 shares their type feedback
    // between closures): once several different host functions have run through them, host functions
    // made afterwards are optimized for polymorphic call sites. Measured again, with new host functions,
    // in that state, which is the one an application with many host functions is in.
    runOtherHostFunctions(engine, module, OTHER_HOST_FUNCTIONS);
    const mixedGroup = measureGroup(
      'call-out-mixed',
      `the same call into the host, with host functions made after ${OTHER_HOST_FUNCTIONS} others (Func.wrap and new Func) ran`,
      callOut(),
      expectOut,
      calls,
      options,
    );
    return { available: true, backend: version, callsPerRun: calls, groups: [callInGroup, callOutGroup, mixedGroup] };
  } finally {
    for (const close of cleanup) close();
  }
}

/** The three ways into the host, each with host functions and an instance made now. */
function callOutCandidates(engine: Engine, module: Module, raw: () => number, calls: number): { candidates: Candidate[]; close: () => void } {
  const store = new Store(engine, undefined);
  const wrapped = new Instance(store, module, new Imports().define('host', 'step', Func.wrap(store, STEP_TYPE, (_caller, x: number) => step(x))));
  const dynamicStep = new Func(store, STEP_TYPE, (_caller, args, results) => {
    results[0] = Value.i32(step(args[0]!.value as number));
  });
  const dynamic = new Instance(store, module, new Imports().define('host', 'step', dynamicStep));
  const callWrapped = wrapped.getExport(store, 'callHost')!.intoFunc()!.typed(store, ['i32'], ['i32']);
  const callDynamic = dynamic.getExport(store, 'callHost')!.intoFunc()!.typed(store, ['i32'], ['i32']);
  return {
    candidates: [
      { id: 'raw', label: 'raw JS import', run: raw },
      { id: 'wrap', label: 'wrl Func.wrap host function', target: 1.25, run: () => callWrapped.call(store, calls) },
      { id: 'dynamic', label: 'wrl new Func host function', run: () => callDynamic.call(store, calls) },
    ],
    close: () => store.close(),
  };
}

const OTHER_HOST_FUNCTIONS = 4;

/** Runs `count` distinct host functions of each kind through a few calls each. */
function runOtherHostFunctions(engine: Engine, module: Module, count: number): void {
  const store = new Store(engine, undefined);
  try {
    for (let k = 1; k <= count; k++) {
      const wrapped = Func.wrap(store, STEP_TYPE, (_caller, x: number) => (x + k) | 0);
      const dynamic = new Func(store, STEP_TYPE, (_caller, args, results) => {
        results[0] = Value.i32(((args[0]!.value as number) * k) | 0);
      });
      for (const host of [wrapped, dynamic]) {
        const instance = new Instance(store, module, new Imports().define('host', 'step', host));
        const run = instance.getExport(store, 'callHost')!.intoFunc()!.typed(store, ['i32'], ['i32']);
        for (let i = 0; i < 20; i++) run.call(store, 1000);
      }
    }
  } finally {
    store.close();
  }
}

function measureGroup(
  id: string,
  title: string,
  candidates: readonly Candidate[],
  expected: number,
  calls: number,
  options: { quick: boolean; measure: MeasureOptions; log: (line: string) => void },
): LayerGroup {
  const failures = new Map<string, { status: Status; detail: string }>();
  const quickTimes = new Map<string, number>();
  for (const c of candidates) {
    try {
      const start = performance.now();
      const got = c.run();
      quickTimes.set(c.id, (performance.now() - start) / calls);
      if (!sameResult(got, expected)) throw new WrongResultError(got, expected);
    } catch (e) {
      failures.set(c.id, classify(e));
    }
  }
  const summaries = new Map<string, Summary>();
  const rounds = new Map<string, readonly number[]>();
  if (options.quick) {
    for (const [key, ms] of quickTimes) if (!failures.has(key)) summaries.set(key, { median: ms, mad: 0, min: ms, max: ms, n: 1 });
  } else {
    // Calls of a few nanoseconds are the most sensitive to drift: twice the rounds of a workload.
    const measure = { ...options.measure, rounds: options.measure.rounds * 2 };
    options.log(`  layer ${id}: timing ${candidates.length - failures.size} call paths x ${measure.rounds} rounds`);
    const subjects: Subject[] = candidates
      .filter((c) => !failures.has(c.id))
      .map((c) => ({
        key: c.id,
        ops: calls,
        run: () => {
          const got = c.run();
          if (!sameResult(got, expected)) throw new WrongResultError(got, expected);
        },
      }));
    for (const [key, outcome] of measureInterleaved(subjects, measure)) {
      if (outcome.ok) {
        summaries.set(key, outcome.summary);
        rounds.set(key, outcome.roundMedians);
      }
      else failures.set(key, classify(outcome.error));
    }
  }
  const rawMedian = summaries.get('raw')?.median;
  const rows = candidates.map((c): LayerRow => {
    const failure = failures.get(c.id);
    if (failure) return { id: c.id, label: c.label, status: failure.status, detail: failure.detail, target: c.target };
    const summary = summaries.get(c.id)!;
    const paired = rounds.has(c.id) && rounds.has('raw') ? pairedRatio(rounds.get(c.id)!, rounds.get('raw')!) : undefined;
    const ratio = paired ?? (rawMedian === undefined ? undefined : summary.median / rawMedian);
    return {
      id: c.id,
      label: c.label,
      status: 'ok',
      summary,
      ratio,
      target: c.target,
      meetsTarget: c.target === undefined || ratio === undefined ? undefined : ratio <= c.target,
    };
  });
  return { id, title, rows };
}
