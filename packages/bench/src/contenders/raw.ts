import type { Contender, HostImports, LoadedInstance, NumType } from './types.js';

/** The shape shared by the host `WebAssembly` object and WebAssembly-compatible peers (polywasm). */
export interface WebAssemblyLike {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: any, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

/** Turns runtime-neutral host functions into a JS import object. */
export function importObject(imports: HostImports): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [mod, fields] of Object.entries(imports)) {
    out[mod] = {};
    for (const [name, host] of Object.entries(fields)) out[mod][name] = host.fn;
  }
  return out;
}

/** A contender for any object implementing the WebAssembly JS API's Module/Instance. */
export function jsApiContender(
  meta: Omit<Contender, 'instantiate'>,
  api: WebAssemblyLike,
): Contender {
  return {
    ...meta,
    instantiate(bytes: Uint8Array, imports: HostImports): LoadedInstance {
      const module = new api.Module(bytes);
      const instance = new api.Instance(module, importObject(imports));
      return {
        fn(name: string, _params: readonly NumType[], _results: readonly NumType[]) {
          const f = instance.exports[name];
          if (typeof f !== 'function') throw new Error(`export "${name}" is not a function`);
          return f as (...args: number[]) => number;
        },
        dispose() {},
      };
    },
  };
}

/** The baseline: the host engine's own WebAssembly (V8 in Node). */
export function rawContender(): Contender {
  return jsApiContender(
    { id: 'wasm', label: 'WebAssembly (raw)', kind: 'baseline', version: `node ${process.version}`, slow: false },
    globalThis.WebAssembly as unknown as WebAssemblyLike,
  );
}
