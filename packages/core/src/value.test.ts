import { describe, expect, it } from 'vitest';
import { Value } from './value.js';

describe('Value', () => {
  it('holds the type and the value', () => {
    expect(Value.i32(5)).toMatchObject({ type: 'i32', value: 5 });
    expect(Value.i64(5n)).toMatchObject({ type: 'i64', value: 5n });
    expect(Value.f32(1.5)).toMatchObject({ type: 'f32', value: 1.5 });
    expect(Value.f64(0.1)).toMatchObject({ type: 'f64', value: 0.1 });
    expect(Value.v128(1n)).toMatchObject({ type: 'v128', value: 1n });
    expect(Value.funcref(null)).toMatchObject({ type: 'funcref', value: null });
    expect(Value.externref(null)).toMatchObject({ type: 'externref', value: null });
  });

  it('compares equal when deep-equal', () => {
    expect(Value.i32(43)).toEqual(Value.i32(43));
    expect(Value.i32(43)).not.toEqual(Value.i32(44));
    expect(Value.i32(1)).not.toEqual(Value.f32(1));
    expect(Value.f64(NaN)).toEqual(Value.f64(NaN));
  });

  it('normalises integers to their signed form and rejects others', () => {
    expect(Value.i32(0xffffffff).value).toBe(-1);
    expect(Object.is(Value.i32(-0).value, 0)).toBe(true);
    expect(Value.i64(0xffffffffffffffffn).value).toBe(-1n);
    expect(() => Value.i32(2 ** 32)).toThrow(RangeError);
    expect(() => Value.i32(1.5)).toThrow(TypeError);
    expect(() => Value.i32('1' as never)).toThrow(TypeError);
    expect(() => Value.i64(1 as never)).toThrow(TypeError);
    expect(() => Value.i64(1n << 64n)).toThrow(RangeError);
  });

  it('rounds f32 to single precision', () => {
    expect(Value.f32(0.1).value).toBe(Math.fround(0.1));
  });

  it('keeps NaN bit patterns exact when made from bits', () => {
    const snan = Value.f32FromBits(0x7fa00000);
    expect(Number.isNaN(snan.value)).toBe(true);
    expect(snan.f32Bits()).toBe(0x7fa00000);
    expect(Value.f32FromBits(0xffc00001).f32Bits()).toBe(0xffc00001);
    const d = Value.f64FromBits(0x7ff0000000000001n);
    expect(d.f64Bits()).toBe(0x7ff0000000000001n);
    expect(Value.f32(1).f32Bits()).toBe(0x3f800000);
    expect(Value.f64(-0).f64Bits()).toBe(0x8000000000000000n);
    expect(() => Value.i32(1).f32Bits()).toThrow(TypeError);
  });

  it('converts v128 between bigint and bytes', () => {
    const bytes = new Uint8Array(16).map((_, i) => i + 1);
    const v = Value.v128(bytes);
    expect(v.v128Bytes()).toEqual(bytes);
    expect(v.value).toBe(0x100f0e0d0c0b0a090807060504030201n);
    expect(Value.v128(-1n).value).toBe((1n << 128n) - 1n);
    expect(() => Value.v128(new Uint8Array(3))).toThrow(RangeError);
  });

  it('gives zero defaults for every type', () => {
    expect(Value.default('i32')).toEqual(Value.i32(0));
    expect(Value.default('i64')).toEqual(Value.i64(0n));
    expect(Value.default('f32')).toEqual(Value.f32(0));
    expect(Value.default('f64')).toEqual(Value.f64(0));
    expect(Value.default('v128')).toEqual(Value.v128(0n));
    expect(Value.default('funcref')).toEqual(Value.funcref(null));
    expect(Value.default('externref')).toEqual(Value.externref(null));
    expect(() => Value.default('i8' as never)).toThrow(TypeError);
  });

  it('rejects undefined references', () => {
    expect(() => Value.funcref(undefined as never)).toThrow(TypeError);
    expect(() => Value.externref(undefined as never)).toThrow(TypeError);
  });
});
