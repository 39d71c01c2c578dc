/**
 * Bad input never crashes or hangs a backend: a seeded, bounded fuzz test.
 * Valid seed modules are mutated byte-wise; every mutant must compile or fail
 * with CompileError, and what compiles must instantiate and run to a typed
 * outcome. Afterwards the store must still work.
 */
import {
  CompileError,
  Func,
  Global,
  Imports,
  Instance,
  LinkError,
  Memory,
  Module,
  Table,
  Trap,
  UnsupportedFeatureError,
  Value,
  type Capability,
  type Extern,
  type ImportType,
  type PublicValue,
  type Store,
  type WasmFeature,
} from '@wrl/core';
import { readModuleInfo } from '@wrl/core/backend';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';
import { hex, mutants } from './mutate.js';

/**
 * Mutants per seed: enough to get past the header checks, few enough for a
 * few seconds per backend. (Raise it, or change PRNG_SEED, to hunt further:
 * 10,000 per seed with two PRNG seeds found only the NUL-name bug in wasm3.)
 */
const MUTANTS_PER_SEED = 250;
const PRNG_SEED = 0x5eed_2026;
/** Fuel for instantiating (start function) and for each export call of a mutant. */
const FUEL_PER_STEP = 100_000n;
/** Host-created imports larger than this are not made (a mutated limit could ask for gigabytes). */
const MAX_IMPORTED_MEMORY_PAGES = 16;
const MAX_IMPORTED_TABLE_SIZE = 10_000;

interface Seed {
  readonly name: string;
  readonly needs: ReadonlyArray<Capability | WasmFeature>;
  readonly wat: string;
}

const SEEDS: readonly Seed[] = [
  {
    name: 'types, imported functions and control flow',
    needs: [],
    wat: `(module
      (type $bin (func (param i32 i32) (result i32)))
      (import "env" "log" (func $log (param i32)))
      (import "env" "scale" (func $scale (param i64 f32) (result f64)))
      (func $fac (export "fac") (param i32) (result i32)
        (if (result i32) (i32.le_s (local.get 0) (i32.const 1))
          (then (i32.const 1))
          (else (i32.mul (local.get 0) (call $fac (i32.sub (local.get 0) (i32.const 1)))))))
      (func (export "sum") (param i32) (result i32) (local i32)
        (block $done
          (loop $l
            (br_if $done (i32.eqz (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $l)))
        (local.get 1))
      (func (export "switch") (param i32) (result i32)
        (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10))) (return (i32.const 20)))
        (i32.const 30))
      (func (export "calls") (result f64)
        (call $log (i32.const 1))
        (call $scale (i64.const 2) (f32.const 3)))
      (func (export "add") (type $bin) (i32.add (local.get 0) (local.get 1))))`,
  },
  {
    name: 'memory with data and a start function',
    needs: [],
    wat: `(module
      (memory (export "mem") 1 2)
      (data (i32.const 16) "hello, fuzz")
      (data (i32.const 100) "\\01\\02\\03\\04")
      (global $first (mut i32) (i32.const 0))
      (func $init (global.set $first (i32.load8_u (i32.const 16))))
      (start $init)
      (func (export "sum") (param i32 i32) (result i32) (local i32)
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get 0) (local.get 1)))
            (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))
            (local.set 0 (i32.add (local.get 0) (i32.const 1)))
            (br $l)))
        (local.get 2))
      (func (export "grow") (result i32) (memory.grow (i32.const 1)))
      (func (export "store") (param i32 i64) (i64.store offset=8 (local.get 0) (local.get 1)))
      (func (export "first") (result i32) (global.get $first)))`,
  },
  {
    name: 'a table with elements and indirect calls',
    needs: [],
    wat: `(module
      (type $t (func (result i32)))
      (table (export "tab") 4 8 funcref)
      (elem (i32.const 0) $a $b $c)
      (func $a (result i32) (i32.const 1))
      (func $b (result i32) (i32.const 2))
      (func $c (result i32) (call_indirect (type $t) (i32.const 0)))
      (func (export "dispatch") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))`,
  },
  {
    name: 'globals and exports of every kind',
    needs: ['host-globals'],
    wat: `(module
      (import "env" "g" (global $g i32))
      (global $copy (export "copy") i32 (global.get $g))
      (global $m (export "m") (mut i64) (i64.const -1))
      (global $f (export "f") f32 (f32.const 1.5))
      (global $d (mut f64) (f64.const 2.5))
      (memory (export "mem") 1)
      (table (export "tab") 1 funcref)
      (func (export "bump") (result i64)
        (global.set $m (i64.add (global.get $m) (i64.extend_i32_s (global.get $copy))))
        (global.set $d (f64.add (global.get $d) (f64.promote_f32 (global.get $f))))
        (global.get $m)))`,
  },
  {
    name: 'imported memory and table',
    needs: ['host-memories', 'host-tables'],
    wat: `(module
      (import "env" "mem" (memory 1 4))
      (import "env" "tab" (table 2 funcref))
      (data (i32.const 0) "\\2a")
      (elem (i32.const 1) $load)
      (func $load (result i32) (i32.load (i32.const 0)))
      (func (export "via") (result i32) (call_indirect (result i32) (i32.const 1))))`,
  },
  {
    name: 'bulk memory and multi-value',
    needs: ['bulk-memory', 'multi-value'],
    wat: `(module
      (memory 1)
      (data $d "abcdef")
      (func $pair (param i32) (result i32 i32) (local.get 0) (i32.const 7))
      (func (export "copy") (result i32)
        (memory.init $d (i32.const 0) (i32.const 0) (i32.const 6))
        (memory.copy (i32.const 8) (i32.const 0) (i32.const 6))
        (memory.fill (i32.const 0) (i32.const 0) (i32.const 4))
        (data.drop $d)
        (i32.load8_u (i32.const 9)))
      (func (export "pairs") (param i32) (result i32)
        (local.get 0)
        (block (param i32) (result i32 i32) (call $pair))
        (i32.add)))`,
  },
  {
    name: 'reference types',
    needs: ['reference-types', 'bulk-memory'],
    wat: `(module
      (table $t 2 funcref)
      (table $x 1 externref)
      (elem $e func $f)
      (elem declare func $g)
      (func $f (result i32) (i32.const 3))
      (func $g)
      (func (export "refs") (param externref) (result i32)
        (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))
        (table.set $x (i32.const 0) (local.get 0))
        (drop (table.grow $t (ref.func $g) (i32.const 1)))
        (elem.drop $e)
        (i32.add (ref.is_null (table.get $t (i32.const 1))) (table.size $t))))`,
  },
  {
    name: 'tail calls and extended constant expressions',
    needs: ['tail-call', 'extended-const', 'host-globals'],
    wat: `(module
      (import "env" "base" (global $base i32))
      (global $end i32 (i32.add (global.get $base) (i32.mul (i32.const 2) (i32.const 8))))
      (memory 1)
      (data (offset (i32.add (global.get $base) (i32.const 1))) "tail")
      (type $t (func (param i32) (result i32)))
      (table 1 funcref)
      (elem (i32.const 0) $down)
      (func $down (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (global.get $end))
          (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
      (func (export "count") (param i32) (result i32) (return_call $down (local.get 0))))`,
  },
];

/** What a compiled mutant did, for the tally in the failure message. */
type Outcome = 'rejected' | 'compiled' | 'instantiated' | 'ran' | 'link-or-trap' | 'no-dummy-imports';

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `non-Error ${typeof e}: ${String(e)}`;
}

/** The typed outcomes allowed once a module has compiled. */
function isTypedRunError(e: unknown): boolean {
  if (e instanceof Trap || e instanceof LinkError || e instanceof UnsupportedFeatureError) return true;
  return e instanceof CompileError && e.cause instanceof UnsupportedFeatureError;
}

/**
 * Whether a module that compiled has a start function. When the bytes cannot
 * be read here though the backend accepted them, say yes: the caller then
 * takes the safe path of not running anything.
 */
function hasStart(bytes: Uint8Array): boolean {
  try {
    return readModuleInfo(bytes).startFunction !== undefined;
  } catch {
    return true;
  }
}

/** A host-made value of the import's type, or undefined when the backend cannot make one (or it would be huge). */
function dummy(store: Store<undefined>, imp: ImportType): Extern | Func | Memory | Table | Global | undefined {
  const ty = imp.ty;
  try {
    switch (ty.kind) {
      case 'func':
        return new Func(store, ty, (_caller, _args, results) => {
          ty.results.forEach((t, i) => (results[i] = Value.default(t)));
        });
      case 'memory':
        return ty.initial > MAX_IMPORTED_MEMORY_PAGES ? undefined : new Memory(store, ty);
      case 'table':
        return ty.minimum > MAX_IMPORTED_TABLE_SIZE ? undefined : new Table(store, ty, Value.default(ty.element));
      case 'global':
        return new Global(store, Value.default(ty.content), ty.mutable);
    }
  } catch (e) {
    // The backend lacks the capability to make this import from the host.
    if (e instanceof UnsupportedFeatureError) return undefined;
    throw e;
  }
}

function dummyImports(store: Store<undefined>, module: Module): Imports | undefined {
  const imports = new Imports();
  for (const imp of module.imports()) {
    const value = dummy(store, imp);
    if (value === undefined) return undefined;
    imports.define(imp.module, imp.name, value as never);
  }
  return imports;
}

/** Reads what every export holds without running code: this must not fail (beyond a capability the backend lacks). */
function inspectExports(store: Store<undefined>, instance: Instance): void {
  for (const exp of instance.exports(store)) {
    try {
      const v = exp.value;
      v.intoGlobal()?.get(store);
      v.intoMemory()?.currentPages(store);
      v.intoTable()?.ty(store);
      v.intoFunc()?.ty(store);
    } catch (e) {
      if (!(e instanceof UnsupportedFeatureError)) throw e;
    }
  }
}

/** `Module.compile` must agree with `new Module`: the same bytes compile, or fail with CompileError. */
async function checkAsyncCompile(store: Store<undefined>, bytes: Uint8Array, rejected: boolean): Promise<void> {
  let error: unknown;
  try {
    await Module.compile(store.engine, bytes);
  } catch (e) {
    error = e;
  }
  if (error !== undefined && !(error instanceof CompileError)) throw new Error(`Module.compile threw ${describeError(error)}`);
  if ((error !== undefined) !== rejected) {
    throw new Error(`Module.compile ${rejected ? 'accepted' : `rejected (${describeError(error)})`} what new Module ${rejected ? 'rejected' : 'accepted'}`);
  }
}

/** Runs one mutant; returns its outcome, or throws an Error saying what went wrong. */
function runMutant(ctx: SuiteContext, store: Store<undefined>, bytes: Uint8Array): Outcome {
  let module: Module;
  try {
    module = new Module(store.engine, bytes);
  } catch (e) {
    if (e instanceof CompileError) return 'rejected';
    throw new Error(`new Module threw ${describeError(e)}`);
  }
  const metered = ctx.has('fuel');
  // Without fuel nothing can stop a runaway loop, so only compile and
  // instantiate, and not even instantiate a module with a start function:
  // a mutated start function may loop forever.
  if (!metered && hasStart(bytes)) return 'compiled';
  const imports = dummyImports(store, module);
  if (imports === undefined) return 'no-dummy-imports';
  let instance: Instance;
  try {
    if (metered) store.setFuel(FUEL_PER_STEP);
    instance = new Instance(store, module, imports);
  } catch (e) {
    if (isTypedRunError(e)) return 'link-or-trap';
    throw new Error(`new Instance threw ${describeError(e)}`);
  }
  try {
    inspectExports(store, instance);
  } catch (e) {
    throw new Error(`inspecting the exports threw ${describeError(e)}`);
  }
  if (!metered) return 'instantiated';
  for (const exp of instance.exports(store)) {
    const func = exp.value.intoFunc();
    if (func === undefined) continue;
    const ty = func.ty(store);
    const args = ty.params.map((t) => Value.default(t) as PublicValue);
    const results = ty.results.map((t) => Value.default(t) as PublicValue);
    try {
      store.setFuel(FUEL_PER_STEP);
      func.call(store, args, results);
    } catch (e) {
      if (isTypedRunError(e)) continue;
      throw new Error(`calling export "${exp.name}" threw ${describeError(e)}`);
    }
  }
  return 'ran';
}

export function defineMalformedTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');
  describe('malformed modules (seeded fuzz)', () => {
    ctx.it('a table larger than any engine allows fails to compile or instantiate with a typed error, and the store stays usable', async () => {
      const { store } = ctx.setup();
      let outcome: unknown = 'instantiated';
      try {
        new Instance(store, new Module(store.engine, await ctx.wat('(module (table 0xffffffff funcref))')), new Imports());
      } catch (e) {
        outcome = e;
      }
      // wasm3 refuses it when compiling; V8 and the interpreter when instantiating.
      if (outcome instanceof CompileError) expect(outcome.message).toMatch(/table/i);
      else expect(outcome).toBeInstanceOf(LinkError);
      const good = await ctx.instantiate(store, '(module (func (export "f") (result i32) (i32.const 7)))');
      expect(good.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(7);
    });

    SEEDS.forEach((seed, index) => {
      ctx.test(`${MUTANTS_PER_SEED} mutants of "${seed.name}" give CompileError or a typed outcome, and the store stays usable`, seed.needs, async () => {
        const { store } = ctx.setup();
        const bytes = await ctx.wat(seed.wat);
        // The seed itself must be good, or the mutants test nothing.
        expect(new Module(store.engine, bytes)).toBeInstanceOf(Module);
        const failures: string[] = [];
        const tally = new Map<Outcome, number>();
        for (const [i, m] of mutants(bytes, MUTANTS_PER_SEED, PRNG_SEED + index).entries()) {
          try {
            const outcome = runMutant(ctx, store, m.bytes);
            tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
            // Every fifth mutant also goes through the asynchronous compile (a separate path in some backends).
            if (i % 5 === 0) await checkAsyncCompile(store, m.bytes, outcome === 'rejected');
          } catch (e) {
            failures.push(`mutant #${i} (${m.what}): ${e instanceof Error ? e.message : String(e)}; bytes ${hex(m.bytes)}`);
          }
        }
        expect(failures, `outcomes: ${JSON.stringify(Object.fromEntries(tally))}`).toEqual([]);
        if (ctx.has('fuel')) store.setFuel(FUEL_PER_STEP);
        const good = await ctx.instantiate(store, '(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))');
        expect(good.getExport(store, 'add')!.intoFunc()!.typed(store, ['i32', 'i32'], ['i32']).call(store, 40, 2)).toBe(42);
      });
    });
  });
}
