import { describe, expect, it } from 'vitest';
import { asI16, asI32, asI8, asU16, asU32, asU8, i16, i32, i8, run, u8 } from './test-helpers.js';

describe('lane widening', () => {
  const bytes = i8(-1, -128, 127, 0, 1, 2, 3, 4, -5, -6, -7, -8, 9, 10, 11, -128);

  it('extend sign- or zero-extends the low or high half', () => {
    expect(asI16(run('i16x8.extend_low_i8x16_s', bytes))).toEqual([-1, -128, 127, 0, 1, 2, 3, 4]);
    expect(asI16(run('i16x8.extend_high_i8x16_s', bytes))).toEqual([-5, -6, -7, -8, 9, 10, 11, -128]);
    expect(asI16(run('i16x8.extend_low_i8x16_u', bytes))).toEqual([255, 128, 127, 0, 1, 2, 3, 4]);
    expect(asI16(run('i16x8.extend_high_i8x16_u', bytes))).toEqual([251, 250, 249, 248, 9, 10, 11, 128]);
    const halves = i16(-1, -32768, 32767, 5, -2, 0, 1, -3);
    expect(asI32(run('i32x4.extend_low_i16x8_s', halves))).toEqual([-1, -32768, 32767, 5]);
    expect(asI32(run('i32x4.extend_high_i16x8_s', halves))).toEqual([-2, 0, 1, -3]);
    expect(asI32(run('i32x4.extend_low_i16x8_u', halves))).toEqual([65535, 32768, 32767, 5]);
    expect(asI32(run('i32x4.extend_high_i16x8_u', halves))).toEqual([65534, 0, 1, 65533]);
  });

  it('extmul multiplies widened lanes exactly', () => {
    const b = i8(-128, -128, 127, 0, 2, 2, 2, 2, -128, 2, 2, 2, 2, 2, 2, -1);
    expect(asI16(run('i16x8.extmul_low_i8x16_s', bytes, b))).toEqual([128, 16384, 16129, 0, 2, 4, 6, 8]);
    expect(asI16(run('i16x8.extmul_high_i8x16_s', bytes, b))).toEqual([640, -12, -14, -16, 18, 20, 22, 128]);
    expect(asU16(run('i16x8.extmul_low_i8x16_u', bytes, b))).toEqual([255 * 128, 128 * 128, 127 * 127, 0, 2, 4, 6, 8]);
    expect(asU16(run('i16x8.extmul_high_i8x16_u', bytes, b))).toEqual([251 * 128, 500, 498, 496, 18, 20, 22, 128 * 255]);
    const x = i16(-32768, -32768, 32767, -1, 1, 2, 3, 4), y = i16(-32768, 32767, 32767, -1, 5, 6, 7, 8);
    expect(asI32(run('i32x4.extmul_low_i16x8_s', x, y))).toEqual([1073741824, -1073709056, 1073676289, 1]);
    expect(asU32(run('i32x4.extmul_low_i16x8_u', x, y))).toEqual([32768 * 32768, 32768 * 32767, 32767 * 32767, 65535 * 65535]);
    expect(asI32(run('i32x4.extmul_high_i16x8_s', x, y))).toEqual([5, 12, 21, 32]);
    expect(asU32(run('i32x4.extmul_high_i16x8_u', x, y))).toEqual([5, 12, 21, 32]);
  });

  it('extadd_pairwise adds neighbouring lanes widened', () => {
    expect(asI16(run('i16x8.extadd_pairwise_i8x16_s', bytes))).toEqual([-129, 127, 3, 7, -11, -15, 19, -117]);
    expect(asI16(run('i16x8.extadd_pairwise_i8x16_u', bytes))).toEqual([383, 127, 3, 7, 501, 497, 19, 139]);
    const h = i16(-32768, -32768, 32767, 32767, -1, -1, 1, -1);
    expect(asI32(run('i32x4.extadd_pairwise_i16x8_s', h))).toEqual([-65536, 65534, -2, 0]);
    expect(asI32(run('i32x4.extadd_pairwise_i16x8_u', h))).toEqual([65536, 65534, 131070, 65536]);
  });

  it('dot sums pairs of products and wraps only at -32768 * -32768 * 2', () => {
    const a = i16(-32768, -32768, 1, 2, 3, 4, -5, 6), b = i16(-32768, -32768, 7, 8, -9, 10, 11, 12);
    expect(asI32(run('i32x4.dot_i16x8_s', a, b))).toEqual([-2147483648, 23, 13, 17]);
  });
});

describe('lane narrowing', () => {
  it('saturates signed inputs to the signed or unsigned narrower range, a then b', () => {
    const a = i16(-129, -128, 127, 128, 255, 256, -1, 0), b = i16(32767, -32768, 1, 2, 3, 4, 5, 6);
    expect(asI8(run('i8x16.narrow_i16x8_s', a, b))).toEqual([-128, -128, 127, 127, 127, 127, -1, 0, 127, -128, 1, 2, 3, 4, 5, 6]);
    expect(asU8(run('i8x16.narrow_i16x8_u', a, b))).toEqual([0, 0, 127, 128, 255, 255, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6]);
    const c = i32(-32769, 32768, 65535, 65536), d = i32(-1, 0, 32767, -32768);
    expect(asI16(run('i16x8.narrow_i32x4_s', c, d))).toEqual([-32768, 32767, 32767, 32767, -1, 0, 32767, -32768]);
    expect(asU16(run('i16x8.narrow_i32x4_u', c, d))).toEqual([0, 32768, 65535, 65535, 0, 0, 32767, 0]);
  });

  it('treat unsigned-looking inputs as signed', () => {
    expect(asU8(run('i8x16.narrow_i16x8_u', u8(0xff), u8(0x7f)))).toEqual([...new Array(8).fill(0), ...new Array(8).fill(255)]);
  });
});
