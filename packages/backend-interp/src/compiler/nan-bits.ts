/**
 * Float bits for the JS tier. An f64 lives as a JS number (a double keeps a
 * signalling NaN's payload through moves). An f32 lives as the double of the
 * same value; a NaN f32 with payload p is the double NaN with payload p << 29
 * and the same sign, so the quiet bit lines up and `Math.fround` keeps the
 * encoding. Bits are converted explicitly, and only when a value is a NaN.
 */
const buf = new ArrayBuffer(8);
const w = new Int32Array(buf);
const d = new Float64Array(buf);
const s = new Float32Array(buf);
const q = new BigInt64Array(buf);

/** An f32 from its bits, in the tier's encoding. */
export function f32FromBits(b: number): number {
  if ((b & 0x7f800000) !== 0x7f800000 || (b & 0x7fffff) === 0) {
    w[0] = b;
    return s[0]!;
  }
  w[1] = (b & 0x80000000) | 0x7ff00000 | ((b & 0x7fffff) >>> 3);
  w[0] = b << 29;
  return d[0]!;
}

/** The bits of an f32 in the tier's encoding, as an i32. */
export function f32Bits(x: number): number {
  if (x === x) {
    s[0] = x;
    return w[0]!;
  }
  d[0] = x;
  let m = ((w[1]! & 0xfffff) << 3) | (w[0]! >>> 29);
  // a NaN from outside (a host's double) may have no payload in the top bits: keep it a NaN
  if (m === 0) m = 0x400000;
  return (w[1]! & 0x80000000) | 0x7f800000 | m;
}

export function f64FromBits(b: bigint): number {
  q[0] = b;
  return d[0]!;
}

export function f64Bits(x: number): bigint {
  d[0] = x;
  return q[0]!;
}

/** The same NaN with its quiet bit set (what an arithmetic operation must return for a NaN input). */
/** An f64 from the words of its bits (an i64 in the tier's form). */
export function f64FromWords(lo: number, hi: number): number {
  w[0] = lo;
  w[1] = hi;
  return d[0]!;
}

/** The low word of an f64's bits; the high word goes to `hi[0]`. */
export function f64Words(x: number, hi: Int32Array): number {
  d[0] = x;
  hi[0] = w[1]!;
  return w[0]!;
}

export function quiet(x: number): number {
  d[0] = x;
  w[1] = w[1]! | 0x80000;
  return d[0]!;
}

export function fneg(x: number): number {
  if (x === x) return -x;
  d[0] = x;
  w[1] = w[1]! ^ 0x80000000;
  return d[0]!;
}

export function fabs(x: number): number {
  if (x === x) return Math.abs(x);
  d[0] = x;
  w[1] = w[1]! & 0x7fffffff;
  return d[0]!;
}

export function copysign(x: number, y: number): number {
  d[0] = y;
  const sign = w[1]! & 0x80000000;
  d[0] = x;
  w[1] = (w[1]! & 0x7fffffff) | sign;
  return d[0]!;
}

/** An f32 as the JS value a typed host function or a Float32Array would give (NaNs keep their bits). */
export function f32FromHost(x: number): number {
  return x === x ? Math.fround(x) : x;
}
