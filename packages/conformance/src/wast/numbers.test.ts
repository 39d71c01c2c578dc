import { describe, expect, it } from 'vitest';
import { F32, F64, parseFloatBits, parseInt } from './numbers.js';

const f32 = (s: string) => Number(parseFloatBits(s, F32)).toString(16).padStart(8, '0');
const f64 = (s: string) => parseFloatBits(s, F64).toString(16).padStart(16, '0');
const jsBits = (n: number) => {
  const b = new BigUint64Array(new Float64Array([n]).buffer)[0]!;
  return b.toString(16).padStart(16, '0');
};

describe('float literals', () => {
  it('parses specials and NaN payloads', () => {
    expect(f32('inf')).toBe('7f800000');
    expect(f32('-inf')).toBe('ff800000');
    expect(f32('nan')).toBe('7fc00000');
    expect(f32('-nan')).toBe('ffc00000');
    expect(f32('nan:0x200000')).toBe('7fa00000');
    expect(f32('-nan:0x7f_ffff')).toBe('ffffffff');
    expect(f64('nan:0x1')).toBe('7ff0000000000001');
    expect(f64('-0')).toBe('8000000000000000');
  });

  it('rounds f32 hex literals once, to nearest even', () => {
    expect(f32('0x1.fffffep127')).toBe('7f7fffff');
    expect(f32('0x1p-149')).toBe('00000001');
    expect(f32('0x1p-150')).toBe('00000000');
    expect(f32('0x1.8p-149')).toBe('00000002');
    expect(f32('0x1.000001p0')).toBe('3f800000');
    expect(f32('0x1.000003p0')).toBe('3f800002');
    // Just above the halfway point: rounding through f64 first would lose the low bit.
    expect(f32('0x1.00000100000001p0')).toBe('3f800001');
    expect(f32('0x1.fffffefffffffp127')).toBe('7f7fffff');
    expect(() => f32('0x1.ffffffp127')).toThrow(RangeError);
  });

  it('rounds f32 decimal literals once', () => {
    expect(f32('1.1754942e-38')).toBe('007fffff');
    expect(f32('1.4e-45')).toBe('00000001');
    expect(f32('3.4028234e+38')).toBe('7f7fffff');
    expect(f32('1e1_0')).toBe('501502f9');
    // 1 + 2^-24 + 2^-60 in decimal: above the halfway point between 1 and the next f32.
    expect(f32('1.000000059604644776151174135435')).toBe('3f800001');
    expect(f32('1.000000059604644775390625')).toBe('3f800000');
  });

  it('agrees with JS for f64 decimal and hex literals', () => {
    for (const s of ['0.1', '1e-320', '4.9e-324', '2.4703282292062328e-324', '1.7976931348623157e308', '123456789.123456789e-5', '0.000001', '5e-324']) {
      expect(f64(s), s).toBe(jsBits(Number(s)));
    }
    expect(f64('0x1.fffffffffffffp1023')).toBe('7fefffffffffffff');
    expect(f64('0x0.0000000000001p-1022')).toBe('0000000000000001');
    expect(f64('0x1.00000000000008p0')).toBe('3ff0000000000000');
    expect(f64('0x1.00000000000018p0')).toBe('3ff0000000000002');
  });
});

describe('integer literals', () => {
  it('accepts signed and unsigned forms within range', () => {
    expect(parseInt('-1', 32)).toBe(0xffffffffn);
    expect(parseInt('0xffff_ffff', 32)).toBe(0xffffffffn);
    expect(parseInt('-0x8000_0000', 32)).toBe(0x80000000n);
    expect(parseInt('18446744073709551615', 64)).toBe((1n << 64n) - 1n);
    expect(() => parseInt('0x1_0000_0000', 32)).toThrow(RangeError);
    expect(() => parseInt('-0x8000_0001', 32)).toThrow(RangeError);
  });
});
