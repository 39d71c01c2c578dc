import { A, B, R } from './scratch.js';
import type { V128Core } from './types.js';

/* Instructions that change lane width within i8/i16/i32 lanes: extend, extmul, extadd_pairwise, dot, narrow. */

export const WIDEN: Record<string, V128Core> = {
  'i16x8.extend_low_i8x16_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i]; },
  'i16x8.extend_high_i8x16_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i + 8]; },
  'i16x8.extend_low_i8x16_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i]; },
  'i16x8.extend_high_i8x16_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i + 8]; },
  'i32x4.extend_low_i16x8_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i]; },
  'i32x4.extend_high_i16x8_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i + 4]; },
  'i32x4.extend_low_i16x8_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i]; },
  'i32x4.extend_high_i16x8_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i + 4]; },

  'i16x8.extmul_low_i8x16_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i] * B.i8[i]; },
  'i16x8.extmul_high_i8x16_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i8[i + 8] * B.i8[i + 8]; },
  'i16x8.extmul_low_i8x16_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i] * B.u8[i]; },
  'i16x8.extmul_high_i8x16_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = A.u8[i + 8] * B.u8[i + 8]; },
  // Products of i16 fit a double exactly; the Int32Array/Uint32Array store keeps the low 32 bits.
  'i32x4.extmul_low_i16x8_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i] * B.i16[i]; },
  'i32x4.extmul_high_i16x8_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i16[i + 4] * B.i16[i + 4]; },
  'i32x4.extmul_low_i16x8_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i] * B.u16[i]; },
  'i32x4.extmul_high_i16x8_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u16[i + 4] * B.u16[i + 4]; },

  'i16x8.extadd_pairwise_i8x16_s': () => { for (let i = 0; i < 8; i++) R.i16[i] = A.i8[2 * i] + A.i8[2 * i + 1]; },
  'i16x8.extadd_pairwise_i8x16_u': () => { for (let i = 0; i < 8; i++) R.u16[i] = A.u8[2 * i] + A.u8[2 * i + 1]; },
  'i32x4.extadd_pairwise_i16x8_s': () => { for (let i = 0; i < 4; i++) R.i32[i] = A.i16[2 * i] + A.i16[2 * i + 1]; },
  'i32x4.extadd_pairwise_i16x8_u': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u16[2 * i] + A.u16[2 * i + 1]; },

  // Only (-32768 * -32768) * 2 = 2^31 overflows; the spec wraps it to -2^31, as the Int32Array store does.
  'i32x4.dot_i16x8_s': () => {
    for (let i = 0; i < 4; i++) R.i32[i] = A.i16[2 * i] * B.i16[2 * i] + A.i16[2 * i + 1] * B.i16[2 * i + 1];
  },

  // Narrowing reads its operands as signed and saturates to the signed or unsigned target range.
  'i8x16.narrow_i16x8_s': () => {
    for (let i = 0; i < 8; i++) { R.i8[i] = clamp(A.i16[i], -128, 127); R.i8[i + 8] = clamp(B.i16[i], -128, 127); }
  },
  'i8x16.narrow_i16x8_u': () => {
    for (let i = 0; i < 8; i++) { R.u8[i] = clamp(A.i16[i], 0, 255); R.u8[i + 8] = clamp(B.i16[i], 0, 255); }
  },
  'i16x8.narrow_i32x4_s': () => {
    for (let i = 0; i < 4; i++) { R.i16[i] = clamp(A.i32[i], -32768, 32767); R.i16[i + 4] = clamp(B.i32[i], -32768, 32767); }
  },
  'i16x8.narrow_i32x4_u': () => {
    for (let i = 0; i < 4; i++) { R.u16[i] = clamp(A.i32[i], 0, 65535); R.u16[i + 4] = clamp(B.i32[i], 0, 65535); }
  },
};

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
