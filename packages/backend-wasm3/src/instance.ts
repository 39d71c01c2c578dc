import type { BackendExtern, ExportEntry, WasmFunc, WasmGlobal, WasmInstance } from '@wrl/core/backend';
import { Wasm3Func } from './func.js';
import { Wasm3Global } from './global.js';
import { Wasm3Memory } from './memory.js';
import type { Wasm3Module } from './module.js';
import type { Wasm3Store } from './store.js';
import { Wasm3Table } from './table.js';

/**
 * An instance: `id` names its runtime in the addon. Export handles are made
 * on first use and kept, so an export is always the same handle; re-exported
 * imports are the imported handles themselves.
 */
export class Wasm3Instance implements WasmInstance {
  readonly #handles = new Map<string, BackendExtern>();
  readonly #funcImports: WasmFunc[] = [];
  readonly #globalImports: WasmGlobal[] = [];

  constructor(
    readonly store: Wasm3Store,
    readonly module: Wasm3Module,
    readonly id: number,
    imports: readonly BackendExtern[],
  ) {
    for (const ext of imports) {
      if (ext.kind === 'func') this.#funcImports.push(ext.value);
      else if (ext.kind === 'global') this.#globalImports.push(ext.value);
    }
  }

  getExport(name: string): BackendExtern | undefined {
    const entry = this.module.exportsByName.get(name);
    return entry === undefined ? undefined : this.#handle(entry);
  }

  exports(): ReadonlyArray<{ readonly name: string; readonly value: BackendExtern }> {
    return this.module.info.exportEntries.map((e) => ({ name: e.name, value: this.#handle(e) }));
  }

  #handle(entry: ExportEntry): BackendExtern {
    const key = `${entry.kind}:${entry.index}`;
    let h = this.#handles.get(key);
    if (h === undefined) {
      h = this.#make(entry);
      this.#handles.set(key, h);
    }
    return h;
  }

  #make(entry: ExportEntry): BackendExtern {
    const { info } = this.module;
    const native = this.store.native;
    const i = entry.index;
    switch (entry.kind) {
      case 'func':
        if (i < info.importedFuncs) return { kind: 'func', value: this.#funcImports[i]! };
        return { kind: 'func', value: new Wasm3Func(this.store, native.storeExportFunc(this.store.id, this.id, i), info.funcTypes[i]!) };
      case 'global':
        if (i < info.importedGlobals) return { kind: 'global', value: this.#globalImports[i]! };
        return { kind: 'global', value: new Wasm3Global(this.store, this.#globalId(i), info.globals[i]!) };
      case 'memory':
        return { kind: 'memory', value: new Wasm3Memory(this.store, this.id, info.memories[i]!) };
      case 'table':
        return { kind: 'table', value: new Wasm3Table(info.tables[i]!) };
    }
  }

  /** wasm3 finds globals by export name and remembers one name per global, so try each. */
  #globalId(index: number): number {
    const names = this.module.info.exportEntries.filter((e) => e.kind === 'global' && e.index === index).map((e) => e.name);
    let last: unknown;
    for (const name of names.reverse()) {
      try {
        return this.store.native.storeExportGlobal(this.store.id, this.id, name);
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }
}
