/** Test helpers: WAT to bytes (the shared helper of @wrl/conformance), and instances on the interp engine through @wrl/core. */
import { Engine, Imports, Instance, Module, Store, type Func } from '@wrl/core';
import { InterpEngine } from './engine.js';
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
