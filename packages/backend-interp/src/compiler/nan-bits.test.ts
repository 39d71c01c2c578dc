import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Value, type PublicValue } from '@wrl/core';
import { instantiateWat } from '../test-wat.js';
import { copysign, f32Bits, f32FromBits, f64Bits, f64FromBits, fabs, fneg, quiet } from './nan-bits.js';

const F32_SNAN = 0x7fa00001;
const F64_SNAN = 0x7ff4000000000abcn;

describe('f32 encoding', () => {
  it('round-trips every kind of f32 through the double encoding', () => {
    for (const b of [0, 0x80000000, 0x3f800000, 0x7f800000, 0xff800000, 0x7fc00000, F32_SNAN, 0xffa12345, 0x7f800001, 0x00000001]) {
      expect(f32Bits(f32FromBits(b | 0)) >>> 0).toBe(b >>> 0);
    }
  });

  it('keeps the quiet bit where Math.fround and quiet() put it', () => {
    expect(f32Bits(quiet(f32FromBits(F32_SNAN))) >>> 0).toBe(0x7fe00001);
    expect(f32Bits(Math.fround(f32FromBits(F32_SNAN))) >>> 0).toBe(0x7fe00001);
  });

  it('changes only the sign bit in neg, abs and copysign', () => {
    const n = f64FromBits(F64_SNAN);
    expect(f64Bits(fneg(n))).toBe(BigInt.asIntN(64, F64_SNAN | (1n << 63n)));
    expect(f64Bits(fabs(fneg(n)))).toBe(F64_SNAN);
    expect(f64Bits(copysign(n, -1))).toBe(BigInt.asIntN(64, F64_SNAN | (1n << 63n)));
    expect(f32Bits(fneg(f32FromBits(F32_SNAN))) >>> 0).toBe((F32_SNAN | 0x80000000) >>> 0);
  });
});

const MODULE = `(module
  (import "env" "id32" (func $hid32 (param f32) (result f32)))
  (import "env" "id64" (func $hid64 (param f64) (result f64)))
  (memory 1)
  (global $g32 (mut f32) (f32.const 0))
  (global $g64 (mut f64) (f64.const 0))
  (func $pass32 (param f32) (result f32) (local f32) (local.set 1 (local.get 0)) (local.get 1))
  (func $pair (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "f32") (param f32 i32) (result f32)
    (global.set $g32 (call $pass32 (local.get 0)))
    (f32.store (i32.const 8) (global.get $g32))
    (select (f32.load (i32.const 8)) (f32.const 1) (local.get 1)))
  (func (export "f64") (param f64) (result f64)
    (global.set $g64 (local.get 0))
    (f64.store (i32.const 16) (global.get $g64))
    (call $hid64 (f64.load (i32.const 16))))
  (func (export "host32") (param f32) (result f32) (call $hid32 (local.get 0)))
  (func (export "multi") (param f32 f64) (result f64 f32) (call $pair (local.get 0) (local.get 1)))
  (func (export "bits32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "bits64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
  (func (export "from32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "const32") (result f32) (f32.const nan:0x200001))
  (func (export "neg64") (param f64) (result f64) (f64.neg (local.get 0)))
  (func (export "copysign32") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1))))`;

describe('JS tier NaN bits', () => {
  const setup = () => instantiateWat(MODULE, (store) => new Imports()
    .define('env', 'id32', new Func(store, new FuncType(['f32'], ['f32']), (_c, a, r) => { r[0] = a[0]!; }))
    .define('env', 'id64', new Func(store, new FuncType(['f64'], ['f64']), (_c, a, r) => { r[0] = a[0]!; })), { jsTier: true, jsTierHotness: 1 });

  const call = (s: Awaited<ReturnType<typeof setup>>, name: string, args: PublicValue[], n = 1): PublicValue[] => {
    const out: PublicValue[] = new Array(n).fill(Value.i32(0));
    s.func(name).call(s.store, args, out);
    return out;
  };

  it('keeps signalling NaNs through locals, calls, globals, memory, select and host functions', async () => {
    const s = await setup();
    expect(call(s, 'f32', [Value.f32FromBits(F32_SNAN), Value.i32(1)])[0]!.f32Bits()).toBe(F32_SNAN);
    expect(call(s, 'f32', [Value.f32FromBits(0xffa0beef), Value.i32(1)])[0]!.f32Bits()).toBe(0xffa0beef);
    expect(call(s, 'f64', [Value.f64FromBits(F64_SNAN)])[0]!.f64Bits()).toBe(F64_SNAN);
    expect(call(s, 'host32', [Value.f32FromBits(F32_SNAN)])[0]!.f32Bits()).toBe(F32_SNAN);
    const [d, f] = call(s, 'multi', [Value.f32FromBits(F32_SNAN), Value.f64FromBits(F64_SNAN)], 2);
    expect(d!.f64Bits()).toBe(F64_SNAN);
    expect(f!.f32Bits()).toBe(F32_SNAN);
  });

  it('moves raw bits in reinterpret, constants, neg and copysign', async () => {
    const s = await setup();
    expect(call(s, 'bits32', [Value.f32FromBits(F32_SNAN)])[0]!.value).toBe(F32_SNAN);
    expect(call(s, 'bits64', [Value.f64FromBits(F64_SNAN)])[0]!.value).toBe(F64_SNAN);
    expect(call(s, 'from32', [Value.i32(0xff812345 | 0)])[0]!.f32Bits()).toBe(0xff812345);
    expect(call(s, 'const32', [])[0]!.f32Bits()).toBe(0x7fa00001);
    expect(call(s, 'neg64', [Value.f64FromBits(F64_SNAN)])[0]!.f64Bits()).toBe(F64_SNAN | (1n << 63n));
    expect(call(s, 'copysign32', [Value.f32FromBits(F32_SNAN), Value.f32(-1)])[0]!.f32Bits()).toBe((F32_SNAN | 0x80000000) >>> 0);
  });
});
