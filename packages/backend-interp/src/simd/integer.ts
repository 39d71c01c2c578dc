import { A, B, R, in1, out } from './scratch.js';
import type { ShiftOp, TestOp, V128Core } from './types.js';

/* Lanewise integer instructions on i8x16, i16x8 and i32x4. Typed-array stores wrap results modulo the lane width. */

export const INT_COMPARE: Record<string, V128Core> = {
  'i8x16.eq': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] === B.u8[i] ? -1 : 0; },
  'i8x16.ne': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] !== B.u8[i] ? -1 : 0; },
  'i8x16.lt_s': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] < B.i8[i] ? -1 : 0; },
  'i8x16.lt_u': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] < B.u8[i] ? -1 : 0; },
  'i8x16.gt_s': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] > B.i8[i] ? -1 : 0; },
  'i8x16.gt_u': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] > B.u8[i] ? -1 : 0; },
  'i8x16.le_s': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] <= B.i8[i] ? -1 : 0; },
  'i8x16.le_u': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] <= B.u8[i] ? -1 : 0; },
  'i8x16.ge_s': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] >= B.i8[i] ? -1 : 0; },
  'i8x16.ge_u': () => { for (let i = 0; i < 16; i++) R.i8[i] = A.u8[i] >= B.u8[i] ? -1 : 0; },
  'i16x8.eq': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] === B.u16[i] ? -1 : 0; },
  'i16x8.ne': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] !== B.u16[i] ? -1 : 0; },
  'i16x8.lt_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] < B.i16[i] ? -1 : 0; },
  'i16x8.lt_u': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] < B.u16[i] ? -1 : 0; },
  'i16x8.gt_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] > B.i16[i] ? -1 : 0; },
  'i16x8.gt_u': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] > B.u16[i] ? -1 : 0; },
  'i16x8.le_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] <= B.i16[i] ? -1 : 0; },
  'i16x8.le_u': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] <= B.u16[i] ? -1 : 0; },
  'i16x8.ge_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] >= B.i16[i] ? -1 : 0; },
  'i16x8.ge_u': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.u16[i] >= B.u16[i] ? -1 : 0; },
  'i32x4.eq': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] === B.u32[i] ? -1 : 0; },
  'i32x4.ne': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] !== B.u32[i] ? -1 : 0; },
  'i32x4.lt_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] < B.i32[i] ? -1 : 0; },
  'i32x4.lt_u': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] < B.u32[i] ? -1 : 0; },
  'i32x4.gt_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] > B.i32[i] ? -1 : 0; },
  'i32x4.gt_u': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] > B.u32[i] ? -1 : 0; },
  'i32x4.le_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] <= B.i32[i] ? -1 : 0; },
  'i32x4.le_u': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] <= B.u32[i] ? -1 : 0; },
  'i32x4.ge_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] >= B.i32[i] ? -1 : 0; },
  'i32x4.ge_u': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.u32[i] >= B.u32[i] ? -1 : 0; },
};

export const INT_ARITH: Record<string, V128Core> = {
  // i8 and i16 add/sub work on whole words (SWAR): adding the low 7 (15) bits of each lane cannot carry into
  // the next lane, and the top bit of each lane is then fixed up with xor.
  'i8x16.add': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = ((x & 0x7f7f7f7f) + (y & 0x7f7f7f7f)) ^ ((x ^ y) & 0x80808080); } },
  'i8x16.sub': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = ((x | 0x80808080) - (y & 0x7f7f7f7f)) ^ ((x ^ ~y) & 0x80808080); } },
  'i16x8.add': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = ((x & 0x7fff7fff) + (y & 0x7fff7fff)) ^ ((x ^ y) & 0x80008000); } },
  'i16x8.sub': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = ((x | 0x80008000) - (y & 0x7fff7fff)) ^ ((x ^ ~y) & 0x80008000); } },
  'i32x4.add': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] + B.i32[i]; },
  'i32x4.sub': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] - B.i32[i]; },
  'i8x16.add_sat_s': () => { for (let i = 0; i < 16; i++) { const v = A.i8[i] + B.i8[i]; R.i8[i] = v > 127 ? 127 : v < -128 ? -128 : v; } },
  'i8x16.add_sat_u': () => { for (let i = 0; i < 16; i++) { const v = A.u8[i] + B.u8[i]; R.u8[i] = v > 255 ? 255 : v; } },
  'i8x16.sub_sat_s': () => { for (let i = 0; i < 16; i++) { const v = A.i8[i] - B.i8[i]; R.i8[i] = v > 127 ? 127 : v < -128 ? -128 : v; } },
  'i8x16.sub_sat_u': () => { for (let i = 0; i < 16; i++) { const v = A.u8[i] - B.u8[i]; R.u8[i] = v < 0 ? 0 : v; } },
  'i8x16.avgr_u': () => { for (let i = 0; i < 16; i++) R.u8[i] = (A.u8[i] + B.u8[i] + 1) >>> 1; },
  'i8x16.min_s': () => { for (let i = 0; i < 16; i++) { const x = A.i8[i], y = B.i8[i]; R.i8[i] = x < y ? x : y; } },
  'i8x16.max_s': () => { for (let i = 0; i < 16; i++) { const x = A.i8[i], y = B.i8[i]; R.i8[i] = x > y ? x : y; } },
  'i8x16.min_u': () => { for (let i = 0; i < 16; i++) { const x = A.u8[i], y = B.u8[i]; R.u8[i] = x < y ? x : y; } },
  'i8x16.max_u': () => { for (let i = 0; i < 16; i++) { const x = A.u8[i], y = B.u8[i]; R.u8[i] = x > y ? x : y; } },
  'i8x16.abs': () => { for (let i = 0; i < 16; i++) { const x = A.i8[i]; R.i8[i] = x < 0 ? -x : x; } },
  'i8x16.neg': () => { for (let i = 0; i < 16; i++) R.i8[i] = -A.i8[i]; },
  'i16x8.mul': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] * B.i16[i]; },
  'i16x8.add_sat_s': () => { for (let i = 0; i < 8; i++) { const v = A.i16[i] + B.i16[i]; R.i16[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v; } },
  'i16x8.add_sat_u': () => { for (let i = 0; i < 8; i++) { const v = A.u16[i] + B.u16[i]; R.u16[i] = v > 65535 ? 65535 : v; } },
  'i16x8.sub_sat_s': () => { for (let i = 0; i < 8; i++) { const v = A.i16[i] - B.i16[i]; R.i16[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v; } },
  'i16x8.sub_sat_u': () => { for (let i = 0; i < 8; i++) { const v = A.u16[i] - B.u16[i]; R.u16[i] = v < 0 ? 0 : v; } },
  'i16x8.avgr_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = (A.u16[i] + B.u16[i] + 1) >>> 1; },
  'i16x8.min_s': () => { for (let i = 0; i < 8; i++) { const x = A.i16[i], y = B.i16[i]; R.i16[i] = x < y ? x : y; } },
  'i16x8.max_s': () => { for (let i = 0; i < 8; i++) { const x = A.i16[i], y = B.i16[i]; R.i16[i] = x > y ? x : y; } },
  'i16x8.min_u': () => { for (let i = 0; i < 8; i++) { const x = A.u16[i], y = B.u16[i]; R.u16[i] = x < y ? x : y; } },
  'i16x8.max_u': () => { for (let i = 0; i < 8; i++) { const x = A.u16[i], y = B.u16[i]; R.u16[i] = x > y ? x : y; } },
  'i16x8.abs': () => { for (let i = 0; i < 8; i++) { const x = A.i16[i]; R.i16[i] = x < 0 ? -x : x; } },
  'i16x8.neg': () => { for (let i = 0; i < 8; i++) R.i16[i] = -A.i16[i]; },
  'i32x4.mul': () => { for (let i = 0; i < 4; i++) R.i32[i] = Math.imul(A.i32[i], B.i32[i]); },
  'i32x4.min_s': () => { for (let i = 0; i < 4; i++) { const x = A.i32[i], y = B.i32[i]; R.i32[i] = x < y ? x : y; } },
  'i32x4.max_s': () => { for (let i = 0; i < 4; i++) { const x = A.i32[i], y = B.i32[i]; R.i32[i] = x > y ? x : y; } },
  'i32x4.min_u': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = x < y ? x : y; } },
  'i32x4.max_u': () => { for (let i = 0; i < 4; i++) { const x = A.u32[i], y = B.u32[i]; R.u32[i] = x > y ? x : y; } },
  'i32x4.abs': () => { for (let i = 0; i < 4; i++) { const x = A.i32[i]; R.i32[i] = x < 0 ? -x : x; } },
  'i32x4.neg': () => { for (let i = 0; i < 4; i++) R.i32[i] = -A.i32[i]; },
  'i8x16.popcnt': () => { for (let i = 0; i < 16; i++) R.u8[i] = POPCNT8[A.u8[i]]; },
  // (a * b + 2^14) >> 15; only -32768 * -32768 overflows, saturating to 32767.
  'i16x8.q15mulr_sat_s': () => { for (let i = 0; i < 8; i++) { const v = (A.i16[i] * B.i16[i] + 0x4000) >> 15; R.i16[i] = v > 32767 ? 32767 : v; } },
};

const POPCNT8 = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCNT8[i] = (i & 1) + POPCNT8[i >>> 1];

export const INT_SHIFT: Record<string, ShiftOp> = {
  'i8x16.shl': (o, a, count) => { in1(a); const k = count & 7; for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] << k; out(o); },
  'i8x16.shr_s': (o, a, count) => { in1(a); const k = count & 7; for (let i = 0; i < 16; i++) R.i8[i] = A.i8[i] >> k; out(o); },
  'i8x16.shr_u': (o, a, count) => { in1(a); const k = count & 7; for (let i = 0; i < 16; i++) R.u8[i] = A.u8[i] >>> k; out(o); },
  'i16x8.shl': (o, a, count) => { in1(a); const k = count & 15; for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] << k; out(o); },
  'i16x8.shr_s': (o, a, count) => { in1(a); const k = count & 15; for (let i = 0; i < 8; i++) R.i16[i] = A.i16[i] >> k; out(o); },
  'i16x8.shr_u': (o, a, count) => { in1(a); const k = count & 15; for (let i = 0; i < 8; i++) R.u16[i] = A.u16[i] >>> k; out(o); },
  'i32x4.shl': (o, a, count) => { in1(a); const k = count & 31; for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] << k; out(o); },
  'i32x4.shr_s': (o, a, count) => { in1(a); const k = count & 31; for (let i = 0; i < 4; i++) R.i32[i] = A.i32[i] >> k; out(o); },
  'i32x4.shr_u': (o, a, count) => { in1(a); const k = count & 31; for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] >>> k; out(o); },
};

export const INT_TEST: Record<string, TestOp> = {
  'i8x16.all_true': (a) => { in1(a); for (let i = 0; i < 16; i++) if (A.u8[i] === 0) return 0; return 1; },
  'i8x16.bitmask': (a) => { in1(a); let m = 0; for (let i = 0; i < 16; i++) m |= (A.u8[i] >>> 7) << i; return m; },
  'i16x8.all_true': (a) => { in1(a); for (let i = 0; i < 8; i++) if (A.u16[i] === 0) return 0; return 1; },
  'i16x8.bitmask': (a) => { in1(a); let m = 0; for (let i = 0; i < 8; i++) m |= (A.u16[i] >>> 15) << i; return m; },
  'i32x4.all_true': (a) => { in1(a); for (let i = 0; i < 4; i++) if (A.u32[i] === 0) return 0; return 1; },
  'i32x4.bitmask': (a) => { in1(a); let m = 0; for (let i = 0; i < 4; i++) m |= (A.u32[i] >>> 31) << i; return m; },
};
