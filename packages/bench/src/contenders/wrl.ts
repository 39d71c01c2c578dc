import { Engine, Func, FuncType, Imports, Instance, Module, Store } from '@wrl/core';
import type { WasmEngine } from '@wrl/core/backend';
import type { Contender, HostFn, HostImports, LoadedInstance, NumType } from './types.js';

/**
 * A contender running through the public `@wrl/core` API: `Func.wrap` for
 * host functions and `Func.typed` for calls, the paths the API documents as fast.
 * With `fuel`, every store starts with that much fuel (engines with metering on).
 */
export function wrlContender(meta: Omit<Contender, 'instantiate' | 'kind'> & { readonly fuel?: bigint }, backend: WasmEngine): Contender {
  const engine = new Engine(backend);
  const { fuel, ...rest } = meta;
  return {
    ...rest,
    kind: 'wrl',
    instantiate(bytes: Uint8Array, imports: HostImports): LoadedInstance {
      const module = new Module(engine, bytes);
      const store = new Store(engine, undefined);
      try {
        // Enough fuel never to run out: this measures the cost of metering, not of refuelling.
        if (fuel !== undefined) store.setFuel(fuel);
        const defs = new Imports();
        for (const [mod, fields] of Object.entries(imports)) {
          for (const [name, host] of Object.entries(fields)) defs.define(mod, name, wrapHost(store, host));
        }
        const instance = new Instance(store, module, defs);
        return {
          fn(name: string, params: readonly NumType[], results: readonly NumType[]) {
            const f = instance.getExport(store, name)?.intoFunc();
            if (!f) throw new Error(`export "${name}" is not a function`);
            const typed = f.typed(store, params, results);
            const call = typed.call as unknown as (store: Store<undefined>, ...args: number[]) => number;
            switch (params.length) {
              case 0: return () => call(store);
              case 1: return (a) => call(store, a!);
              case 2: return (a, b) => call(store, a!, b!);
              default: return (...args) => call(store, ...args);
            }
          },
          dispose: () => store.close(),
        };
      } catch (e) {
        store.close();
        throw e;
      }
    },
  };
}

function wrapHost(store: Store<undefined>, host: HostFn): Func {
  const fn = host.fn;
  const ty = new FuncType(host.params, host.results);
  switch (host.params.length) {
    case 0: return Func.wrap(store, ty, () => fn());
    case 1: return Func.wrap(store, ty, (_caller, a: number) => fn(a));
    case 2: return Func.wrap(store, ty, (_caller, a: number, b: number) => fn(a, b));
    default: return Func.wrap(store, ty, (_caller, ...args: number[]) => fn(...args));
  }
}
