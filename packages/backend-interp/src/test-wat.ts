/** Test helpers: WAT to bytes with wabt, and instances on the interp engine through @wrl/core. */
import { Engine, Imports, Instance, Module, Store, type Func } from '@wrl/core';
import { InterpEngine } from './engine.js';
import type { InterpEngineOptions } from './runtime/limits.js';

type WabtInit = typeof import('wabt');
type Wabt = Awaited<ReturnType<WabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

export const WAT_FEATURES = {
  simd: true, reference_types: true, bulk_memory: true, multi_value: true, tail_call: true,
  sat_float_to_int: true, sign_extension: true, mutable_globals: true, multi_memory: true,
};

export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await (wabtPromise ??= import('wabt').then((m) => (m as unknown as { default: WabtInit }).default()));
  const mod = wabt.parseWat('test.wat', text, WAT_FEATURES);
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

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
