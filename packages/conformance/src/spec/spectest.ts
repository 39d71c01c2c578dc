/**
 * The `spectest` module every testsuite script may import from. Functions are
 * host functions; globals, the table and the memory are made through the host
 * API when the engine allows it, otherwise taken from a small wasm module.
 */
import { Extern, Func, FuncType, Global, Imports, Instance, Memory, MemoryType, Module, Table, TableType, Value, type Engine, type Store } from '@wrl/core';
import type { WatConverter } from './wat.js';

const PRINTS: Record<string, readonly ('i32' | 'i64' | 'f32' | 'f64')[]> = {
  print: [],
  print_i32: ['i32'],
  print_i64: ['i64'],
  print_f32: ['f32'],
  print_f64: ['f64'],
  print_i32_f32: ['i32', 'f32'],
  print_f64_f64: ['f64', 'f64'],
};

const FALLBACK_WAT = `(module
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2))`;

export function createSpectest(engine: Engine, store: Store<unknown>, wat: WatConverter): Map<string, Extern> {
  const out = new Map<string, Extern>();
  for (const [name, params] of Object.entries(PRINTS)) {
    out.set(name, Extern.func(new Func(store, new FuncType(params, []), () => {})));
  }
  const hostObjects = engine.hasCapability('host-globals') && engine.hasCapability('host-tables') && engine.hasCapability('host-memories');
  if (hostObjects) {
    out.set('global_i32', Extern.global(new Global(store, Value.i32(666), false)));
    out.set('global_i64', Extern.global(new Global(store, Value.i64(666n), false)));
    out.set('global_f32', Extern.global(new Global(store, Value.f32(666.6), false)));
    out.set('global_f64', Extern.global(new Global(store, Value.f64(666.6), false)));
    out.set('table', Extern.table(new Table(store, new TableType('funcref', 10, 20), Value.funcref(null))));
    out.set('memory', Extern.memory(new Memory(store, new MemoryType(1, 2))));
  } else {
    const module = new Module(engine, wat.toBinary('spectest.wat', FALLBACK_WAT));
    const instance = new Instance(store, module, new Imports());
    for (const e of instance.exports(store)) out.set(e.name, e.value);
  }
  return out;
}
