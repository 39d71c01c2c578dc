import { A, B, R } from './scratch.js';
import { ceil, floor, fmax, fmin, nearest, trunc, truncSatS32, truncSatU32 } from './float-math.js';
import type { V128Core } from './types.js';

/*
 * f32x4 and f64x2 instructions. abs, neg, pmin and pmax only move or flip bits,
 * so NaN payloads pass through them exactly; arithmetic may return any quiet NaN.
 */

export const FLOAT: Record<string, V128Core> = {
  'f32x4.eq': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] === B.f32[i] ? -1 : 0; },
  'f32x4.ne': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] !== B.f32[i] ? -1 : 0; },
  'f32x4.lt': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] < B.f32[i] ? -1 : 0; },
  'f32x4.gt': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] > B.f32[i] ? -1 : 0; },
  'f32x4.le': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] <= B.f32[i] ? -1 : 0; },
  'f32x4.ge': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] >= B.f32[i] ? -1 : 0; },
  'f32x4.add': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] + B.f32[i]; },
  'f32x4.sub': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] - B.f32[i]; },
  'f32x4.mul': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] * B.f32[i]; },
  'f32x4.div': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] / B.f32[i]; },
  'f32x4.min': () => { for (let i = 0; i < 4; i++) R.f32[i] = fmin(A.f32[i], B.f32[i]); },
  'f32x4.max': () => { for (let i = 0; i < 4; i++) R.f32[i] = fmax(A.f32[i], B.f32[i]); },
  'f32x4.sqrt': () => { for (let i = 0; i < 4; i++) R.f32[i] = Math.sqrt(A.f32[i]); },
  'f32x4.ceil': () => { for (let i = 0; i < 4; i++) R.f32[i] = ceil(A.f32[i]); },
  'f32x4.floor': () => { for (let i = 0; i < 4; i++) R.f32[i] = floor(A.f32[i]); },
  'f32x4.trunc': () => { for (let i = 0; i < 4; i++) R.f32[i] = trunc(A.f32[i]); },
  'f32x4.nearest': () => { for (let i = 0; i < 4; i++) R.f32[i] = nearest(A.f32[i]); },
  'f32x4.abs': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & 0x7fffffff; },
  'f32x4.neg': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] ^ 0x80000000; },
  // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, selecting the bits of an operand.
  'f32x4.pmin': () => { for (let i = 0; i < 4; i++) R.u32[i] = B.f32[i] < A.f32[i] ? B.u32[i] : A.u32[i]; },
  'f32x4.pmax': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.f32[i] < B.f32[i] ? B.u32[i] : A.u32[i]; },
  'f64x2.eq': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] === B.f64[i] ? -1 : 0; },
  'f64x2.ne': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] !== B.f64[i] ? -1 : 0; },
  'f64x2.lt': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] < B.f64[i] ? -1 : 0; },
  'f64x2.gt': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] > B.f64[i] ? -1 : 0; },
  'f64x2.le': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] <= B.f64[i] ? -1 : 0; },
  'f64x2.ge': () => { for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] >= B.f64[i] ? -1 : 0; },
  'f64x2.add': () => { for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] + B.f64[i]; },
  'f64x2.sub': () => { for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] - B.f64[i]; },
  'f64x2.mul': () => { for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] * B.f64[i]; },
  'f64x2.div': () => { for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] / B.f64[i]; },
  'f64x2.min': () => { for (let i = 0; i < 2; i++) R.f64[i] = fmin(A.f64[i], B.f64[i]); },
  'f64x2.max': () => { for (let i = 0; i < 2; i++) R.f64[i] = fmax(A.f64[i], B.f64[i]); },
  'f64x2.sqrt': () => { for (let i = 0; i < 2; i++) R.f64[i] = Math.sqrt(A.f64[i]); },
  'f64x2.ceil': () => { for (let i = 0; i < 2; i++) R.f64[i] = ceil(A.f64[i]); },
  'f64x2.floor': () => { for (let i = 0; i < 2; i++) R.f64[i] = floor(A.f64[i]); },
  'f64x2.trunc': () => { for (let i = 0; i < 2; i++) R.f64[i] = trunc(A.f64[i]); },
  'f64x2.nearest': () => { for (let i = 0; i < 2; i++) R.f64[i] = nearest(A.f64[i]); },
  'f64x2.abs': () => { R.u32[0] = A.u32[0]; R.u32[1] = A.u32[1] & 0x7fffffff; R.u32[2] = A.u32[2]; R.u32[3] = A.u32[3] & 0x7fffffff; },
  'f64x2.neg': () => { R.u32[0] = A.u32[0]; R.u32[1] = A.u32[1] ^ 0x80000000; R.u32[2] = A.u32[2]; R.u32[3] = A.u32[3] ^ 0x80000000; },
  'f64x2.pmin': () => { for (let i = 0; i < 2; i++) { const s = B.f64[i] < A.f64[i] ? B : A; R.u32[2 * i] = s.u32[2 * i]; R.u32[2 * i + 1] = s.u32[2 * i + 1]; } },
  'f64x2.pmax': () => { for (let i = 0; i < 2; i++) { const s = A.f64[i] < B.f64[i] ? B : A; R.u32[2 * i] = s.u32[2 * i]; R.u32[2 * i + 1] = s.u32[2 * i + 1]; } },

  'i32x4.trunc_sat_f32x4_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = truncSatS32(A.f32[i]); },
  'i32x4.trunc_sat_f32x4_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = truncSatU32(A.f32[i]); },
  'i32x4.trunc_sat_f64x2_s_zero': () => { R.i32[0] = truncSatS32(A.f64[0]); R.i32[1] = truncSatS32(A.f64[1]); R.u32[2] = R.u32[3] = 0; },
  'i32x4.trunc_sat_f64x2_u_zero': () => { R.u32[0] = truncSatU32(A.f64[0]); R.u32[1] = truncSatU32(A.f64[1]); R.u32[2] = R.u32[3] = 0; },
  // Integers are exact doubles, so the Float32Array store is the only (correctly tie-to-even) rounding.
  'f32x4.convert_i32x4_s': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.i32[i]; },
  'f32x4.convert_i32x4_u': () => { for (let i = 0; i < 4; i++) R.f32[i] = A.u32[i]; },
  'f64x2.convert_low_i32x4_s': () => { R.f64[0] = A.i32[0]; R.f64[1] = A.i32[1]; },
  'f64x2.convert_low_i32x4_u': () => { R.f64[0] = A.u32[0]; R.f64[1] = A.u32[1]; },
  'f32x4.demote_f64x2_zero': () => { R.f32[0] = A.f64[0]; R.f32[1] = A.f64[1]; R.u32[2] = R.u32[3] = 0; },
  'f64x2.promote_low_f32x4': () => { const x = A.f32[0], y = A.f32[1]; R.f64[0] = x; R.f64[1] = y; },
};
