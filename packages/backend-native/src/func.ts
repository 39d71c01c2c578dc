import { Value, type BackendValue, type FuncType, type HostFunction, type TypedHostFunction, type ValueType, type WasmFunc } from '@wrl/core/backend';
import { callerModule, calleeModule, lowerList, needsAdapter, reexportModule } from './adapters.js';
import type { NativeStore } from './store.js';
import { toCoreError } from './traps.js';
import { fromPlain, liftAll, liftSingle, lowerInto, resultList } from './values.js';

type JsFunction = (...args: any[]) => any;

/**
 * A function handle. Three kinds: a wasm function (an exported function
 * object of some instance), a host function with Values (`createFunc`) and a
 * typed host function (`createTypedFunc`).
 */
export class NativeFunc implements WasmFunc {
  readonly #store: NativeStore;
  #ty: FuncType | undefined;
  /** A wasm function object for this function, when one exists or was made. */
  #wasm: JsFunction | undefined;
  readonly #host: HostFunction | undefined;
  readonly #typedHost: TypedHostFunction | undefined;
  /** Lazily built: the function with lowered parameters and results (exact floats, v128). */
  #lowered: JsFunction | undefined;
  /** How many values the results lower to. */
  #loweredResults: number | undefined;
  /** Calls the wasm function with backend Values as arguments, returning its raw (lowered) result. */
  #invoke: ((args: readonly BackendValue[]) => unknown) | undefined;

  private constructor(store: NativeStore, ty: FuncType | undefined, wasm?: JsFunction, host?: HostFunction, typedHost?: TypedHostFunction) {
    this.#store = store;
    this.#ty = ty;
    this.#wasm = wasm;
    this.#host = host;
    this.#typedHost = typedHost;
  }

  /** A wasm function object from an instance. `ty` is undefined only for functions the store never saw exported. */
  static fromWasm(store: NativeStore, fn: JsFunction, ty: FuncType | undefined): NativeFunc {
    return new NativeFunc(store, ty, fn);
  }

  static fromHost(store: NativeStore, ty: FuncType, host: HostFunction): NativeFunc {
    const f = new NativeFunc(store, ty, undefined, host);
    // Wasm calls a host function through an adapter so floats and v128 arrive exactly.
    const inst = store.engine.adapters.instantiate(`callee:${ty}`, () => calleeModule(ty), { t: { h: hostEntry(store, ty, host) } });
    f.#wasm = inst.exports.f as JsFunction;
    store.registerFunc(f.#wasm, f);
    return f;
  }

  static fromTypedHost(store: NativeStore, ty: FuncType, host: TypedHostFunction): NativeFunc {
    return new NativeFunc(store, ty, undefined, undefined, host);
  }

  /** False for a function reference whose type was never learned (see `ty`). */
  hasType(): boolean {
    return this.#ty !== undefined;
  }

  /** Records the type of a function reference first seen without one. */
  learnType(ty: FuncType): void {
    this.#ty ??= ty;
  }

  ty(): FuncType {
    // First seen before its instance's references were mapped (during a start function): map them now.
    if (this.#ty === undefined && this.#wasm !== undefined) this.#store.mapPendingUntil(this.#wasm);
    if (this.#ty === undefined) {
      throw new TypeError('the native backend does not know the type of this function reference: it came from an instance whose exports were not yet read (e.g. during its start function)');
    }
    return this.#ty;
  }

  /** The value to pass as an import: the typed host function itself (the fast path) or a wasm function object. */
  importValue(): JsFunction {
    return this.#typedHost ?? this.wasmFunction();
  }

  /** A wasm function object, as tables, globals and funcref arguments need. */
  wasmFunction(): JsFunction {
    if (this.#wasm === undefined) {
      // Only typed host functions start without one.
      const ty = this.ty();
      const inst = this.#store.engine.adapters.instantiate(`reexport:${ty}`, () => reexportModule(ty), { t: { h: this.#typedHost! } });
      this.#wasm = inst.exports.f as JsFunction;
      this.#store.registerFunc(this.#wasm, this);
    }
    return this.#wasm;
  }

  call(args: readonly BackendValue[], results: BackendValue[]): void {
    const ty = this.ty();
    if (this.#host !== undefined) {
      // Host functions receive their results filled with zero values.
      for (let i = 0; i < results.length; i++) results[i] = Value.default(ty.results[i]!);
      this.#host(args, results);
      return;
    }
    if (this.#typedHost !== undefined) {
      const r = this.#typedHost(...args.map((a) => a.value));
      const list = resultList(r, ty.results.length);
      for (let i = 0; i < ty.results.length; i++) results[i] = fromPlain(ty.results[i]!, list[i]);
      return;
    }
    const invoke = (this.#invoke ??= this.#makeInvoke(ty));
    let r: unknown;
    try {
      r = invoke(args);
    } catch (e) {
      throw toCoreError(e);
    }
    const count = (this.#loweredResults ??= lowerList(ty.results).length);
    if (count === 1) results[0] = liftSingle(this.#store, ty.results[0]!, r);
    else if (count > 1) liftAll(this.#store, ty.results, r as ArrayLike<unknown>, results);
  }

  typed(): (...args: any[]) => unknown {
    if (this.#typedHost !== undefined) return this.#typedHost;
    return trapMapped(this.wasmFunction(), this.ty().params.length);
  }

  #makeInvoke(ty: FuncType): (args: readonly BackendValue[]) => unknown {
    const fn = this.#loweredWasm(ty);
    const plain = ty.params.every((t) => t === 'i32' || t === 'i64');
    // Integer arguments pass as they are: no lowering, no argument array.
    if (plain) {
      switch (ty.params.length) {
        case 0: return () => fn();
        case 1: return (a) => fn(a[0]!.value);
        case 2: return (a) => fn(a[0]!.value, a[1]!.value);
        case 3: return (a) => fn(a[0]!.value, a[1]!.value, a[2]!.value);
      }
    }
    const store = this.#store;
    const params = ty.params;
    return (args) => {
      const lowered: unknown[] = [];
      for (let i = 0; i < args.length; i++) lowerInto(store, params[i]!, args[i]!, lowered);
      return fn(...lowered);
    };
  }

  #loweredWasm(ty: FuncType): JsFunction {
    if (this.#lowered === undefined) {
      if (needsAdapter(ty.params) || needsAdapter(ty.results)) {
        const inst = this.#store.engine.adapters.instantiate(`caller:${ty}`, () => callerModule(ty), { t: { f: this.#wasm! } });
        this.#lowered = inst.exports.c as JsFunction;
      } else {
        this.#lowered = this.#wasm!;
      }
    }
    return this.#lowered;
  }
}

/**
 * The JS function a host function's adapter module imports: takes lowered
 * arguments, calls `host` with Values and returns the lowered results.
 */
function hostEntry(store: NativeStore, ty: FuncType, host: HostFunction): JsFunction {
  const { params, results: rtypes } = ty;
  const isInt = (t: ValueType) => t === 'i32' || t === 'i64';
  // The common case, integers in and at most one integer out, without argument arrays.
  if (params.length <= 2 && params.every(isInt) && rtypes.length <= 1 && rtypes.every(isInt)) {
    const p0 = params[0]!;
    const p1 = params[1]!;
    const finish = (args: BackendValue[]): unknown => {
      const results = rtypes.length === 0 ? [] : [Value.default(rtypes[0]!)];
      host(args, results);
      return rtypes.length === 0 ? undefined : results[0]!.value;
    };
    switch (params.length) {
      case 0: return () => finish([]);
      case 1: return (a: unknown) => finish([liftSingle(store, p0, a)]);
      default: return (a: unknown, b: unknown) => finish([liftSingle(store, p0, a), liftSingle(store, p1, b)]);
    }
  }
  return (...raw: unknown[]): unknown => {
    const args = new Array<BackendValue>(params.length);
    liftAll(store, params, raw, args);
    const results = rtypes.map((t) => Value.default(t) as BackendValue);
    host(args, results);
    const out: unknown[] = [];
    for (let i = 0; i < results.length; i++) lowerInto(store, rtypes[i]!, results[i]!, out);
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  };
}

/** `fn` with traps mapped to core Traps; one closure per arity so calls need no rest arguments. */
function trapMapped(fn: JsFunction, arity: number): (...args: any[]) => unknown {
  switch (arity) {
    case 0: return () => { try { return fn(); } catch (e) { throw toCoreError(e); } };
    case 1: return (a) => { try { return fn(a); } catch (e) { throw toCoreError(e); } };
    case 2: return (a, b) => { try { return fn(a, b); } catch (e) { throw toCoreError(e); } };
    case 3: return (a, b, c) => { try { return fn(a, b, c); } catch (e) { throw toCoreError(e); } };
    case 4: return (a, b, c, d) => { try { return fn(a, b, c, d); } catch (e) { throw toCoreError(e); } };
    case 5: return (a, b, c, d, e) => { try { return fn(a, b, c, d, e); } catch (x) { throw toCoreError(x); } };
    case 6: return (a, b, c, d, e, f) => { try { return fn(a, b, c, d, e, f); } catch (x) { throw toCoreError(x); } };
    default: return (...args) => { try { return fn(...args); } catch (e) { throw toCoreError(e); } };
  }
}
