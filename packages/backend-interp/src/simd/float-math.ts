/*
 * Scalar IEEE-754 helpers shared by the f32x4 and f64x2 lanes. f32 lanes
 * compute in double precision and round once when stored to a Float32Array;
 * for + - * / and sqrt that double rounding equals direct f32 rounding
 * (53 >= 2 * 24 + 2). NaN results are quiet NaNs, which the spec allows.
 */

/** WebAssembly fmin: NaN if either operand is NaN, and -0 is less than +0. */
export function fmin(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return x === 0 && 1 / x < 0 ? x : y;
  return x < y ? x : y;
}

/** WebAssembly fmax: NaN if either operand is NaN, and +0 is greater than -0. */
export function fmax(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return x === 0 && 1 / x > 0 ? x : y;
  return x > y ? x : y;
}

/** Round to the nearest integer, ties to even, keeping the sign of zero. */
export function nearest(x: number): number {
  if (x !== x) return NaN;
  // Every double of magnitude >= 2^52 (and every f32 of magnitude >= 2^23) is already an integer.
  if (!(Math.abs(x) < 4503599627370496)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
  return r === 0 && (x < 0 || 1 / x < 0) ? -0 : r;
}

/** i32.trunc_sat_f*_s: NaN -> 0, out-of-range values saturate. */
export function truncSatS32(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

/** i32.trunc_sat_f*_u: NaN -> 0, out-of-range values saturate; returns the uint32 value. */
export function truncSatU32(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return 4294967295;
  return Math.trunc(x);
}

/*
 * Math.ceil/floor/trunc hand a NaN argument back unchanged, so a signalling
 * f64 NaN would survive; the spec requires an arithmetic (quiet) NaN.
 */
export const ceil = (x: number): number => (x !== x ? NaN : Math.ceil(x));
export const floor = (x: number): number => (x !== x ? NaN : Math.floor(x));
export const trunc = (x: number): number => (x !== x ? NaN : Math.trunc(x));
