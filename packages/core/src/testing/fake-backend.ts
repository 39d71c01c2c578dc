/**
 * A tiny in-memory backend for testing @wrl/core itself: "modules" are
 * registered JS descriptions instead of compiled code, so the core's own
 * behaviour (checking, translation, wrappers, errors) can be tested without
 * depending on a real engine package. Not exported from the package.
 */
import type {
  BackendExtern, BackendValue, Capability, FuelControl, HostFunction, TypedHostFunction, WasmEngine,
  WasmExternRef, WasmFeature, WasmFunc, WasmTable, WasmGlobal, WasmInstance, WasmMemory, WasmModule, WasmStore,
} from '../backend.js';
import { CompileError } from '../errors.js';
import { FuncType, GlobalType, MemoryType, TableType, type ExportType, type ImportType } from '../types.js';
import { Value } from '../value.js';

export interface FakeModuleDef {
  imports?: ImportType[];
  exports?: ExportType[];
  /** Builds the instance's exports from the resolved imports. */
  instantiate(store: FakeStore, imports: readonly BackendExtern[]): Record<string, BackendExtern>;
}

/** Bytes of a valid empty module with a custom section naming `id`, so each fake module has distinct bytes. */
export function fakeModuleBytes(id: number): Uint8Array {
  const name = new TextEncoder().encode(`fake${id}`);
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, name.length + 1, name.length, ...name]);
}

class FakeFunc implements WasmFunc {
  constructor(
    readonly type: FuncType,
    readonly impl: (args: readonly BackendValue[], results: BackendValue[]) => void,
    readonly typedImpl?: TypedHostFunction,
  ) {}
  ty(): FuncType {
    return this.type;
  }
  call(args: readonly BackendValue[], results: BackendValue[]): void {
    this.impl(args, results);
  }
  /** Present only for "wasm" functions given a typed entry (see FakeStore.func). */
  typed?: () => (...args: any[]) => unknown;
}

export class FakeStore implements WasmStore {
  disposed = false;
  fuelLeft = 0n;
  readonly fuel: FuelControl | undefined;
  readonly createTypedFunc: ((ty: FuncType, host: TypedHostFunction) => WasmFunc) | undefined;

  constructor(engine: FakeEngine) {
    this.fuel = engine.capabilities.has('fuel') ? { get: () => this.fuelLeft, set: (f) => void (this.fuelLeft = f) } : undefined;
    this.createTypedFunc = engine.typedFuncs ? (ty, host) => this.#typedFunc(ty, host) : undefined;
  }

  instantiate(module: WasmModule, imports: readonly BackendExtern[]): WasmInstance {
    const def = (module as FakeModule).def;
    const exports = def.instantiate(this, imports);
    const list = Object.entries(exports).map(([name, value]) => ({ name, value }));
    return { getExport: (name) => exports[name], exports: () => list };
  }

  /** A "wasm" function implemented in JS, as if exported by a module. */
  func(ty: FuncType, impl: (args: readonly BackendValue[], results: BackendValue[]) => void, typed?: (...args: any[]) => unknown): FakeFunc {
    const f = new FakeFunc(ty, impl);
    if (typed) f.typed = () => typed;
    return f;
  }

  createFunc(ty: FuncType, host: HostFunction): WasmFunc {
    return new FakeFunc(ty, host);
  }

  #typedFunc(ty: FuncType, host: TypedHostFunction): WasmFunc {
    return new FakeFunc(
      ty,
      (args, results) => {
        const r = host(...args.map((a) => a.value));
        if (results.length === 1) results[0] = fromJs(ty.results[0]!, r);
        else results.forEach((_, i) => (results[i] = fromJs(ty.results[i]!, (r as unknown[])[i])));
      },
      host,
    );
  }

  createGlobal(ty: GlobalType, init: BackendValue): WasmGlobal {
    let v = init;
    return { ty: () => ty, get: () => v, set: (x) => void (v = x) };
  }

  createMemory(ty: MemoryType): WasmMemory {
    let bytes = new Uint8Array(ty.initial * 65536);
    return {
      ty: () => ty,
      size: () => bytes.length / 65536,
      grow: (delta) => {
        const prev = bytes.length / 65536;
        if (prev + delta > (ty.maximum ?? 65536)) throw new RangeError('fake: grow past maximum');
        const next = new Uint8Array((prev + delta) * 65536);
        next.set(bytes);
        bytes = next;
        return prev;
      },
      read: (offset, dest) => dest.set(bytes.subarray(offset, offset + dest.length)),
      write: (offset, src) => bytes.set(src, offset),
    };
  }

  createTable(ty: TableType, init: BackendValue): WasmTable {
    const elems: BackendValue[] = new Array(ty.minimum).fill(init);
    return {
      ty: () => ty,
      size: () => elems.length,
      grow: (delta, v) => {
        const prev = elems.length;
        for (let i = 0; i < delta; i++) elems.push(v);
        return prev;
      },
      get: (i) => elems[i]!,
      set: (i, v) => void (elems[i] = v),
    };
  }

  createExternRef(value: unknown): WasmExternRef {
    return { value };
  }

  dispose(): void {
    this.disposed = true;
  }
}


class FakeModule implements WasmModule {
  constructor(readonly def: FakeModuleDef) {}
  imports(): readonly ImportType[] {
    return this.def.imports ?? [];
  }
  exports(): readonly ExportType[] {
    return this.def.exports ?? [];
  }
}

export interface FakeEngineOptions {
  features?: WasmFeature[];
  capabilities?: Capability[];
  typedFuncs?: boolean;
}

export class FakeEngine implements WasmEngine {
  readonly name = 'fake';
  readonly features: ReadonlySet<WasmFeature>;
  readonly capabilities: ReadonlySet<Capability>;
  readonly stores: FakeStore[] = [];
  readonly typedFuncs: boolean;
  readonly #defs = new Map<string, FakeModuleDef>();
  #next = 0;

  constructor(options: FakeEngineOptions = {}) {
    this.features = new Set(options.features ?? ['mutable-globals', 'sign-extension', 'saturating-float-to-int', 'multi-value', 'bulk-memory', 'reference-types', 'simd']);
    this.capabilities = new Set(options.capabilities ?? ['host-refs', 'host-tables', 'host-memories', 'host-globals', 'reentrancy', 'host-v128']);
    this.typedFuncs = options.typedFuncs ?? true;
  }

  /** Registers a module definition and returns the bytes that compile to it. */
  define(def: FakeModuleDef): Uint8Array {
    const bytes = fakeModuleBytes(this.#next++);
    this.#defs.set(key(bytes), def);
    return bytes;
  }

  createStore(): WasmStore {
    const s = new FakeStore(this);
    this.stores.push(s);
    return s;
  }

  compile(bytes: Uint8Array): WasmModule {
    const def = this.#defs.get(key(bytes));
    if (!def) throw new CompileError('fake: unknown module bytes');
    return new FakeModule(def);
  }
}

function key(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16)).join(',');
}

function fromJs(t: string, x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32(x as number);
    default: return Value.f64(x as number);
  }
}

export { FuncType, GlobalType, MemoryType, TableType };
