import { Value, type BackendValue, type ValueType } from '@wrl/core/backend';
import type { RefValue } from './refs.js';

const scratch = new ArrayBuffer(16);
const s32 = new Int32Array(scratch);
const sf32 = new Float32Array(scratch);
const sf64 = new Float64Array(scratch);
const s64 = new BigInt64Array(scratch);
const su8 = new Uint8Array(scratch);

/** A Value from words at `w[at..]` (and a reference), keeping NaN bits exact. */
export function valueFromWords(t: ValueType, w: Int32Array, at: number, ref: RefValue): BackendValue {
  switch (t) {
    case 'i32':
      return Value.i32(w[at]!);
    case 'i64':
      s32[0] = w[at]!;
      s32[1] = w[at + 1]!;
      return Value.i64(s64[0]!);
    case 'f32': {
      s32[0] = w[at]!;
      const n = sf32[0]!;
      return n === n ? Value.f32(n) : Value.f32FromBits(w[at]! >>> 0);
    }
    case 'f64': {
      s32[0] = w[at]!;
      s32[1] = w[at + 1]!;
      const n = sf64[0]!;
      return n === n ? Value.f64(n) : Value.f64FromBits(s64[0]!);
    }
    case 'v128':
      for (let i = 0; i < 4; i++) s32[i] = w[at + i]!;
      return Value.v128(su8.slice());
    case 'funcref':
      return Value.ref('funcref', ref as never);
    case 'externref':
      return Value.ref('externref', ref as never);
  }
}

/** Writes a Value's bits to `w[at..]`; returns its reference payload (null for numbers). */
export function valueToWords(v: BackendValue, w: Int32Array, at: number): RefValue {
  switch (v.type) {
    case 'i32':
      w[at] = v.value as number;
      w[at + 1] = 0;
      return null;
    case 'i64':
      s64[0] = v.value as bigint;
      w[at] = s32[0]!;
      w[at + 1] = s32[1]!;
      return null;
    case 'f32': {
      const n = v.value as number;
      if (n === n) sf32[0] = n;
      else s32[0] = v.f32Bits();
      w[at] = s32[0]!;
      w[at + 1] = 0;
      return null;
    }
    case 'f64': {
      const n = v.value as number;
      if (n === n) sf64[0] = n;
      else s64[0] = BigInt.asIntN(64, v.f64Bits());
      w[at] = s32[0]!;
      w[at + 1] = s32[1]!;
      return null;
    }
    case 'v128': {
      su8.set(v.v128Bytes());
      for (let i = 0; i < 4; i++) w[at + i] = s32[i]!;
      return null;
    }
    default:
      return v.value as RefValue;
  }
}
