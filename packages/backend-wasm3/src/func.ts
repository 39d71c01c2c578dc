import type { BackendValue, FuncType, TypedHostFunction, ValueType, WasmFunc } from '@wrl/core/backend';
import { callError } from './errors.js';
import { readJs, readValue, writeJs, writeValue } from './slots.js';
import type { Wasm3Store } from './store.js';

/** A wasm function of an instance: `id` names it in the addon. */
export class Wasm3Func implements WasmFunc {
  constructor(
    readonly store: Wasm3Store,
    readonly id: number,
    readonly type: FuncType,
  ) {}

  ty(): FuncType {
    return this.type;
  }

  call(args: readonly BackendValue[], results: BackendValue[]): void {
    for (let i = 0; i < args.length; i++) writeValue(i, args[i]!);
    const store = this.store;
    const err = store.native.storeCall(store.id, this.id, store.dispatch);
    if (err != null) throw callError(err);
    const rtypes = this.type.results;
    for (let i = 0; i < rtypes.length; i++) results[i] = readValue(i, rtypes[i]!);
  }

  typed(): (...args: any[]) => unknown {
    return typedCaller(this.store, this.id, this.type);
  }
}

/** A host function: wasm reaches it through the store's dispatcher by `hostId`. */
export class Wasm3HostFunc implements WasmFunc {
  constructor(
    readonly store: Wasm3Store,
    readonly hostId: number,
    readonly type: FuncType,
    /** Calls the host function directly, with backend values. */
    readonly direct: (args: readonly BackendValue[], results: BackendValue[]) => void,
    /** The plain-JS form, for functions made by createTypedFunc. */
    plain?: TypedHostFunction,
  ) {
    // Only typed host functions have a fast path; core handles the others.
    this.typed = plain ? () => plain : undefined;
  }

  readonly typed: (() => TypedHostFunction) | undefined;

  ty(): FuncType {
    return this.type;
  }

  call(args: readonly BackendValue[], results: BackendValue[]): void {
    this.direct(args, results);
  }
}

/**
 * The fast path of `Func.typed`: arguments go straight into the slot buffer
 * and one N-API call runs the function. Small arities avoid rest arrays.
 */
function typedCaller(store: Wasm3Store, id: number, ty: FuncType): (...args: any[]) => unknown {
  const native = store.native;
  const storeId = store.id;
  const dispatch = store.dispatch;
  const { params, results } = ty;
  const run = (): unknown => {
    const err = native.storeCall(storeId, id, dispatch);
    if (err != null) throw callError(err);
    return finishTyped(results);
  };
  const p0 = params[0]!;
  const p1 = params[1]!;
  switch (params.length) {
    case 0: return run;
    case 1: return (a: unknown) => (writeJs(0, p0, a), run());
    case 2: return (a: unknown, b: unknown) => (writeJs(0, p0, a), writeJs(1, p1, b), run());
    default:
      return (...args: unknown[]) => {
        for (let i = 0; i < params.length; i++) writeJs(i, params[i]!, args[i]);
        return run();
      };
  }
}

/** Reads typed results from the slots: undefined, one value, or an array. */
export function finishTyped(results: readonly ValueType[]): unknown {
  if (results.length === 0) return undefined;
  if (results.length === 1) return readJs(0, results[0]!);
  return results.map((t, i) => readJs(i, t));
}
