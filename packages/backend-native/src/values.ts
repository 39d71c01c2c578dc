/**
 * Conversion between backend Values and the JS values that cross the JS API,
 * in "lowered" form (see adapters.ts): f32 as i32 bits, f64 as i64 bits,
 * v128 as two i64 lanes, references as wasm function objects or externref boxes.
 */
import { Value, type BackendValue, type ValueType, type WasmExternRef, type WasmFunc } from '@wrl/core/backend';

const U64 = (1n << 64n) - 1n;

/** What lifting needs from the store: turning JS references back into handles. */
export interface RefContext {
  funcFromJs(fn: unknown): WasmFunc;
  externFromJs(x: unknown): WasmExternRef;
  /** The wasm function object to pass for a function handle. */
  funcToJs(f: WasmFunc): unknown;
}

/** Appends the lowered JS values of `v` (of type `t`) to `out`. */
export function lowerInto(ctx: RefContext, t: ValueType, v: BackendValue, out: unknown[]): void {
  switch (t) {
    case 'i32':
    case 'i64':
      out.push(v.value);
      return;
    case 'f32':
      out.push(v.f32Bits() | 0);
      return;
    case 'f64':
      out.push(BigInt.asIntN(64, v.f64Bits()));
      return;
    case 'v128': {
      const x = v.value as bigint;
      out.push(BigInt.asIntN(64, x & U64), BigInt.asIntN(64, x >> 64n));
      return;
    }
    default:
      out.push(lowerRef(ctx, v));
  }
}

export function lowerRef(ctx: RefContext, v: BackendValue): unknown {
  const r = v.value;
  if (r === null) return null;
  return v.type === 'funcref' ? ctx.funcToJs(r as WasmFunc) : r;
}

export function liftRef(ctx: RefContext, t: ValueType, x: unknown): BackendValue {
  if (x === null || x === undefined) return Value.default(t);
  return t === 'funcref' ? Value.ref<WasmFunc, WasmExternRef>('funcref', ctx.funcFromJs(x)) : Value.ref<WasmFunc, WasmExternRef>('externref', ctx.externFromJs(x));
}

/** Lifts the value of type `t` starting at `raw[i]`; returns the next index. */
export function liftAt(ctx: RefContext, t: ValueType, raw: ArrayLike<unknown>, i: number, out: BackendValue[], slot: number): number {
  const x = raw[i];
  switch (t) {
    case 'i32': out[slot] = Value.i32(x as number); return i + 1;
    case 'i64': out[slot] = Value.i64(x as bigint); return i + 1;
    case 'f32': out[slot] = Value.f32FromBits(x as number); return i + 1;
    case 'f64': out[slot] = Value.f64FromBits(x as bigint); return i + 1;
    case 'v128': {
      const hi = BigInt.asUintN(64, raw[i + 1] as bigint);
      out[slot] = Value.v128((hi << 64n) | BigInt.asUintN(64, x as bigint));
      return i + 2;
    }
    default:
      out[slot] = liftRef(ctx, t, x);
      return i + 1;
  }
}

/** Lifts a value of a type that lowers to one JS value (not v128). */
export function liftSingle(ctx: RefContext, t: ValueType, x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32FromBits(x as number);
    case 'f64': return Value.f64FromBits(x as bigint);
    case 'v128': throw new TypeError('a v128 lowers to two values');
    default: return liftRef(ctx, t, x);
  }
}

/** Lifts every value of `types` from the flat lowered list `raw` into `out`. */
export function liftAll(ctx: RefContext, types: readonly ValueType[], raw: ArrayLike<unknown>, out: BackendValue[]): void {
  let i = 0;
  for (let k = 0; k < types.length; k++) i = liftAt(ctx, types[k]!, raw, i, out, k);
}

/** A JS call's return value as a list: none, one, or the array multi-value returns. */
export function resultList(r: unknown, count: number): ArrayLike<unknown> {
  if (count === 0) return EMPTY;
  if (count === 1) return [r];
  return r as ArrayLike<unknown>;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/** A plain JS value (as in typed calls) as a Value; f32 is rounded. */
export function fromPlain(t: ValueType, x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32(x as number);
    case 'f64': return Value.f64(x as number);
    default: throw new TypeError(`a plain JS value cannot hold a ${t}`);
  }
}
