import { A, B, R, in1, in2, out, store } from './scratch.js';
import { ceil, floor, fmax, fmin, nearest, trunc, truncSatS32, truncSatU32 } from './float-math.js';
import type { V128Op } from './types.js';

/*
 * f32x4 and f64x2 instructions. abs, neg, pmin and pmax only move or flip bits,
 * so NaN payloads pass through them exactly; arithmetic may return any quiet NaN.
 */

export const FLOAT: Record<string, V128Op> = {
  'f32x4.eq': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] === B.f32[i] ? -1 : 0; out(o); },
  'f32x4.ne': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] !== B.f32[i] ? -1 : 0; out(o); },
  'f32x4.lt': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] < B.f32[i] ? -1 : 0; out(o); },
  'f32x4.gt': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] > B.f32[i] ? -1 : 0; out(o); },
  'f32x4.le': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] <= B.f32[i] ? -1 : 0; out(o); },
  'f32x4.ge': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.f32[i] >= B.f32[i] ? -1 : 0; out(o); },
  'f32x4.add': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] + B.f32[i]; out(o); },
  'f32x4.sub': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] - B.f32[i]; out(o); },
  'f32x4.mul': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] * B.f32[i]; out(o); },
  'f32x4.div': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = A.f32[i] / B.f32[i]; out(o); },
  'f32x4.min': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = fmin(A.f32[i], B.f32[i]); out(o); },
  'f32x4.max': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.f32[i] = fmax(A.f32[i], B.f32[i]); out(o); },
  'f32x4.sqrt': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = Math.sqrt(A.f32[i]); out(o); },
  'f32x4.ceil': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = ceil(A.f32[i]); out(o); },
  'f32x4.floor': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = floor(A.f32[i]); out(o); },
  'f32x4.trunc': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = trunc(A.f32[i]); out(o); },
  'f32x4.nearest': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = nearest(A.f32[i]); out(o); },
  'f32x4.abs': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & 0x7fffffff; out(o); },
  'f32x4.neg': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] ^ 0x80000000; out(o); },
  // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, selecting the bits of an operand.
  'f32x4.pmin': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = B.f32[i] < A.f32[i] ? B.u32[i] : A.u32[i]; out(o); },
  'f32x4.pmax': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.f32[i] < B.f32[i] ? B.u32[i] : A.u32[i]; out(o); },
  'f64x2.eq': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] === B.f64[i] ? -1 : 0; out(o); },
  'f64x2.ne': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] !== B.f64[i] ? -1 : 0; out(o); },
  'f64x2.lt': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] < B.f64[i] ? -1 : 0; out(o); },
  'f64x2.gt': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] > B.f64[i] ? -1 : 0; out(o); },
  'f64x2.le': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] <= B.f64[i] ? -1 : 0; out(o); },
  'f64x2.ge': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.i32[2 * i] = R.i32[2 * i + 1] = A.f64[i] >= B.f64[i] ? -1 : 0; out(o); },
  'f64x2.add': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] + B.f64[i]; out(o); },
  'f64x2.sub': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] - B.f64[i]; out(o); },
  'f64x2.mul': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] * B.f64[i]; out(o); },
  'f64x2.div': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = A.f64[i] / B.f64[i]; out(o); },
  'f64x2.min': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = fmin(A.f64[i], B.f64[i]); out(o); },
  'f64x2.max': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) R.f64[i] = fmax(A.f64[i], B.f64[i]); out(o); },
  'f64x2.sqrt': (o, a) => { in1(a); for (let i = 0; i < 2; i++) R.f64[i] = Math.sqrt(A.f64[i]); out(o); },
  'f64x2.ceil': (o, a) => { in1(a); for (let i = 0; i < 2; i++) R.f64[i] = ceil(A.f64[i]); out(o); },
  'f64x2.floor': (o, a) => { in1(a); for (let i = 0; i < 2; i++) R.f64[i] = floor(A.f64[i]); out(o); },
  'f64x2.trunc': (o, a) => { in1(a); for (let i = 0; i < 2; i++) R.f64[i] = trunc(A.f64[i]); out(o); },
  'f64x2.nearest': (o, a) => { in1(a); for (let i = 0; i < 2; i++) R.f64[i] = nearest(A.f64[i]); out(o); },
  'f64x2.abs': (o, a) => { in1(a); A.u32[1] &= 0x7fffffff; A.u32[3] &= 0x7fffffff; store(o, A); },
  'f64x2.neg': (o, a) => { in1(a); A.u32[1] ^= 0x80000000; A.u32[3] ^= 0x80000000; store(o, A); },
  'f64x2.pmin': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) { const s = B.f64[i] < A.f64[i] ? B : A; R.u32[2 * i] = s.u32[2 * i]; R.u32[2 * i + 1] = s.u32[2 * i + 1]; } out(o); },
  'f64x2.pmax': (o, a, b) => { in2(a, b); for (let i = 0; i < 2; i++) { const s = A.f64[i] < B.f64[i] ? B : A; R.u32[2 * i] = s.u32[2 * i]; R.u32[2 * i + 1] = s.u32[2 * i + 1]; } out(o); },

  'i32x4.trunc_sat_f32x4_s': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.i32[i] = truncSatS32(A.f32[i]); out(o); },
  'i32x4.trunc_sat_f32x4_u': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = truncSatU32(A.f32[i]); out(o); },
  'i32x4.trunc_sat_f64x2_s_zero': (o, a) => { in1(a); R.i32[0] = truncSatS32(A.f64[0]); R.i32[1] = truncSatS32(A.f64[1]); R.u32[2] = R.u32[3] = 0; out(o); },
  'i32x4.trunc_sat_f64x2_u_zero': (o, a) => { in1(a); R.u32[0] = truncSatU32(A.f64[0]); R.u32[1] = truncSatU32(A.f64[1]); R.u32[2] = R.u32[3] = 0; out(o); },
  // Integers are exact doubles, so the Float32Array store is the only (correctly tie-to-even) rounding.
  'f32x4.convert_i32x4_s': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = A.i32[i]; out(o); },
  'f32x4.convert_i32x4_u': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.f32[i] = A.u32[i]; out(o); },
  'f64x2.convert_low_i32x4_s': (o, a) => { in1(a); R.f64[0] = A.i32[0]; R.f64[1] = A.i32[1]; out(o); },
  'f64x2.convert_low_i32x4_u': (o, a) => { in1(a); R.f64[0] = A.u32[0]; R.f64[1] = A.u32[1]; out(o); },
  'f32x4.demote_f64x2_zero': (o, a) => { in1(a); R.f32[0] = A.f64[0]; R.f32[1] = A.f64[1]; R.u32[2] = R.u32[3] = 0; out(o); },
  'f64x2.promote_low_f32x4': (o, a) => { in1(a); const x = A.f32[0], y = A.f32[1]; R.f64[0] = x; R.f64[1] = y; out(o); },
};
