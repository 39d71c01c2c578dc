/** Test helpers: wabt with every feature, and a fresh native engine and store. */
import { Engine, Store } from '@wrl/core';
import { NativeEngine } from './index.js';

export { wat } from '@wrl/conformance';

export function setup<T = null>(data: T = null as T): { engine: Engine; store: Store<T> } {
  const engine = new Engine(new NativeEngine());
  return { engine, store: new Store(engine, data) };
}
