/** Test helpers: wabt with every feature, and a fresh native engine and store. */
import type wabtInit from 'wabt';
import { Engine, Store } from '@wrl/core';
import { NativeEngine } from './index.js';

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

export function setup<T = null>(data: T = null as T): { engine: Engine; store: Store<T> } {
  const engine = new Engine(new NativeEngine());
  return { engine, store: new Store(engine, data) };
}
