/** Test helpers: wabt-assembled modules and a fresh wasm3 engine and store. */
import type wabtInit from 'wabt';
import { Engine, Instance, Imports, Module, Store } from '@wrl/core';
import { Wasm3Engine } from './index.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await (wabtPromise ??= import('wabt').then((m) => (m.default as unknown as typeof wabtInit)()));
  const features = { simd: true, reference_types: true, bulk_memory: true, multi_value: true, tail_call: true, sat_float_to_int: true, sign_extension: true, mutable_globals: true, extended_const: true, multi_memory: true };
  const mod = wabt.parseWat('test.wat', text, features as never);
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

let shared: Engine | undefined;

/** One engine for all tests (it holds no state), a fresh store per call. */
export function setup<T = null>(data: T = null as T): { engine: Engine; store: Store<T> } {
  const engine = (shared ??= new Engine(new Wasm3Engine()));
  return { engine, store: new Store(engine, data) };
}

/** Compiles and instantiates `text` in a fresh store. */
export async function instantiate<T = null>(text: string, imports: (store: Store<T>) => Imports = () => new Imports(), data: T = null as T) {
  const { engine, store } = setup(data);
  const module = new Module(engine, await wat(text));
  const instance = new Instance(store, module, imports(store));
  return { engine, store, module, instance };
}
