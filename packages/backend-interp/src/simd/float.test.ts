import { describe, expect, it } from 'vitest';
import { asF32, asF64, asI32, asI64, asU32, asU64, f32, f32bits, f64, i32, run } from './test-helpers.js';

const SNAN32 = 0x7fa00001, NAN32_PAYLOAD = 0xffc12345;
const isQuietNaN32 = (bits: number) => (bits & 0x7fc00000) === 0x7fc00000;
const isQuietNaN64 = (bits: bigint) => (bits & 0x7ff8000000000000n) === 0x7ff8000000000000n;

describe('float comparisons', () => {
  it('are false for NaN except ne, and treat -0 == +0', () => {
    const a = f32(NaN, -0, 1, -Infinity), b = f32(NaN, 0, 2, -Infinity);
    expect(asI32(run('f32x4.eq', a, b))).toEqual([0, -1, 0, -1]);
    expect(asI32(run('f32x4.ne', a, b))).toEqual([-1, 0, -1, 0]);
    expect(asI32(run('f32x4.lt', a, b))).toEqual([0, 0, -1, 0]);
    expect(asI32(run('f32x4.ge', a, b))).toEqual([0, -1, 0, -1]);
    expect(asI64(run('f64x2.le', f64(NaN, -0), f64(1, 0)))).toEqual([0n, -1n]);
    expect(asI64(run('f64x2.gt', f64(Infinity, 1), f64(1.7976931348623157e308, NaN)))).toEqual([-1n, 0n]);
  });
});

describe('float arithmetic', () => {
  it('rounds f32 lanes to single precision', () => {
    expect(asF32(run('f32x4.add', f32(1, 16777216, 0.1, 3.4028234663852886e38), f32(2 ** -24, 1, 0.2, 3.4028234663852886e38)))).toEqual([1, 16777216, Math.fround(Math.fround(0.1) + Math.fround(0.2)), Infinity]);
    expect(asF32(run('f32x4.div', f32(1, 1, -1, 0), f32(3, 0, 0, 0))).slice(0, 3)).toEqual([Math.fround(1 / 3), Infinity, -Infinity]);
    expect(Number.isNaN(asF32(run('f32x4.div', f32(0), f32(0)))[0])).toBe(true);
    expect(asF32(run('f32x4.sqrt', f32(2, -0, Infinity, 0.25)))).toEqual([Math.fround(Math.SQRT2), -0, Infinity, 0.5]);
    expect(asF64(run('f64x2.mul', f64(0.1, -0), f64(3, 5)))).toEqual([0.1 * 3, -0]);
    expect(asF64(run('f64x2.sub', f64(1e308, 5), f64(-1e308, 5)))).toEqual([Infinity, 0]);
  });

  it('return quiet NaNs for NaN operands', () => {
    const r = asU32(run('f32x4.add', f32bits(SNAN32, NAN32_PAYLOAD, 0x7f800000, 0), f32bits(0, 0, 0xff800000, SNAN32)));
    for (const bits of r) expect(isQuietNaN32(bits), bits.toString(16)).toBe(true);
    for (const name of ['f64x2.ceil', 'f64x2.floor', 'f64x2.trunc', 'f64x2.nearest', 'f64x2.sqrt']) {
      const out = asU64(run(name, new Uint8Array(new BigUint64Array([0x7ff0000000000001n, 0xfff4000000000000n]).buffer)));
      for (const bits of out) expect(isQuietNaN64(bits), name).toBe(true);
    }
  });

  it('min and max propagate NaN and order -0 below +0', () => {
    expect(asF32(run('f32x4.min', f32(-0, 0, 1, NaN), f32(0, -0, NaN, 1)))).toEqual([-0, -0, NaN, NaN]);
    expect(asF32(run('f32x4.max', f32(-0, 0, -Infinity, 2), f32(0, -0, -3, 1)))).toEqual([0, 0, -3, 2]);
    expect(asF64(run('f64x2.min', f64(-0, 5), f64(0, -Infinity)))).toEqual([-0, -Infinity]);
    expect(asF64(run('f64x2.max', f64(0, NaN), f64(-0, 1)))).toEqual([0, NaN]);
  });

  it('pmin and pmax select an operand bit for bit: b < a ? b : a and a < b ? b : a', () => {
    const a = f32bits(SNAN32, 0x80000000, 0x3f800000, 0x00000000), b = f32bits(0x3f800000, 0x00000000, SNAN32, 0x80000000);
    expect(asU32(run('f32x4.pmin', a, b))).toEqual([SNAN32, 0x80000000, 0x3f800000, 0x00000000]);
    expect(asU32(run('f32x4.pmax', a, b))).toEqual([SNAN32, 0x80000000, 0x3f800000, 0x00000000]);
    expect(asF32(run('f32x4.pmin', f32(2, -1, 0, 0), f32(1, 3, 0, 0))).slice(0, 2)).toEqual([1, -1]);
    expect(asF32(run('f32x4.pmax', f32(2, -1, 0, 0), f32(1, 3, 0, 0))).slice(0, 2)).toEqual([2, 3]);
    const nan64 = 0x7ff0000000000badn;
    const c = new Uint8Array(new BigUint64Array([nan64, 0x8000000000000000n]).buffer);
    const d = new Uint8Array(new BigUint64Array([0x3ff0000000000000n, 0n]).buffer);
    expect(asU64(run('f64x2.pmin', c, d))).toEqual([nan64, 0x8000000000000000n]);
    expect(asU64(run('f64x2.pmax', d, c))).toEqual([0x3ff0000000000000n, 0n]);
  });

  it('abs and neg only touch the sign bit, even of NaNs', () => {
    expect(asU32(run('f32x4.abs', f32bits(0xffa00001, 0x80000000, 0x7fc00000, 0xbf800000)))).toEqual([0x7fa00001, 0, 0x7fc00000, 0x3f800000]);
    expect(asU32(run('f32x4.neg', f32bits(0x7fa00001, 0, 0xffc00000, 0xbf800000)))).toEqual([0xffa00001, 0x80000000, 0x7fc00000, 0x3f800000]);
    const v = new Uint8Array(new BigUint64Array([0xfff0000000000001n, 0x0000000000000001n]).buffer);
    expect(asU64(run('f64x2.abs', v))).toEqual([0x7ff0000000000001n, 1n]);
    expect(asU64(run('f64x2.neg', v))).toEqual([0x7ff0000000000001n, 0x8000000000000001n]);
  });
});

describe('float rounding', () => {
  it('nearest rounds half to even and keeps the sign of zero', () => {
    expect(asF32(run('f32x4.nearest', f32(0.5, 1.5, 2.5, -2.5)))).toEqual([0, 2, 2, -2]);
    expect(asF32(run('f32x4.nearest', f32(-0.5, -0, 8388607.5, -8388609)))).toEqual([-0, -0, 8388608, -8388609]);
    expect(asF64(run('f64x2.nearest', f64(4503599627370495.5, -0.4)))).toEqual([4503599627370496, -0]);
    expect(asF64(run('f64x2.nearest', f64(3.5000001, -Infinity)))).toEqual([4, -Infinity]);
  });

  it('ceil, floor and trunc keep -0 where the result is a zero from a negative', () => {
    expect(asF32(run('f32x4.ceil', f32(-0.5, 0.5, -1.5, 1e30)))).toEqual([-0, 1, -1, Math.fround(1e30)]);
    expect(asF32(run('f32x4.floor', f32(-0.5, 0.5, -0, 1.5)))).toEqual([-1, 0, -0, 1]);
    expect(asF32(run('f32x4.trunc', f32(-0.5, 0.5, -1.5, 1.5)))).toEqual([-0, 0, -1, 1]);
    expect(asF64(run('f64x2.ceil', f64(-0.9, 2.000001)))).toEqual([-0, 3]);
    expect(asF64(run('f64x2.floor', f64(-0.9, 2.999)))).toEqual([-1, 2]);
    expect(asF64(run('f64x2.trunc', f64(-0.9, -2.999)))).toEqual([-0, -2]);
  });
});

describe('float conversions', () => {
  it('trunc_sat saturates and maps NaN to 0', () => {
    expect(asI32(run('i32x4.trunc_sat_f32x4_s', f32(NaN, 3e9, -3e9, -1.9)))).toEqual([0, 2147483647, -2147483648, -1]);
    expect(asI32(run('i32x4.trunc_sat_f32x4_s', f32(2147483520, -2147483648, Infinity, -Infinity)))).toEqual([2147483520, -2147483648, 2147483647, -2147483648]);
    expect(asU32(run('i32x4.trunc_sat_f32x4_u', f32(NaN, 5e9, -0.9, 4294967040)))).toEqual([0, 4294967295, 0, 4294967040]);
    expect(asI32(run('i32x4.trunc_sat_f64x2_s_zero', f64(-2147483648.9, 2147483647.9)))).toEqual([-2147483648, 2147483647, 0, 0]);
    expect(asI32(run('i32x4.trunc_sat_f64x2_s_zero', f64(-2147483649, NaN)))).toEqual([-2147483648, 0, 0, 0]);
    expect(asU32(run('i32x4.trunc_sat_f64x2_u_zero', f64(4294967295.9, -1)))).toEqual([4294967295, 0, 0, 0]);
    expect(asU32(run('i32x4.trunc_sat_f64x2_u_zero', f64(4294967296, 1.5)))).toEqual([4294967295, 1, 0, 0]);
  });

  it('convert rounds integers to the nearest float, ties to even', () => {
    expect(asF32(run('f32x4.convert_i32x4_s', i32(16777217, -16777219, 2147483647, -2147483648)))).toEqual([16777216, -16777220, 2147483648, -2147483648]);
    expect(asF32(run('f32x4.convert_i32x4_u', i32(-1, 16777219, -2147483648, 0)))).toEqual([4294967296, 16777220, 2147483648, 0]);
    expect(asF64(run('f64x2.convert_low_i32x4_s', i32(-1, -2147483648, 7, 7)))).toEqual([-1, -2147483648]);
    expect(asF64(run('f64x2.convert_low_i32x4_u', i32(-1, -2147483648, 7, 7)))).toEqual([4294967295, 2147483648]);
  });

  it('demote rounds to f32 and zeroes the high lanes; promote widens the low lanes', () => {
    expect(asF32(run('f32x4.demote_f64x2_zero', f64(0.1, 1e300)))).toEqual([Math.fround(0.1), Infinity, 0, 0]);
    expect(asU32(run('f32x4.demote_f64x2_zero', f64(-1e-300, 3.4028235677973366e38)))).toEqual([0x80000000, 0x7f800000, 0, 0]);
    expect(asF64(run('f64x2.promote_low_f32x4', f32(0.1, -0, 99, 99)))).toEqual([Math.fround(0.1), -0]);
    const promoted = asU64(run('f64x2.promote_low_f32x4', f32bits(SNAN32, 0x7f800000, 0, 0)));
    expect(isQuietNaN64(promoted[0]!)).toBe(true);
    expect(promoted[1]).toBe(0x7ff0000000000000n);
  });
});
