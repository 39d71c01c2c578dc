import {
  LinkError,
  UnsupportedFeatureError,
  Value,
  type BackendExtern,
  type BackendValue,
  type FuncType,
  type GlobalType,
  type HostFunction,
  type TypedHostFunction,
  type WasmExternRef,
  type WasmGlobal,
  type WasmMemory,
  type WasmModule,
  type WasmStore,
  type WasmTable,
} from '@wrl/core/backend';
import { instantiateError } from './errors.js';
import { Wasm3Func, Wasm3HostFunc } from './func.js';
import { HostGlobal } from './global.js';
import { Wasm3Instance } from './instance.js';
import { Wasm3Module } from './module.js';
import { loadAddon, type Dispatcher, type ImportSpec, type NativeAddon } from './native.js';
import { SLOT_COUNT, m3TypeCode, readJs, readValue, registerSlots, writeJs, writeValue } from './slots.js';

/**
 * The safety net: frees a store's runtimes once the store is collected
 * without `dispose()` (the addon holds them under the store's id).
 */
const forgotten = new FinalizationRegistry<number>((id) => loadAddon().storeDispose(id));

/** A store: its runtimes live in the addon under `id`, its host functions here. */
export class Wasm3Store implements WasmStore {
  readonly native: NativeAddon;
  readonly id: number;
  readonly #hosts: Array<() => void> = [];
  /** Passed to every call so wasm can reach this store's host functions by id. */
  readonly dispatch: Dispatcher = (id) => {
    const host = this.#hosts[id];
    if (host === undefined) throw new TypeError('wasm3: this store was closed while wasm was running in it');
    host();
  };

  constructor() {
    registerSlots();
    this.native = loadAddon();
    this.id = this.native.storeNew();
    forgotten.register(this, this.id, this);
  }

  instantiate(module: WasmModule, imports: readonly BackendExtern[]): Wasm3Instance {
    if (!(module instanceof Wasm3Module)) throw new TypeError('wasm3: the module was not compiled by the wasm3 backend');
    const info = module.info;
    const specs: ImportSpec[] = [];
    const globalValues: BackendValue[] = [];
    imports.forEach((ext, i) => {
      const imp = info.imports[i]!;
      const where = `import "${imp.module}" "${imp.name}"`;
      if (ext.kind === 'func') {
        const f = ext.value;
        if (f instanceof Wasm3HostFunc && f.store === this) specs.push({ module: imp.module, name: imp.name, host: f.hostId });
        else if (f instanceof Wasm3Func && f.store === this) specs.push({ module: imp.module, name: imp.name, func: f.id });
        else throw new LinkError(`${where}: not a function of this wasm3 store`);
      } else if (ext.kind === 'global') {
        if (globalValues.length >= SLOT_COUNT) throw new LinkError(`${where}: wasm3 backend takes at most ${SLOT_COUNT} imported globals`);
        const slot = globalValues.length;
        globalValues.push(ext.value.get());
        specs.push({ module: imp.module, name: imp.name, globalSlot: slot, globalType: m3TypeCode(ext.value.ty().content) });
      } else {
        throw new UnsupportedFeatureError(`imported ${ext.kind}s`, 'wasm3', `${where} (wasm3 cannot share a ${ext.kind} between instances)`);
      }
    });
    // Read every value before writing any: reading a wasm global uses slot 0.
    globalValues.forEach((v, slot) => writeValue(slot, v));
    const r = this.native.storeInstantiate(this.id, module.bytes, specs, module.hasMemory, this.dispatch);
    if (typeof r === 'string') throw instantiateError(r);
    return new Wasm3Instance(this, module, r, imports);
  }

  createFunc(ty: FuncType, host: HostFunction): Wasm3HostFunc {
    const { params, results } = ty;
    const id = this.#hosts.length;
    this.#hosts.push(() => {
      const args = new Array<BackendValue>(params.length);
      for (let i = 0; i < params.length; i++) args[i] = readValue(i, params[i]!);
      const res = new Array<BackendValue>(results.length);
      for (let i = 0; i < results.length; i++) res[i] = Value.default(results[i]!);
      host(args, res);
      for (let i = 0; i < results.length; i++) writeValue(i, res[i]!);
    });
    return new Wasm3HostFunc(this, id, ty, host);
  }

  createTypedFunc(ty: FuncType, host: TypedHostFunction): Wasm3HostFunc {
    const { params, results } = ty;
    const id = this.#hosts.length;
    const n = params.length;
    this.#hosts.push(() => {
      const args = new Array<unknown>(n);
      for (let i = 0; i < n; i++) args[i] = readJs(i, params[i]!);
      const r = host(...args);
      if (results.length === 1) writeJs(0, results[0]!, r);
      else for (let i = 0; i < results.length; i++) writeJs(i, results[i]!, (r as unknown[])[i]);
    });
    const direct = (args: readonly BackendValue[], res: BackendValue[]): void => {
      const r = host(...args.map((v) => v.value));
      if (results.length === 1) res[0] = plainValue(results[0]!, r);
      else for (let i = 0; i < results.length; i++) res[i] = plainValue(results[i]!, (r as unknown[])[i]);
    };
    return new Wasm3HostFunc(this, id, ty, direct, host);
  }

  createGlobal(ty: GlobalType, init: BackendValue): WasmGlobal {
    return new HostGlobal(ty, init);
  }

  createMemory(): WasmMemory {
    throw new UnsupportedFeatureError('host-memories', 'wasm3', 'wasm3 keeps a memory inside the instance that defines it');
  }

  createTable(): WasmTable {
    throw new UnsupportedFeatureError('host-tables', 'wasm3', 'wasm3 has no host API for tables');
  }

  createExternRef(value: unknown): WasmExternRef {
    return { value };
  }

  dispose(): void {
    forgotten.unregister(this);
    this.native.storeDispose(this.id);
    this.#hosts.length = 0;
  }
}

function plainValue(t: FuncType['results'][number], x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32(x as number);
    default: return Value.f64(x as number);
  }
}
