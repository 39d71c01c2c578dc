import { A, B, R, in1, in2, out } from './scratch.js';
import type { V128Op } from './types.js';

/* Instructions that change lane width within i8/i16/i32 lanes: extend, extmul, extadd_pairwise, dot, narrow. */

export const WIDEN: Record<string, V128Op> = {
  'i16x8.extend_low_i8x16_s': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i]; out(o); },
  'i16x8.extend_high_i8x16_s': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i + 8]; out(o); },
  'i16x8.extend_low_i8x16_u': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i]; out(o); },
  'i16x8.extend_high_i8x16_u': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i + 8]; out(o); },
  'i32x4.extend_low_i16x8_s': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i]; out(o); },
  'i32x4.extend_high_i16x8_s': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i + 4]; out(o); },
  'i32x4.extend_low_i16x8_u': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i]; out(o); },
  'i32x4.extend_high_i16x8_u': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i + 4]; out(o); },

  'i16x8.extmul_low_i8x16_s': (o, a, b) => { in2(a, b); for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i] * B.i8[i]; out(o); },
  'i16x8.extmul_high_i8x16_s': (o, a, b) => { in2(a, b); for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i + 8] * B.i8[i + 8]; out(o); },
  'i16x8.extmul_low_i8x16_u': (o, a, b) => { in2(a, b); for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i] * B.u8[i]; out(o); },
  'i16x8.extmul_high_i8x16_u': (o, a, b) => { in2(a, b); for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i + 8] * B.u8[i + 8]; out(o); },
  // Products of i16 fit a double exactly; the Int32Array/Uint32Array store keeps the low 32 bits.
  'i32x4.extmul_low_i16x8_s': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i] * B.i16[i]; out(o); },
  'i32x4.extmul_high_i16x8_s': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i + 4] * B.i16[i + 4]; out(o); },
  'i32x4.extmul_low_i16x8_u': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i] * B.u16[i]; out(o); },
  'i32x4.extmul_high_i16x8_u': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i + 4] * B.u16[i + 4]; out(o); },

  'i16x8.extadd_pairwise_i8x16_s': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.i16[i] = A.i8[2 * i] + A.i8[2 * i + 1]; out(o); },
  'i16x8.extadd_pairwise_i8x16_u': (o, a) => { in1(a); for (let i = 0; i < 8; i++) R.u16[i] = A.u8[2 * i] + A.u8[2 * i + 1]; out(o); },
  'i32x4.extadd_pairwise_i16x8_s': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.i32[i] = A.i16[2 * i] + A.i16[2 * i + 1]; out(o); },
  'i32x4.extadd_pairwise_i16x8_u': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = A.u16[2 * i] + A.u16[2 * i + 1]; out(o); },

  // Only (-32768 * -32768) * 2 = 2^31 overflows; the spec wraps it to -2^31, as the Int32Array store does.
  'i32x4.dot_i16x8_s': (o, a, b) => {
    in2(a, b);
    for (let i = 0; i < 4; i++) R.i32[i] = A.i16[2 * i] * B.i16[2 * i] + A.i16[2 * i + 1] * B.i16[2 * i + 1];
    out(o);
  },

  // Narrowing reads its operands as signed and saturates to the signed or unsigned target range.
  'i8x16.narrow_i16x8_s': (o, a, b) => {
    in2(a, b);
    for (let i = 0; i < 8; i++) { R.i8[i] = clamp(A.i16[i], -128, 127); R.i8[i + 8] = clamp(B.i16[i], -128, 127); }
    out(o);
  },
  'i8x16.narrow_i16x8_u': (o, a, b) => {
    in2(a, b);
    for (let i = 0; i < 8; i++) { R.u8[i] = clamp(A.i16[i], 0, 255); R.u8[i + 8] = clamp(B.i16[i], 0, 255); }
    out(o);
  },
  'i16x8.narrow_i32x4_s': (o, a, b) => {
    in2(a, b);
    for (let i = 0; i < 4; i++) { R.i16[i] = clamp(A.i32[i], -32768, 32767); R.i16[i + 4] = clamp(B.i32[i], -32768, 32767); }
    out(o);
  },
  'i16x8.narrow_i32x4_u': (o, a, b) => {
    in2(a, b);
    for (let i = 0; i < 4; i++) { R.u16[i] = clamp(A.i32[i], 0, 65535); R.u16[i + 4] = clamp(B.i32[i], 0, 65535); }
    out(o);
  },
};

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
