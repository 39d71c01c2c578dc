import { A, B, R, in1, out, store } from './scratch.js';
import type { ExtractOp, ReplaceOp, SimdScalar, SplatOp, V128, V128Core } from './types.js';

/*
 * Lane moves: splat, extract_lane, replace_lane, shuffle, swizzle. They copy
 * bits and never convert floats to JS numbers, so every NaN payload survives.
 * Scalars: i32 number, i64 bigint, f32 raw bits (uint32 number), f64 raw bits (bigint).
 */

function fill32(o: V128, x: number): void {
  for (let i = 0; i < 16; i += 4) {
    o[i] = x;
    o[i + 1] = x >>> 8;
    o[i + 2] = x >>> 16;
    o[i + 3] = x >>> 24;
  }
}

function fill64(o: V128, x: SimdScalar): void {
  R.i64[0] = x as bigint;
  R.i64[1] = R.i64[0];
  out(o);
}

function read32(a: V128, at: number): number {
  return (a[at] | (a[at + 1] << 8) | (a[at + 2] << 16) | (a[at + 3] << 24)) >>> 0;
}

export const SPLAT: Record<string, SplatOp> = {
  'i8x16.splat': (o, x) => { o.fill((x as number) & 0xff); },
  'i16x8.splat': (o, x) => { const v = x as number; for (let i = 0; i < 16; i += 2) { o[i] = v; o[i + 1] = v >>> 8; } },
  'i32x4.splat': (o, x) => fill32(o, x as number),
  'f32x4.splat': (o, x) => fill32(o, x as number),
  'i64x2.splat': fill64,
  'f64x2.splat': fill64,
};

export const EXTRACT: Record<string, ExtractOp> = {
  'i8x16.extract_lane_s': (a, l) => (a[l] << 24) >> 24,
  'i8x16.extract_lane_u': (a, l) => a[l],
  'i16x8.extract_lane_s': (a, l) => ((a[2 * l] | (a[2 * l + 1] << 8)) << 16) >> 16,
  'i16x8.extract_lane_u': (a, l) => a[2 * l] | (a[2 * l + 1] << 8),
  'i32x4.extract_lane': (a, l) => read32(a, 4 * l) | 0,
  'f32x4.extract_lane': (a, l) => read32(a, 4 * l),
  'i64x2.extract_lane': (a, l) => { in1(a); return A.i64[l]; },
  'f64x2.extract_lane': (a, l) => { in1(a); return A.u64[l]; },
};

/* Replacement works on a copy of `a` in register A, so `out` may alias `a`. */
export const REPLACE: Record<string, ReplaceOp> = {
  'i8x16.replace_lane': (o, a, l, x) => { in1(a); A.u8[l] = x as number; store(o, A); },
  'i16x8.replace_lane': (o, a, l, x) => { in1(a); A.u16[l] = x as number; store(o, A); },
  'i32x4.replace_lane': (o, a, l, x) => { in1(a); A.u32[l] = x as number; store(o, A); },
  'f32x4.replace_lane': (o, a, l, x) => { in1(a); A.u32[l] = x as number; store(o, A); },
  'i64x2.replace_lane': (o, a, l, x) => { in1(a); A.i64[l] = x as bigint; store(o, A); },
  'f64x2.replace_lane': (o, a, l, x) => { in1(a); A.i64[l] = x as bigint; store(o, A); },
};

/** i8x16.shuffle: result byte i is byte lanes[i] of a ++ b (each index < 32, checked by validation). */
export function simdShuffle(o: V128, a: V128, b: V128, lanes: Uint8Array): void {
  for (let i = 0; i < 16; i++) {
    const k = lanes[i];
    R.u8[i] = k < 16 ? a[k] : b[k - 16];
  }
  out(o);
}

export const MOVE: Record<string, V128Core> = {
  // Byte i of the result is byte b[i] of a, or 0 when b[i] >= 16.
  'i8x16.swizzle': () => {
    for (let i = 0; i < 16; i++) {
      const k = B.u8[i];
      R.u8[i] = k < 16 ? A.u8[k] : 0;
    }
  },
};
