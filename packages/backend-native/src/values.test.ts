import { Func, FuncType, Global, Imports, Instance, Module, Value, type Store } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { setup, wat } from './test-helpers.js';

async function instance(store: Store<null>, text: string, imports = new Imports()) {
  return new Instance(store, new Module(store.engine, await wat(text)), imports);
}

const F32_SNAN = 0x7fa00001;
const F32_NEG_SNAN = 0xffa00001;
const F64_SNAN = 0x7ff4000000000001n;

describe('values', () => {
  it('passes i32, i64, f32 and f64 through calls', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (func (export "id4") (param i32 i64 f32 f64) (result i32 i64 f32 f64) local.get 0 local.get 1 local.get 2 local.get 3)
      (func (export "none")))`);
    const id4 = inst.getExport(store, 'id4')!.intoFunc()!;
    const args = [Value.i32(-7), Value.i64(-(1n << 63n)), Value.f32(1.5), Value.f64(-2.25)];
    const out = [Value.i32(0), Value.i64(0n), Value.f32(0), Value.f64(0)];
    id4.call(store, args, out);
    expect(out).toEqual(args);
    expect(id4.ty(store)).toEqual(new FuncType(['i32', 'i64', 'f32', 'f64'], ['i32', 'i64', 'f32', 'f64']));
    inst.getExport(store, 'none')!.intoFunc()!.call(store, [], []);
    const typed = id4.typed(store, ['i32', 'i64', 'f32', 'f64'], ['i32', 'i64', 'f32', 'f64']);
    expect(typed.call(store, 1, 2n, 0.5, 0.25)).toEqual([1, 2n, 0.5, 0.25]);
  });

  it('keeps NaN bit patterns exact across calls', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (func (export "neg32") (param f32) (result f32) (f32.neg (local.get 0)))
      (func (export "id32") (param f32) (result f32) (local.get 0))
      (func (export "id64") (param f64) (result f64) (local.get 0))
      (func (export "bits32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
      (func (export "snan32") (result f32) (f32.reinterpret_i32 (i32.const 0x7fa00001)))
      (func (export "snan64") (result f64) (f64.reinterpret_i64 (i64.const 0x7ff4000000000001))))`);
    const call = (name: string, args: Value[], out: Value) => {
      const res = [out];
      inst.getExport(store, name)!.intoFunc()!.call(store, args as never, res as never);
      return res[0]!;
    };
    expect(call('neg32', [Value.f32FromBits(F32_SNAN)], Value.f32(0)).f32Bits()).toBe(F32_NEG_SNAN);
    expect(call('id32', [Value.f32FromBits(F32_SNAN)], Value.f32(0)).f32Bits()).toBe(F32_SNAN);
    expect(call('bits32', [Value.f32FromBits(F32_SNAN)], Value.i32(0))).toEqual(Value.i32(F32_SNAN));
    expect(call('id64', [Value.f64FromBits(F64_SNAN)], Value.f64(0)).f64Bits()).toBe(F64_SNAN);
    expect(call('snan32', [], Value.f32(0)).f32Bits()).toBe(F32_SNAN);
    expect(call('snan64', [], Value.f64(0)).f64Bits()).toBe(F64_SNAN);
    expect(call('id32', [Value.f32(-0)], Value.f32(0)).f32Bits()).toBe(0x80000000);
  });

  it('keeps NaN bits exact through host functions', async () => {
    const { store } = setup();
    const seen: number[] = [];
    const host = new Func(store, new FuncType(['f32', 'f64'], ['f32', 'f64']), (_c, args, results) => {
      seen.push(args[0]!.f32Bits());
      results[0] = Value.f32FromBits(F32_NEG_SNAN);
      results[1] = Value.f64FromBits(args[1]!.f64Bits() ^ 1n);
    });
    const inst = await instance(
      store,
      `(module (import "env" "h" (func $h (param f32 f64) (result f32 f64)))
        (func (export "f") (result i32 i64) (local i64)
          (call $h (f32.reinterpret_i32 (i32.const 0x7fa00001)) (f64.reinterpret_i64 (i64.const 0x7ff4000000000001)))
          (i64.reinterpret_f64) (local.set 0) (i32.reinterpret_f32) (local.get 0)))`,
      new Imports().define('env', 'h', host),
    );
    const out = [Value.i32(0), Value.i64(0n)];
    inst.getExport(store, 'f')!.intoFunc()!.call(store, [], out);
    expect(seen).toEqual([F32_SNAN]);
    expect(out[0]).toEqual(Value.i32(F32_NEG_SNAN));
    expect(out[1]).toEqual(Value.i64(BigInt.asIntN(64, F64_SNAN ^ 1n)));
    // Calling the host function directly keeps the bits too.
    const direct = [Value.f32(0), Value.f64(0)];
    host.call(store, [Value.f32FromBits(F32_SNAN), Value.f64FromBits(F64_SNAN)], direct);
    expect(direct[0]!.f32Bits()).toBe(F32_NEG_SNAN);
  });

  it('passes v128 values through calls, host functions and globals', async () => {
    const { store } = setup();
    const big = (1n << 127n) | 0x0123456789abcdef_fedcba9876543210n;
    const host = new Func(store, new FuncType(['v128'], ['v128']), (_c, args, results) => {
      results[0] = Value.v128((args[0]!.value as bigint) ^ ((1n << 128n) - 1n));
    });
    const inst = await instance(
      store,
      `(module (import "env" "not" (func $not (param v128) (result v128)))
        (global $g (export "g") (mut v128) (v128.const i64x2 1 2))
        (func (export "swap") (param v128) (result v128) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
        (func (export "not") (param v128) (result v128) (call $not (local.get 0))))`,
      new Imports().define('env', 'not', host),
    );
    const out = [Value.v128(0n)];
    inst.getExport(store, 'swap')!.intoFunc()!.call(store, [Value.v128(big)], out);
    const lo = big & ((1n << 64n) - 1n);
    const hi = big >> 64n;
    expect(out[0]).toEqual(Value.v128((lo << 64n) | hi));
    inst.getExport(store, 'not')!.intoFunc()!.call(store, [Value.v128(big)], out);
    expect(out[0]).toEqual(Value.v128(big ^ ((1n << 128n) - 1n)));
    const g = inst.getExport(store, 'g')!.intoGlobal()!;
    expect(g.get(store)).toEqual(Value.v128((2n << 64n) | 1n));
    g.set(store, Value.v128(big));
    expect(g.get(store)).toEqual(Value.v128(big));
    const hostGlobal = new Global(store, Value.v128(big), false);
    expect(hostGlobal.get(store)).toEqual(Value.v128(big));
  });

  it('reads and writes globals of every number type, with exact NaNs', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (global (export "i32") (mut i32) (i32.const -1))
      (global (export "i64") (mut i64) (i64.const -2))
      (global (export "f32") (mut f32) (f32.const 1.5))
      (global (export "f64") f64 (f64.const 2.5))
      (global $s (export "s") (mut f32) (f32.const 0))
      (func (export "sbits") (result i32) (i32.reinterpret_f32 (global.get $s))))`);
    const g = (n: string) => inst.getExport(store, n)!.intoGlobal()!;
    expect(g('i32').get(store)).toEqual(Value.i32(-1));
    expect(g('i64').get(store)).toEqual(Value.i64(-2n));
    expect(g('f32').get(store)).toEqual(Value.f32(1.5));
    expect(g('f64').get(store)).toEqual(Value.f64(2.5));
    g('i32').set(store, Value.i32(5));
    g('i64').set(store, Value.i64(1n << 62n));
    g('f32').set(store, Value.f32(-3));
    expect([g('i32').get(store), g('i64').get(store), g('f32').get(store)]).toEqual([Value.i32(5), Value.i64(1n << 62n), Value.f32(-3)]);
    g('s').set(store, Value.f32FromBits(F32_SNAN));
    expect(g('s').get(store).f32Bits()).toBe(F32_SNAN);
    expect(inst.getExport(store, 'sbits')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(F32_SNAN);
    expect(() => g('f64').set(store, Value.f64(1))).toThrow(TypeError);

    const hostNan = new Global(store, Value.f64FromBits(F64_SNAN), false);
    expect(hostNan.get(store).f64Bits()).toBe(F64_SNAN);
    const hostF32 = new Global(store, Value.f32FromBits(F32_SNAN), true);
    expect(hostF32.get(store).f32Bits()).toBe(F32_SNAN);
    hostF32.set(store, Value.f32(0.5));
    expect(hostF32.get(store)).toEqual(Value.f32(0.5));
    const imported = await instance(
      store,
      '(module (import "env" "g" (global $g f64)) (func (export "bits") (result i64) (i64.reinterpret_f64 (global.get $g))))',
      new Imports().define('env', 'g', hostNan),
    );
    expect(imported.getExport(store, 'bits')!.intoFunc()!.typed(store, [], ['i64']).call(store)).toBe(BigInt.asIntN(64, F64_SNAN));
  });

  it('shares host globals with modules that import them', async () => {
    const { store } = setup();
    const counter = new Global(store, Value.i64(10n), true);
    const inst = await instance(
      store,
      `(module (import "env" "c" (global $c (mut i64))) (export "c" (global $c))
        (func (export "bump") (global.set $c (i64.add (global.get $c) (i64.const 1)))))`,
      new Imports().define('env', 'c', counter),
    );
    inst.getExport(store, 'bump')!.intoFunc()!.call(store, [], []);
    expect(counter.get(store)).toEqual(Value.i64(11n));
    // Re-exported: the same Global object.
    expect(inst.getExport(store, 'c')!.intoGlobal()).toBe(counter);
  });
});
