/** Test helpers: WAT to bytes (the shared helper of @wrl/conformance), and instances on the interp engine through @wrl/core. */
import { Engine, Imports, Instance, Module, Store, Trap, type Func } from '@wrl/core';
import { InterpEngine } from './engine.js';
import { irLength } from './ir/length.js';
import type { InterpEngineOptions } from './runtime/limits.js';

export { wat } from '@wrl/conformance';
import { wat } from '@wrl/conformance';

export interface Setup {
  engine: Engine;
  store: Store<unknown>;
  instance: Instance;
  func(name: string): Func;
}

export async function instantiateWat(text: string, imports: (store: Store<unknown>) => Imports = () => new Imports(), options: InterpEngineOptions = {}): Promise<Setup> {
  const engine = new Engine(new InterpEngine(options));
  const bytes = await wat(text);
  const module = new Module(engine, bytes);
  const store = new Store(engine, undefined as unknown);
  const instance = new Instance(store, module, imports(store));
  return {
    engine, store, instance,
    func(name) {
      const e = instance.getExport(store, name);
      if (e?.kind !== 'func') throw new Error(`no function export ${name}`);
      return e.value as Func;
    },
  };
}

/** Recursive fib, exported as `fib` (i32) -> i32. */
export const FIB_WAT = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`;

/** i32 comparisons as wasm names and as JS on the signed inputs. */
export const I32_COMPARES: readonly [string, (a: number, b: number) => boolean][] = [
  ['eq', (a, b) => a === b], ['ne', (a, b) => a !== b],
  ['lt_s', (a, b) => a < b], ['lt_u', (a, b) => a >>> 0 < b >>> 0],
  ['gt_s', (a, b) => a > b], ['gt_u', (a, b) => a >>> 0 > b >>> 0],
  ['le_s', (a, b) => a <= b], ['le_u', (a, b) => a >>> 0 <= b >>> 0],
  ['ge_s', (a, b) => a >= b], ['ge_u', (a, b) => a >>> 0 >= b >>> 0],
];

/** The IR opcodes of every function of the instance translated so far (functions are translated on their first call). */
export function irOpcodes(s: Setup): Set<number> {
  const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined }[] }).defs;
  const seen = new Set<number>();
  for (const def of defs) {
    const code = def.code;
    if (code === undefined) continue;
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) seen.add(code[pc]!);
  }
  return seen;
}

/** What a call did: its result, or `trap <code>` for a wasm trap (anything else is rethrown). */
export function outcome(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Trap) return `trap ${e.code}`;
    throw e;
  }
}
