import { createRequire } from 'node:module';
import type { Contender, HostImports, LoadedInstance, NumType } from './types.js';
import { importObject } from './raw.js';

const require = createRequire(import.meta.url);

interface WebAssemblyJs {
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

/**
 * webassemblyjs, the AST-walking interpreter. Its `instantiate` is async only
 * in name; this uses the same steps synchronously: decode, build the
 * compiled module, instantiate.
 */
export function webassemblyjsContender(): Contender {
  const api = require('webassemblyjs') as WebAssemblyJs;
  // The parser is webassemblyjs's own dependency, resolved from its folder.
  const fromPackage = createRequire(require.resolve('webassemblyjs'));
  const { decode } = fromPackage('@webassemblyjs/wasm-parser') as { decode(bytes: Uint8Array): object };
  const { createCompiledModule } = require('webassemblyjs/lib/compiler/compile/module') as { createCompiledModule(ast: object): object };
  const version = (require('webassemblyjs/package.json') as { version: string }).version;
  return {
    id: 'webassemblyjs',
    label: 'webassemblyjs',
    kind: 'peer',
    version: `webassemblyjs ${version}`,
    slow: true,
    // About 1 s per run at these sizes; the full sizes would take minutes per run (startup: ~50 s for 1 MB).
    sizeCaps: { fib: 20, loop: 30_000, matmul: 16, fnv: 64 * 1024, hash64: 10_000, records: 1000, pingpong: 10_000, startup: 100, simd: 64 * 1024 },
    instantiate(bytes: Uint8Array, imports: HostImports): LoadedInstance {
      const module = createCompiledModule(decode(bytes));
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
