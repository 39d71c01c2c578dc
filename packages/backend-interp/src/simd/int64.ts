import { A, B, R, in1, out } from './scratch.js';
import type { ShiftOp, TestOp, V128Core } from './types.js';

/*
 * i64x2 instructions in 32-bit limb arithmetic (no BigInt, so nothing is
 * allocated). Lane j is the pair u32[2j] (low word) and u32[2j + 1] (high word).
 */

let prodLo = 0;
let prodHi = 0;

/** The full 64-bit product of two uint32s, into prodLo/prodHi. */
function mulU32(a: number, b: number): void {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  prodLo = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  prodHi = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** Signed 64-bit product of two int32s given as uint32 bits: the unsigned product minus 2^32 * (the other operand) per negative operand. */
function mulS32(a: number, b: number): void {
  mulU32(a, b);
  let hi = prodHi;
  if (a >= 0x80000000) hi -= b;
  if (b >= 0x80000000) hi -= a;
  prodHi = hi >>> 0;
}

/** Signed comparison of lane j of A and B: negative, zero or positive. */
function cmpS64(j: number): number {
  const ah = A.i32[2 * j + 1], bh = B.i32[2 * j + 1];
  if (ah !== bh) return ah < bh ? -1 : 1;
  const al = A.u32[2 * j], bl = B.u32[2 * j];
  return al === bl ? 0 : al < bl ? -1 : 1;
}

function setLane(j: number, lo: number, hi: number): void {
  R.u32[2 * j] = lo;
  R.u32[2 * j + 1] = hi;
}

function setMask(j: number, cond: boolean): void {
  const m = cond ? 0xffffffff : 0;
  R.u32[2 * j] = m;
  R.u32[2 * j + 1] = m;
}

function negLane(j: number, lo: number, hi: number): void {
  // -x = ~x + 1; the carry into the high word happens only when the low word is 0.
  setLane(j, -lo, lo === 0 ? -hi : ~hi);
}

function extmul(signed: boolean, first: number): V128Core {
  return () => {
    for (let j = 0; j < 2; j++) {
      if (signed) mulS32(A.u32[first + j], B.u32[first + j]);
      else mulU32(A.u32[first + j], B.u32[first + j]);
      setLane(j, prodLo, prodHi);
    }
  };
}

export const INT64: Record<string, V128Core> = {
  'i64x2.add': () => {
    for (let j = 0; j < 2; j++) {
      const lo = A.u32[2 * j] + B.u32[2 * j];
      setLane(j, lo, A.u32[2 * j + 1] + B.u32[2 * j + 1] + (lo > 0xffffffff ? 1 : 0));
    }
  },
  'i64x2.sub': () => {
    for (let j = 0; j < 2; j++) {
      const al = A.u32[2 * j], bl = B.u32[2 * j];
      setLane(j, al - bl, A.u32[2 * j + 1] - B.u32[2 * j + 1] - (al < bl ? 1 : 0));
    }
  },
  'i64x2.mul': () => {
    for (let j = 0; j < 2; j++) {
      const al = A.u32[2 * j], ah = A.u32[2 * j + 1], bl = B.u32[2 * j], bh = B.u32[2 * j + 1];
      mulU32(al, bl);
      setLane(j, prodLo, prodHi + Math.imul(al, bh) + Math.imul(ah, bl));
    }
  },
  'i64x2.neg': () => {
    for (let j = 0; j < 2; j++) negLane(j, A.u32[2 * j], A.u32[2 * j + 1]);
  },
  'i64x2.abs': () => {
    for (let j = 0; j < 2; j++) {
      const lo = A.u32[2 * j], hi = A.u32[2 * j + 1];
      if (hi >= 0x80000000) negLane(j, lo, hi);
      else setLane(j, lo, hi);
    }
  },
  'i64x2.eq': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) === 0); },
  'i64x2.ne': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) !== 0); },
  'i64x2.lt_s': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) < 0); },
  'i64x2.gt_s': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) > 0); },
  'i64x2.le_s': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) <= 0); },
  'i64x2.ge_s': () => { for (let j = 0; j < 2; j++) setMask(j, cmpS64(j) >= 0); },
  'i64x2.extend_low_i32x4_s': () => { for (let j = 0; j < 2; j++) setLane(j, A.i32[j], A.i32[j] >> 31); },
  'i64x2.extend_high_i32x4_s': () => { for (let j = 0; j < 2; j++) setLane(j, A.i32[j + 2], A.i32[j + 2] >> 31); },
  'i64x2.extend_low_i32x4_u': () => { for (let j = 0; j < 2; j++) setLane(j, A.u32[j], 0); },
  'i64x2.extend_high_i32x4_u': () => { for (let j = 0; j < 2; j++) setLane(j, A.u32[j + 2], 0); },
  'i64x2.extmul_low_i32x4_s': extmul(true, 0),
  'i64x2.extmul_high_i32x4_s': extmul(true, 2),
  'i64x2.extmul_low_i32x4_u': extmul(false, 0),
  'i64x2.extmul_high_i32x4_u': extmul(false, 2),
};

export const INT64_SHIFT: Record<string, ShiftOp> = {
  'i64x2.shl': (o, a, count) => {
    in1(a);
    const k = count & 63;
    for (let j = 0; j < 2; j++) {
      const lo = A.u32[2 * j], hi = A.u32[2 * j + 1];
      if (k === 0) setLane(j, lo, hi);
      else if (k < 32) setLane(j, lo << k, (hi << k) | (lo >>> (32 - k)));
      else setLane(j, 0, lo << (k - 32));
    }
    out(o);
  },
  'i64x2.shr_s': (o, a, count) => {
    in1(a);
    const k = count & 63;
    for (let j = 0; j < 2; j++) {
      const lo = A.u32[2 * j], hi = A.i32[2 * j + 1];
      if (k === 0) setLane(j, lo, hi);
      else if (k < 32) setLane(j, (lo >>> k) | (hi << (32 - k)), hi >> k);
      else setLane(j, hi >> (k - 32), hi >> 31);
    }
    out(o);
  },
  'i64x2.shr_u': (o, a, count) => {
    in1(a);
    const k = count & 63;
    for (let j = 0; j < 2; j++) {
      const lo = A.u32[2 * j], hi = A.u32[2 * j + 1];
      if (k === 0) setLane(j, lo, hi);
      else if (k < 32) setLane(j, (lo >>> k) | (hi << (32 - k)), hi >>> k);
      else setLane(j, hi >>> (k - 32), 0);
    }
    out(o);
  },
};

export const INT64_TEST: Record<string, TestOp> = {
  'i64x2.all_true': (a) => { in1(a); return (A.u32[0] | A.u32[1]) !== 0 && (A.u32[2] | A.u32[3]) !== 0 ? 1 : 0; },
  'i64x2.bitmask': (a) => { in1(a); return (A.u32[1] >>> 31) | ((A.u32[3] >>> 31) << 1); },
};
