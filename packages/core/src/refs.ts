/**
 * Translation of values between the public API and a backend. Numbers,
 * bigints and NaN bits are shared as-is; only references change form: the
 * public side holds `Func`/`ExternRef`, the backend side its own handles.
 */
import type { BackendValue, WasmExternRef, WasmFunc } from './backend.js';
import { ExternRef } from './externref.js';
import { Func } from './func.js';
import type { Store } from './store.js';
import { isRefType, type ValueType } from './types.js';
import { Value, checkValueType } from './value.js';

export type PublicValue = Value<Func, ExternRef>;

/** Checks a public value's type (and store, for references) and returns its backend form. */
export function toBackend(store: Store<any>, v: unknown, expected: ValueType, where: string, index?: number): BackendValue {
  if (!(v instanceof Value) || v.type !== expected) checkValueType(v, expected, index === undefined ? where : `${where} [${index}]`);
  if (!isRefType(expected)) return v as BackendValue;
  const ref = (v as Value).value;
  if (ref === null) return v as BackendValue;
  if (expected === 'funcref') {
    if (!(ref instanceof Func)) throw new TypeError(`${where}: a funcref must hold a Func or null`);
    return Value.ref<WasmFunc, WasmExternRef>('funcref', ref.handleIn(store, where));
  }
  if (!(ref instanceof ExternRef)) throw new TypeError(`${where}: an externref must hold an ExternRef or null`);
  return Value.ref<WasmFunc, WasmExternRef>('externref', ref.handleIn(store, where));
}

/** The public form of a value a backend produced. */
export function toPublic(store: Store<any>, v: BackendValue): PublicValue {
  const ref = v.value;
  if (ref === null || !isRefType(v.type)) return v as unknown as PublicValue;
  if (v.type === 'funcref') return Value.ref<Func, ExternRef>('funcref', Func.fromHandle(store, ref as WasmFunc));
  return Value.ref<Func, ExternRef>('externref', ExternRef.fromHandle(store, ref as WasmExternRef));
}

/** Converts and checks a list of public values against types. */
export function listToBackend(store: Store<any>, values: readonly unknown[], types: readonly ValueType[], where: string): BackendValue[] {
  if (!Array.isArray(values)) throw new TypeError(`${where}: expected an array of Values`);
  if (values.length !== types.length) throw new TypeError(`${where}: expected ${types.length} values, got ${values.length}`);
  const out = new Array<BackendValue>(types.length);
  for (let i = 0; i < types.length; i++) out[i] = toBackend(store, values[i], types[i]!, where, i);
  return out;
}
