import { createRequire } from 'node:module';
import { jsApiContender, type WebAssemblyLike } from './raw.js';
import type { Contender } from './types.js';

/** polywasm: translates each wasm function to JS, behind a WebAssembly-compatible API. */
export async function polywasmContender(): Promise<Contender> {
  // polywasm ships no type declarations; a computed specifier keeps tsc from looking for them.
  const spec = 'polywasm';
  const { WebAssembly } = (await import(spec)) as { WebAssembly: WebAssemblyLike };
  const version = (createRequire(import.meta.url)('polywasm/package.json') as { version: string }).version;
  return jsApiContender({ id: 'polywasm', label: 'polywasm', kind: 'peer', version: `polywasm ${version}`, slow: true }, WebAssembly);
}
