import type { BackendValue, TypedHostFunction, WasmFunc } from './backend.js';
import { markHostError } from './errors.js';
import { FROM_HANDLE, type HandleInit } from './internal.js';
import { listToBackend, toBackend, toPublic, type PublicValue } from './refs.js';
import { ownStore, storeOf, type AsContext, type Caller, type Store } from './store.js';
import { FuncType, type ValueType } from './types.js';
import { Value, checkValueType, describe } from './value.js';
import type { ExternRef } from './externref.js';

/**
 * A host function: reads `args`, writes one Value per result into `results`
 * (which arrives filled with zero values of the result types).
 */
export type HostFunc<T = any> = (caller: Caller<T>, args: readonly PublicValue[], results: PublicValue[]) => void;

/** The JS type a typed call uses for a value type. */
export type JsValueOf<V extends ValueType> = V extends 'i64' ? bigint : V extends 'i32' | 'f32' | 'f64' ? number : never;
export type JsValuesOf<L extends readonly ValueType[]> = { [K in keyof L]: L[K] extends ValueType ? JsValueOf<L[K]> : never };
/** What a typed call returns: nothing, one value, or an array for several results. */
export type JsResultOf<R extends readonly ValueType[]> = R extends readonly [] ? undefined : R extends readonly [infer One extends ValueType] ? JsValueOf<One> : JsValuesOf<R>;

/** A typed host function, as for `Func.wrap`: plain numbers/bigints in, one value or an array out. */
export type TypedHostFunc<T = any> = (caller: Caller<T>, ...args: any[]) => unknown;

/** A WebAssembly or host function. */
export class Func {
  readonly #store: Store<any>;
  readonly #handle: WasmFunc;
  #ty: FuncType | undefined;
  /** Set for host functions, which the dynamic fast path leaves to the backend (they take Values anyway). */
  #isHost = false;
  /** The dynamic-call fast path over the backend's typed entry; null where it does not apply. */
  #fast: DynamicInvoker | null | undefined;

  /** A host function with the given signature. */
  constructor(store: AsContext<any>, ty: FuncType, fn: HostFunc) {
    if ((store as unknown) === FROM_HANDLE) {
      const init = ty as unknown as HandleInit<WasmFunc>;
      this.#store = init.store;
      this.#handle = init.handle;
      return;
    }
    const s = storeOf(store, 'new Func');
    if (!(ty instanceof FuncType)) throw new TypeError(`new Func: expected a FuncType, got ${describe(ty)}`);
    if (typeof fn !== 'function') throw new TypeError(`new Func: expected a host function, got ${describe(fn)}`);
    if (ty.hasRefs) s.engine.requireCapability('host-refs', 'host functions with reference-typed parameters or results');
    if (ty.params.includes('v128') || ty.results.includes('v128')) s.engine.requireCapability('host-v128', 'host functions with v128 values');
    this.#store = s;
    this.#ty = ty;
    this.#isHost = true;
    this.#handle = s.backend.createFunc(ty, adaptHost(s, ty, fn));
    s.wrapper(this.#handle, () => this);
  }

  /**
   * A host function taking plain JS values (numbers for i32/f32/f64, bigints
   * for i64) and returning undefined, one value, or an array for several
   * results: the fast path in the spirit of wasmtime's `Func::wrap`.
   */
  static wrap<T = any>(store: AsContext<T>, ty: FuncType, fn: TypedHostFunc<T>): Func {
    const s = storeOf(store, 'Func.wrap');
    if (!(ty instanceof FuncType)) throw new TypeError(`Func.wrap: expected a FuncType, got ${describe(ty)}`);
    if (typeof fn !== 'function') throw new TypeError(`Func.wrap: expected a host function, got ${describe(fn)}`);
    checkPlainSignature(ty, 'Func.wrap');
    const caller = s.asContextMut();
    const checked = typedHostEntry(ty, fn, caller);
    const create = s.backend.createTypedFunc;
    const handle = create
      ? create.call(s.backend, ty, checked)
      : s.backend.createFunc(ty, (args, results) => {
          const raw = args.map((v) => v.value);
          const r = checked(...raw);
          writeJsResults(ty.results, r, results);
        });
    const f = Func.fromHandle(s, handle);
    f.#ty = ty;
    f.#isHost = true;
    return f;
  }

  /** @internal */
  static fromHandle(store: Store<any>, handle: WasmFunc): Func {
    return store.wrapper(handle, () => new Func(FROM_HANDLE as never, { store, handle } as never, undefined as never));
  }

  /** @internal */
  handleIn(store: Store<any>, where: string): WasmFunc {
    ownStore(store, this.#store, where);
    return this.#handle;
  }

  ty(store: AsContext<any>): FuncType {
    ownStore(store, this.#store, 'Func.ty');
    return (this.#ty ??= this.#handle.ty());
  }

  /**
   * Calls the function with `args`, writing its results into `results`
   * (an array with one slot per result). Throws `Trap` on a trap, and passes a
   * host function's exception through unchanged.
   */
  call(store: AsContext<any>, args: readonly PublicValue[], results: PublicValue[]): void {
    // Kept small so engines inline it: the common case (own open store, no references) checks and passes
    // the arrays straight through, since public and backend values are then the same objects.
    const ty = (this.#ty ??= this.#handle.ty());
    if (store !== this.#store || this.#store.closed || ty.hasRefs || !Array.isArray(results) || results.length !== ty.results.length) {
      this.#callChecked(store, args, results);
      return;
    }
    const fast = this.#fast === undefined ? (this.#fast = this.#isHost ? null : dynamicInvoker(this.#handle, ty)) : this.#fast;
    if (fast !== null) {
      // checks the arguments itself, specialised to the signature
      fast(args, results);
      return;
    }
    checkArgs(args, ty.params);
    this.#handle.call(args as unknown as readonly BackendValue[], results as unknown as BackendValue[]);
  }

  #callChecked(store: AsContext<any>, args: readonly PublicValue[], results: PublicValue[]): void {
    const s = ownStore(store, this.#store, 'Func.call');
    const ty = (this.#ty ??= this.#handle.ty());
    if (!Array.isArray(results)) throw new TypeError('Func.call: results must be an array');
    if (results.length !== ty.results.length) throw new TypeError(`Func.call: results must have ${ty.results.length} slots, got ${results.length}`);
    if (!ty.hasRefs) {
      checkArgs(args, ty.params);
      this.#handle.call(args as unknown as readonly BackendValue[], results as unknown as BackendValue[]);
      return;
    }
    const bargs = listToBackend(s, args, ty.params, 'Func.call args');
    const bres = new Array<BackendValue>(ty.results.length);
    for (let i = 0; i < bres.length; i++) bres[i] = Value.default(ty.results[i]!);
    this.#handle.call(bargs, bres);
    for (let i = 0; i < bres.length; i++) results[i] = toPublic(s, bres[i]!);
  }

  /**
   * A typed view of this function: the signature is checked once, then calls
   * take and return plain numbers/bigints with no per-call boxing.
   */
  typed<const P extends readonly ValueType[], const R extends readonly ValueType[]>(store: AsContext<any>, params: P, results: R): TypedFunc<P, R> {
    const s = ownStore(store, this.#store, 'Func.typed');
    const ty = this.ty(s);
    const want = new FuncType(params, results);
    if (!ty.equals(want)) throw new TypeError(`Func.typed: the function's type is ${ty}, not ${want}`);
    checkPlainSignature(ty, 'Func.typed');
    const fast = this.#handle.typed?.();
    const fn = fast ?? ((...args: unknown[]) => {
      const bargs = args.map((a, i) => jsToValue(ty.params[i]!, a));
      const bres = ty.results.map((t) => Value.default(t)) as BackendValue[];
      this.#handle.call(bargs, bres);
      return bres.length === 0 ? undefined : bres.length === 1 ? bres[0]!.value : bres.map((v) => v.value);
    });
    return new TypedFunc<P, R>(s, ty, fn);
  }
}

/** A function whose signature was checked once; `call` takes and returns plain JS values. */
export class TypedFunc<P extends readonly ValueType[], R extends readonly ValueType[]> {
  /** Calls the function: `typed.call(store, ...args)`. */
  readonly call: (store: AsContext<any>, ...args: JsValuesOf<P>) => JsResultOf<R>;

  constructor(
    store: Store<any>,
    readonly ty: FuncType,
    fn: (...args: any[]) => unknown,
  ) {
    this.call = makeTypedCall(store, fn, ty.params.length) as never;
  }
}

/** A per-arity caller so the hot path has no rest-argument array; only a context other than the open store takes the slow check. */
function makeTypedCall(store: Store<any>, fn: (...args: any[]) => unknown, arity: number): (...a: any[]) => unknown {
  const check = (ctx: unknown): void => {
    ownStore(ctx as AsContext<any>, store, 'TypedFunc.call');
  };
  switch (arity) {
    case 0: return (ctx) => ((ctx !== store || store.closed) && check(ctx), fn());
    case 1: return (ctx, a) => ((ctx !== store || store.closed) && check(ctx), fn(a));
    case 2: return (ctx, a, b) => ((ctx !== store || store.closed) && check(ctx), fn(a, b));
    case 3: return (ctx, a, b, c) => ((ctx !== store || store.closed) && check(ctx), fn(a, b, c));
    case 4: return (ctx, a, b, c, d) => ((ctx !== store || store.closed) && check(ctx), fn(a, b, c, d));
    default: return (ctx, ...args) => ((ctx !== store || store.closed) && check(ctx), fn(...args));
  }
}

/**
 * A typed host function as the backend calls it: bound to the caller,
 * specialised by arity (no rest arrays on the hot path), its exceptions marked
 * as host errors and its return value checked against the result types.
 *
 * These closures are shared code: once an application has several host
 * functions, V8's feedback for the calls inside them turns polymorphic. So
 * the hot path makes exactly one call (the user's function) and checks the
 * result with a literal `typeof` (one code body per result kind, which V8
 * folds far better than a compare with a captured string: with five host
 * functions about 1.5x raw instead of 1.9x); only a wrong or multi-value
 * result calls out to the full check.
 */
function typedHostEntry(ty: FuncType, fn: TypedHostFunc, caller: Caller): TypedHostFunction {
  const check = resultChecker(ty.results);
  const n = ty.params.length;
  if (ty.results.length === 0) return voidEntry(n, fn, caller, check);
  if (ty.results.length > 1) return checkedEntry(n, fn, caller, check);
  return ty.results[0] === 'i64' ? bigintEntry(n, fn, caller, check) : numberEntry(n, fn, caller, check);
}

type Check = (r: unknown) => unknown;

function hostFailed(e: unknown): never {
  markHostError(e);
  throw e;
}

function numberEntry(n: number, fn: TypedHostFunc, caller: Caller, check: Check): TypedHostFunction {
  switch (n) {
    case 0: return () => { let r; try { r = fn(caller); } catch (e) { hostFailed(e); } return typeof r === 'number' ? r : check(r); };
    case 1: return (a) => { let r; try { r = fn(caller, a); } catch (e) { hostFailed(e); } return typeof r === 'number' ? r : check(r); };
    case 2: return (a, b) => { let r; try { r = fn(caller, a, b); } catch (e) { hostFailed(e); } return typeof r === 'number' ? r : check(r); };
    default: return checkedEntry(n, fn, caller, check);
  }
}

function bigintEntry(n: number, fn: TypedHostFunc, caller: Caller, check: Check): TypedHostFunction {
  switch (n) {
    case 0: return () => { let r; try { r = fn(caller); } catch (e) { hostFailed(e); } return typeof r === 'bigint' ? r : check(r); };
    case 1: return (a) => { let r; try { r = fn(caller, a); } catch (e) { hostFailed(e); } return typeof r === 'bigint' ? r : check(r); };
    case 2: return (a, b) => { let r; try { r = fn(caller, a, b); } catch (e) { hostFailed(e); } return typeof r === 'bigint' ? r : check(r); };
    default: return checkedEntry(n, fn, caller, check);
  }
}

function voidEntry(n: number, fn: TypedHostFunc, caller: Caller, check: Check): TypedHostFunction {
  switch (n) {
    case 0: return () => { let r; try { r = fn(caller); } catch (e) { hostFailed(e); } return r === undefined ? r : check(r); };
    case 1: return (a) => { let r; try { r = fn(caller, a); } catch (e) { hostFailed(e); } return r === undefined ? r : check(r); };
    case 2: return (a, b) => { let r; try { r = fn(caller, a, b); } catch (e) { hostFailed(e); } return r === undefined ? r : check(r); };
    default: return checkedEntry(n, fn, caller, check);
  }
}

/** Any arity and result kind; always runs the full result check. */
function checkedEntry(n: number, fn: TypedHostFunc, caller: Caller, check: Check): TypedHostFunction {
  switch (n) {
    case 0: return () => { let r; try { r = fn(caller); } catch (e) { hostFailed(e); } return check(r); };
    case 1: return (a) => { let r; try { r = fn(caller, a); } catch (e) { hostFailed(e); } return check(r); };
    case 2: return (a, b) => { let r; try { r = fn(caller, a, b); } catch (e) { hostFailed(e); } return check(r); };
    case 3: return (a, b, c) => { let r; try { r = fn(caller, a, b, c); } catch (e) { hostFailed(e); } return check(r); };
    default: return (...args) => { let r; try { r = fn(caller, ...args); } catch (e) { hostFailed(e); } return check(r); };
  }
}

/** Checks what a typed host function returned: a TypeError (passed through as a host error) when it does not fit. */
function resultChecker(results: readonly ValueType[]): (r: unknown) => unknown {
  if (results.length === 0) {
    return (r) => {
      if (r !== undefined) throw hostTypeError(`host function with no results returned ${describe(r)}`);
      return r;
    };
  }
  if (results.length === 1) {
    const t = results[0]!;
    const want = t === 'i64' ? 'bigint' : 'number';
    return (r) => {
      if (typeof r !== want) throw hostTypeError(`host function must return ${jsName(t)} for ${t}, got ${describe(r)}`);
      return r;
    };
  }
  return (r) => {
    if (!Array.isArray(r) || r.length !== results.length) throw hostTypeError(`host function must return an array of ${results.length} values, got ${describe(r)}`);
    for (let i = 0; i < results.length; i++) {
      if (!jsMatches(results[i]!, r[i])) throw hostTypeError(`host function result ${i} must be ${jsName(results[i]!)} for ${results[i]}, got ${describe(r[i])}`);
    }
    return r;
  };
}

function hostTypeError(message: string): TypeError {
  const e = new TypeError(message);
  markHostError(e);
  return e;
}

function jsMatches(t: ValueType, x: unknown): boolean {
  return t === 'i64' ? typeof x === 'bigint' : typeof x === 'number';
}

function jsName(t: ValueType): string {
  return t === 'i64' ? 'a bigint' : 'a number';
}

type DynamicInvoker = (args: readonly PublicValue[], results: PublicValue[]) => void;

/**
 * `Func.call` for a wasm function whose parameters are numbers and whose
 * result is at most one integer: checks and unboxes the Values and goes
 * through the backend's typed entry, skipping the backend's generic Value
 * handling. Specialised by arity, with the parameter types captured, so the
 * checks are a few compares and no loop. A NaN argument takes the backend's
 * own path so its exact bits survive (a float's bits beyond its number live
 * on the Value); float results always do, for the same reason. Null where
 * this does not apply.
 */
function dynamicInvoker(handle: WasmFunc, ty: FuncType): DynamicInvoker | null {
  const numeric = (t: ValueType) => t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
  const params = ty.params;
  if (!params.every(numeric) || ty.results.length > 1 || (ty.results.length === 1 && ty.results[0] !== 'i32' && ty.results[0] !== 'i64')) return null;
  const typed = handle.typed?.();
  if (typed === undefined) return null;
  const slow: DynamicInvoker = (args, results) => {
    checkArgs(args, params);
    handle.call(args as unknown as readonly BackendValue[], results as unknown as BackendValue[]);
  };
  const box = ty.results.length === 0 ? undefined : ty.results[0] === 'i64' ? Value.i64 : Value.i32;
  const done = (r: unknown, results: PublicValue[]): void => {
    if (box !== undefined) results[0] = box(r as never);
  };
  const [t0, t1, t2] = params;
  switch (params.length) {
    case 0: return (args, results) => {
      if (!Array.isArray(args) || args.length !== 0) return slow(args, results);
      done(typed(), results);
    };
    case 1: return (args, results) => {
      const x = Array.isArray(args) && args.length === 1 ? args[0] : undefined;
      if (!(x instanceof Value) || x.type !== t0) return slow(args, results);
      const a = x.value;
      if (a !== a) return slow(args, results);
      done(typed(a), results);
    };
    case 2: return (args, results) => {
      const ok = Array.isArray(args) && args.length === 2;
      const x = ok ? args[0] : undefined;
      const y = ok ? args[1] : undefined;
      if (!(x instanceof Value) || x.type !== t0 || !(y instanceof Value) || y.type !== t1) return slow(args, results);
      const a = x.value;
      const b = y.value;
      if (a !== a || b !== b) return slow(args, results);
      done(typed(a, b), results);
    };
    case 3: return (args, results) => {
      const ok = Array.isArray(args) && args.length === 3;
      const x = ok ? args[0] : undefined;
      const y = ok ? args[1] : undefined;
      const z = ok ? args[2] : undefined;
      if (!(x instanceof Value) || x.type !== t0 || !(y instanceof Value) || y.type !== t1 || !(z instanceof Value) || z.type !== t2) return slow(args, results);
      const a = x.value;
      const b = y.value;
      const c = z.value;
      if (a !== a || b !== b || c !== c) return slow(args, results);
      done(typed(a, b, c), results);
    };
    default: return (args, results) => {
      checkArgs(args, params);
      const raw = args.map((v) => v.value);
      if (raw.some((x) => x !== x)) return slow(args, results);
      done(typed(...raw), results);
    };
  }
}

/** Checks argument count and types without allocating (the hot path of dynamic calls). */
function checkArgs(args: readonly unknown[], params: readonly ValueType[]): void {
  if (!Array.isArray(args) || args.length !== params.length) return badArgs(args, params);
  for (let i = 0; i < params.length; i++) {
    const v = args[i];
    if (!(v instanceof Value) || v.type !== params[i]) checkValueType(v, params[i]!, `Func.call argument ${i}`);
  }
}

function badArgs(args: unknown, params: readonly ValueType[]): never {
  if (!Array.isArray(args)) throw new TypeError('Func.call: args must be an array of Values');
  throw new TypeError(`Func.call: expected ${params.length} arguments, got ${args.length}`);
}

function checkPlainSignature(ty: FuncType, where: string): void {
  for (const t of [...ty.params, ...ty.results]) {
    if (t === 'v128' || t === 'funcref' || t === 'externref') throw new TypeError(`${where}: typed functions take i32, i64, f32 and f64 only; ${ty} has ${t}`);
  }
}

function jsToValue(t: ValueType, x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32(x as number);
    default: return Value.f64(x as number);
  }
}

function writeJsResults(types: readonly ValueType[], r: unknown, out: BackendValue[]): void {
  if (types.length === 1) out[0] = jsToValue(types[0]!, r);
  else for (let i = 0; i < types.length; i++) out[i] = jsToValue(types[i]!, (r as unknown[])[i]);
}

/** Adapts a public host function to the backend's form: translates references and checks results. */
function adaptHost(store: Store<any>, ty: FuncType, fn: HostFunc) {
  const caller = store.asContextMut();
  const rtypes = ty.results;
  return (args: readonly BackendValue[], results: BackendValue[]): void => {
    const pargs = ty.hasRefs ? args.map((v) => toPublic(store, v)) : (args as unknown as readonly PublicValue[]);
    const pres = results as unknown as PublicValue[];
    if (ty.hasRefs) for (let i = 0; i < pres.length; i++) pres[i] = toPublic(store, results[i]!);
    try {
      fn(caller, pargs, pres);
    } catch (e) {
      markHostError(e);
      throw e;
    }
    if (pres.length !== rtypes.length) throw hostTypeError(`host function changed the length of results to ${pres.length} (expected ${rtypes.length})`);
    if (!ty.hasRefs) {
      for (let i = 0; i < rtypes.length; i++) {
        const v = pres[i];
        if (!(v instanceof Value) || v.type !== rtypes[i]) throw hostTypeError(`host function result ${i}: expected a Value of type ${rtypes[i]}, got ${describe(v)}`);
      }
      return;
    }
    for (let i = 0; i < rtypes.length; i++) {
      try {
        results[i] = toBackend(store, pres[i], rtypes[i]!, `host function result ${i}`);
      } catch (e) {
        markHostError(e);
        throw e;
      }
    }
  };
}

export type { ExternRef };
