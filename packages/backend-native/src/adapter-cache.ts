import { source } from './encode.js';

/** Compiled adapter modules, one per kind and signature, shared by an engine's stores. */
export class AdapterCache {
  readonly #modules = new Map<string, WebAssembly.Module>();

  module(key: string, build: () => Uint8Array): WebAssembly.Module {
    let m = this.#modules.get(key);
    if (m === undefined) {
      m = new WebAssembly.Module(source(build()));
      this.#modules.set(key, m);
    }
    return m;
  }

  instantiate(key: string, build: () => Uint8Array, imports: WebAssembly.Imports): WebAssembly.Instance {
    return new WebAssembly.Instance(this.module(key, build), imports);
  }
}
