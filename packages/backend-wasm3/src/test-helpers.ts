/** Test helpers: wabt-assembled modules and a fresh wasm3 engine and store. */
import { Engine, Instance, Imports, Module, Store } from '@wrl/core';
import { Wasm3Engine } from './index.js';

export { wat } from '@wrl/conformance';
import { wat } from '@wrl/conformance';

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
