import {
  LinkError,
  isHostError,
  Value,
  type BackendExtern,
  type BackendValue,
  type FuncType,
  type GlobalType,
  type HostFunction,
  type MemoryType,
  type TableType,
  type TypedHostFunction,
  type ValueType,
  type WasmExternRef,
  type WasmFunc,
  type WasmGlobal,
  type WasmInstance,
  type WasmMemory,
  type WasmModule,
  type WasmStore,
  type WasmTable,
  type ExportEntry,
} from '@wrl/core/backend';
import { globalDefineModule } from './adapters.js';
import { source } from './encode.js';
import type { NativeEngine } from './engine.js';
import { NativeExternRef } from './externref.js';
import { NativeFunc } from './func.js';
import { NativeGlobal } from './global.js';
import { NativeInstance } from './instance.js';
import { NativeMemory } from './memory.js';
import { NativeModule } from './module.js';
import { NativeTable } from './table.js';
import { toCoreError } from './traps.js';
import { lowerRef, type RefContext } from './values.js';

type JsFunction = (...args: any[]) => any;

/** An instance whose function references are not all mapped yet: `at(i)` is the object of the i-th, `next` the first unmapped. */
interface PendingRefs {
  readonly module: NativeModule;
  readonly imports: readonly BackendExtern[];
  readonly at: (index: number) => unknown;
  next: number;
}

/**
 * A store: handles for everything created in it, and the maps from the JS
 * API's objects back to those handles, so a function, memory, table or global
 * always comes back as the same handle.
 */
export class NativeStore implements WasmStore, RefContext {
  readonly #funcs = new WeakMap<object, NativeFunc>();
  readonly #memories = new WeakMap<WebAssembly.Memory, NativeMemory>();
  readonly #tables = new WeakMap<WebAssembly.Table, NativeTable>();
  readonly #globals = new WeakMap<WebAssembly.Global, NativeGlobal>();
  /**
   * Instances whose function references are not yet mapped to handles. Mapping
   * them costs time proportional to the number of function references, so it
   * waits until a function object turns up that the store does not know.
   * (Like a wasmtime store, the store keeps its instances' functions alive.)
   */
  readonly #pending: PendingRefs[] = [];

  constructor(readonly engine: NativeEngine) {}

  instantiate(module: WasmModule, imports: readonly BackendExtern[]): WasmInstance {
    if (!(module instanceof NativeModule)) throw new TypeError('the native backend can only instantiate modules it compiled');
    const info = module.info;
    const namespaces: Record<string, Record<string, unknown>> = Object.create(null);
    info.imports.forEach((imp, i) => {
      const ns = (namespaces[imp.module] ??= Object.create(null) as Record<string, unknown>);
      ns[imp.name] = this.#importValue(imports[i]!);
    });
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(module.compiled, namespaces as WebAssembly.Imports);
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) throw new LinkError(e.message, { cause: e });
      const core = toCoreError(e);
      // The host engine cannot provide the module's table or memory ("initial table
      // size ... is larger than implementation limit", "Out of memory: Cannot allocate
      // Wasm memory"): the JS API says RangeError, core says failed instantiation.
      if (core === e && e instanceof RangeError && !isHostError(e)) throw new LinkError(e.message, { cause: e });
      throw core;
    }
    const exported = instance.exports;
    const hidden = module.hidden;
    if (hidden !== undefined) {
      const at = hidden.kind === 'table' ? (index: number) => (exported[hidden.name] as WebAssembly.Table).get(index) : (index: number) => exported[hidden.names[index]!];
      this.#pending.push({ module, imports, at, next: 0 });
    }
    const list = info.exportEntries.map((e) => ({ name: e.name, value: this.#exportExtern(module, imports, e, exported[e.name]) }));
    return new NativeInstance(list);
  }

  createFunc(ty: FuncType, host: HostFunction): WasmFunc {
    return NativeFunc.fromHost(this, ty, host);
  }

  createTypedFunc(ty: FuncType, host: TypedHostFunction): WasmFunc {
    return NativeFunc.fromTypedHost(this, ty, host);
  }

  createGlobal(ty: GlobalType, init: BackendValue): WasmGlobal {
    const t = ty.content;
    let g: WebAssembly.Global;
    const n = init.value;
    if (t === 'v128' || ((t === 'f32' || t === 'f64') && n !== n)) {
      // Defined by a generated module so the initial bits are exact.
      const bytes = t === 'v128' ? init.v128Bytes() : t === 'f32' ? le(BigInt(init.f32Bits()), 4) : le(init.f64Bits(), 8);
      const inst = new WebAssembly.Instance(new WebAssembly.Module(source(globalDefineModule(ty, bytes))));
      g = inst.exports.g as WebAssembly.Global;
    } else {
      const value = t === 'funcref' || t === 'externref' ? lowerRef(this, init) : n;
      g = new WebAssembly.Global({ value: t === 'funcref' ? 'anyfunc' : t, mutable: ty.mutable }, value);
    }
    const h = new NativeGlobal(this, g, ty);
    this.#globals.set(g, h);
    return h;
  }

  createMemory(ty: MemoryType): WasmMemory {
    const desc: WebAssembly.MemoryDescriptor = { initial: ty.initial };
    if (ty.maximum !== undefined) desc.maximum = ty.maximum;
    const m = new WebAssembly.Memory(desc);
    const h = new NativeMemory(m, ty);
    this.#memories.set(m, h);
    return h;
  }

  createTable(ty: TableType, init: BackendValue): WasmTable {
    const desc: WebAssembly.TableDescriptor = { element: ty.element === 'funcref' ? 'anyfunc' : 'externref', initial: ty.minimum };
    if (ty.maximum !== undefined) desc.maximum = ty.maximum;
    const t = new WebAssembly.Table(desc, lowerRef(this, init));
    const h = new NativeTable(this, t, ty);
    this.#tables.set(t, h);
    return h;
  }

  createExternRef(value: unknown): WasmExternRef {
    return new NativeExternRef(value);
  }

  // RefContext

  funcFromJs(fn: unknown): WasmFunc {
    let h = this.#funcs.get(fn as object);
    if (h === undefined && this.#pending.length > 0) h = this.mapPendingUntil(fn);
    if (h === undefined) {
      // Only possible while an instance is being built (its start function runs before its exports exist).
      h = NativeFunc.fromWasm(this, fn as JsFunction, undefined);
      this.#funcs.set(fn as object, h);
    }
    return h;
  }

  externFromJs(x: unknown): WasmExternRef {
    return x instanceof NativeExternRef ? x : new NativeExternRef(x);
  }

  funcToJs(f: WasmFunc): unknown {
    if (!(f instanceof NativeFunc)) throw new TypeError('a funcref from another backend cannot be used with the native backend');
    return f.wasmFunction();
  }

  /** Maps a wasm function object to its handle, unless it already has one. */
  registerFunc(fn: JsFunction, handle: NativeFunc): void {
    if (!this.#funcs.has(fn)) this.#funcs.set(fn, handle);
  }

  /** Maps pending function references to handles until `fn` is found; returns its handle. */
  mapPendingUntil(fn: unknown): NativeFunc | undefined {
    while (this.#pending.length > 0) {
      const p = this.#pending[0]!;
      const indices = p.module.hidden!.funcIndices;
      while (p.next < indices.length) {
        const obj = p.at(p.next) as JsFunction;
        const h = this.#funcAt(p.module, p.imports, indices[p.next]!, obj);
        p.next++;
        if (obj === fn) return h;
      }
      this.#pending.shift();
    }
    return undefined;
  }

  #importValue(ext: BackendExtern): unknown {
    switch (ext.kind) {
      case 'func': return (ext.value as NativeFunc).importValue();
      case 'memory': return (ext.value as NativeMemory).memory;
      case 'table': return (ext.value as NativeTable).table;
      case 'global': return (ext.value as NativeGlobal).global;
    }
  }

  /** The handle of function `index` of an instance of `module`, whose object is `fn`. */
  #funcAt(module: NativeModule, imports: readonly BackendExtern[], index: number, fn: JsFunction): NativeFunc {
    const known = this.#funcs.get(fn);
    if (known !== undefined) {
      known.learnType(module.info.funcTypes[index]!);
      return known;
    }
    let h: NativeFunc;
    if (index < module.info.importedFuncs) h = imports[module.funcImportPositions[index]!]!.value as NativeFunc;
    else h = NativeFunc.fromWasm(this, fn, module.info.funcTypes[index]);
    this.#funcs.set(fn, h);
    return h;
  }

  #exportExtern(module: NativeModule, imports: readonly BackendExtern[], e: ExportEntry, obj: unknown): BackendExtern {
    const info = module.info;
    switch (e.kind) {
      case 'func':
        return { kind: 'func', value: this.#funcAt(module, imports, e.index, obj as JsFunction) };
      case 'memory': {
        const m = obj as WebAssembly.Memory;
        let h = this.#memories.get(m);
        if (h === undefined) this.#memories.set(m, (h = new NativeMemory(m, info.memories[e.index]!)));
        return { kind: 'memory', value: h };
      }
      case 'table': {
        const t = obj as WebAssembly.Table;
        let h = this.#tables.get(t);
        if (h === undefined) this.#tables.set(t, (h = new NativeTable(this, t, info.tables[e.index]!)));
        return { kind: 'table', value: h };
      }
      case 'global': {
        const g = obj as WebAssembly.Global;
        let h = this.#globals.get(g);
        if (h === undefined) this.#globals.set(g, (h = new NativeGlobal(this, g, info.globals[e.index]!)));
        return { kind: 'global', value: h };
      }
    }
  }
}

/** `n` as `size` little-endian bytes. */
function le(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Number((n >> BigInt(i * 8)) & 0xffn);
  return out;
}
