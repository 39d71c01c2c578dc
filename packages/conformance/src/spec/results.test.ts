import { Value } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { ExternIds, matches, needsExactNan } from './results.js';
import type { Expected } from '../wast/values.js';

const store = undefined as never;
const ids = new ExternIds();
const check = (x: Expected, v: Value) => matches(x, v as never, store, ids);

describe('result matching', () => {
  it('compares floats by bits', () => {
    expect(check({ kind: 'const', value: { type: 'f32', bits: 0x80000000 } }, Value.f32(-0))).toBe(true);
    expect(check({ kind: 'const', value: { type: 'f32', bits: 0x80000000 } }, Value.f32(0))).toBe(false);
    expect(check({ kind: 'const', value: { type: 'f32', bits: 0x7fa00000 } }, Value.f32FromBits(0x7fa00000))).toBe(true);
    expect(check({ kind: 'const', value: { type: 'f32', bits: 0x7fa00000 } }, Value.f32FromBits(0x7fe00000))).toBe(false);
    expect(check({ kind: 'const', value: { type: 'f64', bits: 0x7ff0000000000001n } }, Value.f64FromBits(0x7ff0000000000001n))).toBe(true);
  });

  it('checks canonical and arithmetic NaNs, of either sign', () => {
    const canonical: Expected = { kind: 'nan', type: 'f32', pattern: 'nan:canonical' };
    const arithmetic: Expected = { kind: 'nan', type: 'f32', pattern: 'nan:arithmetic' };
    expect(check(canonical, Value.f32FromBits(0xffc00000))).toBe(true);
    expect(check(canonical, Value.f32FromBits(0x7fc00001))).toBe(false);
    expect(check(arithmetic, Value.f32FromBits(0x7fc00001))).toBe(true);
    expect(check(arithmetic, Value.f32FromBits(0x7fa00000))).toBe(false);
    expect(check(arithmetic, Value.f32(1))).toBe(false);
    expect(check({ kind: 'nan', type: 'f64', pattern: 'nan:canonical' }, Value.f32FromBits(0x7fc00000))).toBe(false);
  });

  it('compares integers as bit patterns and v128 lanes one by one', () => {
    expect(check({ kind: 'const', value: { type: 'i32', bits: 0xffffffff } }, Value.i32(-1))).toBe(true);
    expect(check({ kind: 'const', value: { type: 'i64', bits: (1n << 64n) - 1n } }, Value.i64(-1n))).toBe(true);
    expect(check({ kind: 'const', value: { type: 'i32', bits: 1 } }, Value.i64(1n))).toBe(false);
    const lanes: Expected = { kind: 'v128', shape: 'f32x4', lanes: ['nan:canonical', 0x3f800000n, 0n, 0n] };
    expect(check(lanes, Value.v128(0x3f800000_7fc00000n))).toBe(true);
    expect(check(lanes, Value.v128(0x3f800000_7fa00000n))).toBe(false);
  });

  it('knows which expectations need exact NaN payloads', () => {
    expect(needsExactNan({ kind: 'const', value: { type: 'f32', bits: 0x7fa00000 } })).toBe(true);
    expect(needsExactNan({ kind: 'const', value: { type: 'f32', bits: 0x7f800000 } })).toBe(false);
    expect(needsExactNan({ kind: 'nan', type: 'f32', pattern: 'nan:canonical' })).toBe(false);
  });
});
