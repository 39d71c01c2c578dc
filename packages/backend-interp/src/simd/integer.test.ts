import { describe, expect, it } from 'vitest';
import { SIMD_SHIFT, SIMD_TEST } from './index.js';
import { asI16, asI32, asI8, asU16, asU32, asU8, i16, i32, i8, opcode, run, u8 } from './test-helpers.js';

const shift = (name: string, a: Uint8Array, count: number): Uint8Array => {
  const out = new Uint8Array(16);
  SIMD_SHIFT[opcode(name)]!(out, a, count);
  return out;
};
const test = (name: string, a: Uint8Array): number => SIMD_TEST[opcode(name)]!(a);

describe('integer comparisons', () => {
  it('compare i8 lanes signed and unsigned, giving all-ones or zero lanes', () => {
    const a = i8(-1, 0, 127, -128, 5, 5, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    const b = i8(1, 0, -128, 127, 5, 6, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    expect(asI8(run('i8x16.lt_s', a, b)).slice(0, 8)).toEqual([-1, 0, 0, -1, 0, -1, 0, -1]);
    // Unsigned: -1 is 255 and -128 is 128.
    expect(asI8(run('i8x16.lt_u', a, b)).slice(0, 8)).toEqual([0, 0, -1, 0, 0, -1, -1, -1]);
    expect(asI8(run('i8x16.eq', a, b)).slice(0, 8)).toEqual([0, -1, 0, 0, -1, 0, 0, 0]);
    expect(asI8(run('i8x16.ne', a, b)).slice(0, 8)).toEqual([-1, 0, -1, -1, 0, -1, -1, -1]);
    expect(asI8(run('i8x16.ge_u', a, b)).slice(0, 8)).toEqual([-1, -1, 0, -1, -1, 0, 0, 0]);
    expect(asI8(run('i8x16.le_s', a, b)).slice(0, 8)).toEqual([-1, -1, 0, -1, -1, -1, 0, -1]);
  });

  it('compare i16 and i32 lanes at their extremes', () => {
    expect(asI16(run('i16x8.gt_s', i16(32767, -32768, -1, 0, 0, 0, 0, 0), i16(-32768, 32767, 0, 0, 0, 0, 0, 0)))).toEqual([-1, 0, 0, 0, 0, 0, 0, 0]);
    expect(asI16(run('i16x8.gt_u', i16(32767, -32768, -1, 0, 0, 0, 0, 0), i16(-32768, 32767, 0, 0, 0, 0, 0, 0)))).toEqual([0, -1, -1, 0, 0, 0, 0, 0]);
    expect(asI32(run('i32x4.lt_s', i32(-2147483648, 2147483647, -1, 7), i32(2147483647, -2147483648, 0, 7)))).toEqual([-1, 0, -1, 0]);
    expect(asI32(run('i32x4.lt_u', i32(-2147483648, 2147483647, -1, 7), i32(2147483647, -2147483648, 0, 7)))).toEqual([0, -1, 0, 0]);
    expect(asI32(run('i32x4.ge_s', i32(-2147483648, 2147483647, -1, 7), i32(2147483647, -2147483648, 0, 7)))).toEqual([0, -1, 0, -1]);
  });
});

describe('integer arithmetic', () => {
  it('wraps add, sub, mul and neg modulo the lane width', () => {
    expect(asI8(run('i8x16.add', i8(127), i8(1)))).toEqual(new Array(16).fill(-128));
    expect(asU8(run('i8x16.sub', u8(0), u8(1)))).toEqual(new Array(16).fill(255));
    expect(asI16(run('i16x8.mul', i16(300), i16(300)))).toEqual(new Array(8).fill((90000 << 16) >> 16));
    expect(asI32(run('i32x4.mul', i32(0x10001, -1, 65536, 0x7fffffff), i32(0x10001, -1, 65536, 2)))).toEqual([0x20001, 1, 0, -2]);
    expect(asI32(run('i32x4.add', i32(2147483647, -2147483648, 1, 0), i32(1, -1, -1, 0)))).toEqual([-2147483648, 2147483647, 0, 0]);
    expect(asI32(run('i32x4.sub', i32(-2147483648), i32(1)))).toEqual(new Array(4).fill(2147483647));
    expect(asI8(run('i8x16.neg', i8(-128, 1, 0, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 4)).toEqual([-128, -1, 0, -127]);
    expect(asI32(run('i32x4.neg', i32(-2147483648, 5, 0, -7)))).toEqual([-2147483648, -5, 0, 7]);
  });

  it('abs leaves the most negative lane value unchanged', () => {
    expect(asI8(run('i8x16.abs', i8(-128, -1, 1, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 4)).toEqual([-128, 1, 1, 127]);
    expect(asI16(run('i16x8.abs', i16(-32768, -2, 2, 0, 0, 0, 0, 0))).slice(0, 3)).toEqual([-32768, 2, 2]);
    expect(asI32(run('i32x4.abs', i32(-2147483648, -9, 9, 0)))).toEqual([-2147483648, 9, 9, 0]);
  });

  it('saturates add_sat and sub_sat at the signed and unsigned bounds', () => {
    expect(asI8(run('i8x16.add_sat_s', i8(100, -100, 127, -128, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(100, -100, 1, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 5)).toEqual([127, -128, 127, -128, 2]);
    expect(asU8(run('i8x16.add_sat_u', u8(200), u8(100)))).toEqual(new Array(16).fill(255));
    expect(asI8(run('i8x16.sub_sat_s', i8(-100, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(100, -100, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 3)).toEqual([-128, 127, 127]);
    expect(asU8(run('i8x16.sub_sat_u', u8(5), u8(10)))).toEqual(new Array(16).fill(0));
    expect(asI16(run('i16x8.add_sat_s', i16(32000, -32000, 1, 0, 0, 0, 0, 0), i16(1000, -1000, 1, 0, 0, 0, 0, 0))).slice(0, 3)).toEqual([32767, -32768, 2]);
    expect(asU16(run('i16x8.add_sat_u', i16(-1, 65000, 1, 0, 0, 0, 0, 0), i16(1, 1000, 1, 0, 0, 0, 0, 0))).slice(0, 3)).toEqual([65535, 65535, 2]);
    expect(asI16(run('i16x8.sub_sat_s', i16(-32768, 32767, 0, 0, 0, 0, 0, 0), i16(1, -1, -32768, 0, 0, 0, 0, 0))).slice(0, 3)).toEqual([-32768, 32767, 32767]);
    expect(asU16(run('i16x8.sub_sat_u', i16(1, -1, 0, 0, 0, 0, 0, 0), i16(2, 1, 0, 0, 0, 0, 0, 0))).slice(0, 2)).toEqual([0, 65534]);
  });

  it('min, max and avgr_u read lanes with the right signedness', () => {
    const a = i8(-1, 1, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), b = i8(1, -1, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(asI8(run('i8x16.min_s', a, b)).slice(0, 4)).toEqual([-1, -1, -128, -128]);
    expect(asI8(run('i8x16.min_u', a, b)).slice(0, 4)).toEqual([1, 1, 127, 127]);
    expect(asI8(run('i8x16.max_s', a, b)).slice(0, 4)).toEqual([1, 1, 127, 127]);
    expect(asI8(run('i8x16.max_u', a, b)).slice(0, 4)).toEqual([-1, -1, -128, -128]);
    expect(asU32(run('i32x4.min_u', i32(-1, 0, 5, 6), i32(1, -1, 6, 5)))).toEqual([1, 0, 5, 5]);
    expect(asI32(run('i32x4.max_s', i32(-1, 0, -2147483648, 6), i32(1, -1, 2147483647, 5)))).toEqual([1, 0, 2147483647, 6]);
    // (a + b + 1) >> 1 without overflow: 255 avg 255 is 255, 0 avg 1 rounds up to 1.
    expect(asU8(run('i8x16.avgr_u', u8(255, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), u8(255, 1, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 4)).toEqual([255, 1, 3, 3]);
    expect(asU16(run('i16x8.avgr_u', i16(-1, 0, 0, 0, 0, 0, 0, 0), i16(-2, 1, 0, 0, 0, 0, 0, 0))).slice(0, 2)).toEqual([65535, 1]);
  });

  it('popcnt counts bits per byte', () => {
    expect(asU8(run('i8x16.popcnt', u8(0, 1, 3, 0x80, 0xff, 0x55, 0xf0, 7, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 8)).toEqual([0, 1, 2, 1, 8, 4, 4, 3]);
  });

  it('q15mulr_sat_s rounds and saturates only -1 * -1', () => {
    const a = i16(-32768, 16384, -16384, 1, 32767, 3, -3, 0);
    const b = i16(-32768, 16384, 16384, 16384, 32767, 16384, 16384, 0);
    // 16384*16384 = 2^28 -> (2^28 + 2^14) >> 15 = 8192; 1*16384 -> (16384 + 16384) >> 15 = 1; 3*16384 -> 2 (1.5 rounds up); -3*16384 -> -1 (-1.5 rounds up).
    expect(asI16(run('i16x8.q15mulr_sat_s', a, b))).toEqual([32767, 8192, -8192, 1, 32766, 2, -1, 0]);
  });
});

describe('integer shifts', () => {
  it('take the count modulo the lane width', () => {
    expect(asU8(shift('i8x16.shl', u8(0x81), 9))).toEqual(new Array(16).fill(0x02));
    expect(asI8(shift('i8x16.shr_s', i8(-128), 7))).toEqual(new Array(16).fill(-1));
    expect(asU8(shift('i8x16.shr_u', u8(0x80), 15))).toEqual(new Array(16).fill(1));
    expect(asU8(shift('i8x16.shr_u', u8(0x80), 8))).toEqual(new Array(16).fill(0x80));
    expect(asI16(shift('i16x8.shl', i16(1), 15))).toEqual(new Array(8).fill(-32768));
    expect(asI16(shift('i16x8.shr_s', i16(-32768), 17))).toEqual(new Array(8).fill(-16384));
    expect(asU16(shift('i16x8.shr_u', i16(-32768), 17))).toEqual(new Array(8).fill(16384));
    expect(asI32(shift('i32x4.shl', i32(1), 31))).toEqual(new Array(4).fill(-2147483648));
    expect(asI32(shift('i32x4.shr_s', i32(-2147483648), 63))).toEqual(new Array(4).fill(-1));
    expect(asU32(shift('i32x4.shr_u', i32(-1), -1))).toEqual(new Array(4).fill(1));
    expect(asI32(shift('i32x4.shr_u', i32(-8), 32))).toEqual(new Array(4).fill(-8));
  });
});

describe('all_true and bitmask', () => {
  it('all_true needs every lane non-zero, at the lane width', () => {
    expect(test('i8x16.all_true', u8(1))).toBe(1);
    expect(test('i8x16.all_true', u8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0))).toBe(0);
    expect(test('i16x8.all_true', u8(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0))).toBe(1);
    expect(test('i16x8.all_true', i16(1, 1, 1, 1, 1, 1, 1, 0))).toBe(0);
    expect(test('i32x4.all_true', i32(0x100, 1, 1, 0x80000000))).toBe(1);
    expect(test('i32x4.all_true', i32(0, 1, 1, 1))).toBe(0);
  });

  it('bitmask collects the lane sign bits, lane 0 in bit 0', () => {
    expect(test('i8x16.bitmask', i8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128))).toBe(0x8001);
    expect(test('i8x16.bitmask', u8(0x7f))).toBe(0);
    expect(test('i16x8.bitmask', i16(0, -1, 0, 0, 0, 0, 0, -32768))).toBe(0x82);
    expect(test('i32x4.bitmask', i32(-1, 0, -2147483648, 2147483647))).toBe(0b0101);
  });
});
