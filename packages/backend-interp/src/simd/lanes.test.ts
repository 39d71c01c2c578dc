import { describe, expect, it } from 'vitest';
import { SIMD_EXEC, SIMD_EXTRACT, SIMD_REPLACE, SIMD_SPLAT, SIMD_TEST, simdShuffle } from './index.js';
import { asI16, asI32, asI64, asI8, asU32, asU64, asU8, f32bits, i16, i32, i64, i8, opcode, run, u8 } from './test-helpers.js';

const splat = (name: string, x: number | bigint): Uint8Array => {
  const out = new Uint8Array(16);
  SIMD_SPLAT[opcode(name)]!(out, x);
  return out;
};
const extract = (name: string, a: Uint8Array, lane: number) => SIMD_EXTRACT[opcode(name)]!(a, lane);
const replace = (name: string, a: Uint8Array, lane: number, x: number | bigint): Uint8Array => {
  const out = new Uint8Array(16);
  SIMD_REPLACE[opcode(name)]!(out, a, lane, x);
  return out;
};
const iota = u8(...Array.from({ length: 16 }, (_, i) => i));

describe('splat', () => {
  it('repeats the scalar, truncated to the lane width', () => {
    expect(asI8(splat('i8x16.splat', 0x1ff))).toEqual(new Array(16).fill(-1));
    expect(asI16(splat('i16x8.splat', -32769))).toEqual(new Array(8).fill(32767));
    expect(asI32(splat('i32x4.splat', 0xffffffff))).toEqual(new Array(4).fill(-1));
    expect(asI64(splat('i64x2.splat', -5n))).toEqual([-5n, -5n]);
    expect(asU64(splat('i64x2.splat', 0xffffffffffffffffn))).toEqual([0xffffffffffffffffn, 0xffffffffffffffffn]);
  });

  it('copies float bits exactly, signalling NaNs included', () => {
    expect(asU32(splat('f32x4.splat', 0x7fa00001))).toEqual(new Array(4).fill(0x7fa00001));
    expect(asU64(splat('f64x2.splat', 0xfff0000000000001n))).toEqual([0xfff0000000000001n, 0xfff0000000000001n]);
  });
});

describe('extract_lane and replace_lane', () => {
  const v = i8(-1, -128, 127, 0, 0x34, 0x12, 0xff - 256, 0x7f, 1, 0, 0, 0x80 - 256, 0, 0, 0, 0x80 - 256);

  it('extract integer lanes signed or unsigned, at the first and last lane', () => {
    expect(extract('i8x16.extract_lane_s', v, 0)).toBe(-1);
    expect(extract('i8x16.extract_lane_u', v, 0)).toBe(255);
    expect(extract('i8x16.extract_lane_s', v, 15)).toBe(-128);
    expect(extract('i8x16.extract_lane_u', v, 15)).toBe(128);
    expect(extract('i16x8.extract_lane_s', v, 0)).toBe(-32513);
    expect(extract('i16x8.extract_lane_u', v, 2)).toBe(0x1234);
    expect(extract('i16x8.extract_lane_s', v, 7)).toBe(-32768);
    expect(extract('i32x4.extract_lane', v, 1)).toBe(0x7fff1234);
    expect(extract('i32x4.extract_lane', v, 3)).toBe(-2147483648);
    expect(extract('i64x2.extract_lane', i64(-2n, 1n << 62n), 0)).toBe(-2n);
    expect(extract('i64x2.extract_lane', i64(-2n, 1n << 62n), 1)).toBe(1n << 62n);
  });

  it('extract float lanes as raw bits', () => {
    expect(extract('f32x4.extract_lane', f32bits(0, 0, 0, 0xffa00001), 3)).toBe(0xffa00001);
    expect(extract('f64x2.extract_lane', new Uint8Array(new BigUint64Array([1n, 0x7ff4000000000000n]).buffer), 1)).toBe(0x7ff4000000000000n);
  });

  it('replace one lane and keep the rest', () => {
    expect(asU8(replace('i8x16.replace_lane', iota, 15, 0x1ff))).toEqual([...Array.from({ length: 15 }, (_, i) => i), 0xff]);
    expect(asI16(replace('i16x8.replace_lane', i16(1, 2, 3, 4, 5, 6, 7, 8), 0, -1))).toEqual([-1, 2, 3, 4, 5, 6, 7, 8]);
    expect(asI32(replace('i32x4.replace_lane', i32(1, 2, 3, 4), 3, 0x80000000))).toEqual([1, 2, 3, -2147483648]);
    expect(asU32(replace('f32x4.replace_lane', i32(1, 2, 3, 4), 1, 0x7f800001))).toEqual([1, 0x7f800001, 3, 4]);
    expect(asI64(replace('i64x2.replace_lane', i64(1n, 2n), 1, -3n))).toEqual([1n, -3n]);
    expect(asU64(replace('f64x2.replace_lane', i64(1n, 2n), 0, 0x7ff0000000000001n))).toEqual([0x7ff0000000000001n, 2n]);
  });

  it('replace in place when out is the operand', () => {
    const w = i32(1, 2, 3, 4);
    SIMD_REPLACE[opcode('i32x4.replace_lane')]!(w, w, 2, 9);
    expect(asI32(w)).toEqual([1, 2, 9, 4]);
    SIMD_REPLACE[opcode('i64x2.replace_lane')]!(w, w, 0, 0n);
    expect(asI32(w)).toEqual([0, 0, 9, 4]);
  });
});

describe('shuffle and swizzle', () => {
  const hi = u8(...Array.from({ length: 16 }, (_, i) => 0xa0 + i));

  it('shuffle indexes the 32 bytes of a then b', () => {
    const out = new Uint8Array(16);
    simdShuffle(out, iota, hi, Uint8Array.from([31, 0, 16, 15, 1, 17, 30, 2, 3, 3, 3, 3, 20, 21, 22, 23]));
    expect(asU8(out)).toEqual([0xaf, 0, 0xa0, 15, 1, 0xa1, 0xae, 2, 3, 3, 3, 3, 0xa4, 0xa5, 0xa6, 0xa7]);
  });

  it('shuffle reads its operands before writing an aliased result', () => {
    const v = iota.slice();
    simdShuffle(v, v, v, Uint8Array.from([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]));
    expect(asU8(v)).toEqual(Array.from({ length: 16 }, (_, i) => 15 - i));
  });

  it('swizzle selects bytes of a by the lanes of b, giving 0 for indices >= 16', () => {
    const idx = u8(0, 15, 16, 255, 1, 128, 17, 3, 2, 2, 2, 2, 31, 32, 14, 5);
    expect(asU8(run('i8x16.swizzle', hi, idx))).toEqual([0xa0, 0xaf, 0, 0, 0xa1, 0, 0, 0xa3, 0xa2, 0xa2, 0xa2, 0xa2, 0, 0, 0xae, 0xa5]);
  });
});

describe('bitwise', () => {
  const a = i32(0x0f0f0f0f, -1, 0, 0x12345678), b = i32(0x00ff00ff, 0x55555555, -1, 0x0000ffff);

  it('not, and, andnot, or, xor', () => {
    expect(asU32(run('v128.not', a))).toEqual([0xf0f0f0f0, 0, 0xffffffff, 0xedcba987]);
    expect(asU32(run('v128.and', a, b))).toEqual([0x000f000f, 0x55555555, 0, 0x5678]);
    expect(asU32(run('v128.andnot', a, b))).toEqual([0x0f000f00, 0xaaaaaaaa, 0, 0x12340000]);
    expect(asU32(run('v128.or', a, b))).toEqual([0x0fff0fff, 0xffffffff, 0xffffffff, 0x1234ffff]);
    expect(asU32(run('v128.xor', a, b))).toEqual([0x0ff00ff0, 0xaaaaaaaa, 0xffffffff, 0x1234a987]);
  });

  it('bitselect takes a where the mask is 1 and b where it is 0', () => {
    const out = new Uint8Array(16);
    SIMD_EXEC[opcode('v128.bitselect')]!(out, i32(-1), i32(0), i32(0x0000ffff, -1, 0, 0x80000001));
    expect(asU32(out)).toEqual([0x0000ffff, 0xffffffff, 0, 0x80000001]);
  });

  it('any_true sees any set bit', () => {
    const anyTrue = SIMD_TEST[opcode('v128.any_true')]!;
    expect(anyTrue(new Uint8Array(16))).toBe(0);
    expect(anyTrue(u8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80))).toBe(1);
  });

  it('work in place', () => {
    const v = i32(1, 2, 3, 4);
    SIMD_EXEC[opcode('v128.xor')]!(v, v, v, v);
    expect(asI32(v)).toEqual([0, 0, 0, 0]);
  });
});
