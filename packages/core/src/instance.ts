import type { BackendExtern, WasmInstance } from './backend.js';
import { LinkError } from './errors.js';
import { Export, Extern } from './extern.js';
import { Imports } from './imports.js';
import { Module } from './module.js';
import { ownStore, storeOf, type AsContext, type Store } from './store.js';
import { externMismatch } from './types.js';
import { describe } from './value.js';

/** An instantiated module. */
export class Instance {
  readonly module: Module;
  readonly #store: Store<any>;
  readonly #backend: WasmInstance;

  /**
   * Instantiates `module` in `store`, resolving each import from `imports`.
   * Throws LinkError for a missing or mistyped import, and Trap when the start
   * function or segment initialisation traps.
   */
  constructor(store: AsContext<any>, module: Module, imports: Imports) {
    const s = storeOf(store, 'new Instance');
    if (!(module instanceof Module)) throw new TypeError(`new Instance: expected a Module, got ${describe(module)}`);
    if (!(imports instanceof Imports)) throw new TypeError(`new Instance: expected Imports, got ${describe(imports)}`);
    if (module.engine !== s.engine) throw new TypeError('new Instance: the module was compiled by a different engine than the store uses');
    const resolved: BackendExtern[] = [];
    for (const imp of module.imports()) {
      const ext = imports.get(imp.module, imp.name);
      if (ext === undefined) throw new LinkError(`unknown import: "${imp.module}" "${imp.name}" is not defined`);
      const be = ext.toBackend(s, `import "${imp.module}" "${imp.name}"`);
      const why = externMismatch(imp.ty, ext.ty(s));
      if (why !== undefined) throw new LinkError(`incompatible import type for "${imp.module}" "${imp.name}": ${why}`);
      resolved.push(be);
    }
    this.module = module;
    this.#store = s;
    this.#backend = s.backend.instantiate(module.backend, resolved);
  }

  /** Every export, in the module's order. */
  exports(store: AsContext<any>): Export[] {
    const s = ownStore(store, this.#store, 'Instance.exports');
    return this.#backend.exports().map((e) => new Export(e.name, Extern.fromBackend(s, e.value)));
  }

  /** The export called `name`, or undefined. */
  getExport(store: AsContext<any>, name: string): Extern | undefined {
    const s = ownStore(store, this.#store, 'Instance.getExport');
    const e = this.#backend.getExport(name);
    return e === undefined ? undefined : Extern.fromBackend(s, e);
  }
}
