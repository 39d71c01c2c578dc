import { describe, expect, it } from 'vitest';
import { ExternRef, Func, FuncType, Imports, Trap, Value, type PublicValue } from '@wrl/core';
import { instantiateWat } from './test-wat.js';

describe('host functions', () => {
  it('re-enter wasm from a host function, several levels deep', async () => {
    let fact: ((n: number) => number) | undefined;
    const s = await instantiateWat(
      `(module
        (import "env" "back" (func $back (param i32) (result i32)))
        (func (export "fact") (param i32) (result i32)
          (if (result i32) (i32.le_s (local.get 0) (i32.const 1)) (then (i32.const 1))
            (else (i32.mul (local.get 0) (call $back (i32.sub (local.get 0) (i32.const 1))))))))`,
      (store) => new Imports().define('env', 'back', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, n: number) => fact!(n))),
    );
    const f = s.func('fact').typed(s.store, ['i32'], ['i32']);
    fact = (n) => f.call(s.store, n);
    expect(f.call(s.store, 10)).toBe(3628800);
  });

  it('pass host exceptions through unchanged and leave the engine usable', async () => {
    const boom = new Error('boom');
    let fail = true;
    const s = await instantiateWat(
      `(module
        (import "env" "h" (func $h (param i32) (result i32)))
        (func $deep (export "deep") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (call $h (i32.const 5)))
            (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))`,
      (store) => new Imports().define('env', 'h', new Func(store, new FuncType(['i32'], ['i32']), (_c, args, results) => {
        if (fail) throw boom;
        results[0] = Value.i32((args[0]!.value as number) * 2);
      })),
    );
    const deep = s.func('deep').typed(s.store, ['i32'], ['i32']);
    let caught: unknown;
    try {
      deep.call(s.store, 50);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    fail = false;
    expect(deep.call(s.store, 50)).toBe(60);
  });

  it('report traps inside nested calls and unwind cleanly', async () => {
    const s = await instantiateWat(`(module
      (func $f (export "f") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (unreachable))
          (else (call $f (i32.sub (local.get 0) (i32.const 1))))))
      (func (export "ok") (result i32) (i32.const 42)))`);
    expect(() => s.func('f').typed(s.store, ['i32'], ['i32']).call(s.store, 100)).toThrow(Trap);
    expect(s.func('ok').typed(s.store, [], ['i32']).call(s.store)).toBe(42);
  });

  it('carry externrefs and funcrefs through wasm and tables', async () => {
    const s = await instantiateWat(`(module
      (table $t (export "t") 2 externref)
      (func (export "id") (param externref) (result externref) (local.get 0))
      (func (export "put") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
      (func (export "get") (param i32) (result externref) (table.get $t (local.get 0)))
      (func (export "isnull") (param externref) (result i32) (ref.is_null (local.get 0)))
      (func $seven (result i32) (i32.const 7))
      (elem declare func $seven)
      (func (export "fref") (result funcref) (ref.func $seven)))`);
    const obj = { hello: 'world' };
    const ref = new ExternRef(s.store, obj);
    const out: PublicValue[] = [Value.externref(null)];
    s.func('id').call(s.store, [Value.externref(ref)], out);
    expect((out[0]!.value as ExternRef).downcast(s.store)).toBe(obj);
    s.func('put').call(s.store, [Value.i32(1), Value.externref(ref)], []);
    s.func('get').call(s.store, [Value.i32(1)], out);
    expect(out[0]!.value).toBe(ref);
    const isnull = [Value.i32(0)];
    s.func('isnull').call(s.store, [Value.externref(null)], isnull);
    expect(isnull[0]!.value).toBe(1);
    const fr: PublicValue[] = [Value.funcref(null)];
    s.func('fref').call(s.store, [], fr);
    const seven = fr[0]!.value as Func;
    const r = [Value.i32(0)];
    seven.call(s.store, [], r);
    expect(r[0]!.value).toBe(7);
  });
});

describe('values at the boundary', () => {
  it('keep NaN payloads bit-exact, including signalling f32 NaNs', async () => {
    const s = await instantiateWat(`(module
      (memory 1)
      (func (export "f32id") (param f32) (result f32) (local.get 0))
      (func (export "f32neg") (param f32) (result f32) (f32.neg (local.get 0)))
      (func (export "f32mem") (param f32) (result f32) (f32.store (i32.const 8) (local.get 0)) (f32.load (i32.const 8)))
      (func (export "f64abs") (param f64) (result f64) (f64.abs (local.get 0)))
      (func (export "bits") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0))))`);
    const snan = Value.f32FromBits(0x7fa00001);
    const out = [Value.f32(0)];
    s.func('f32id').call(s.store, [snan], out);
    expect(out[0]!.f32Bits()).toBe(0x7fa00001);
    s.func('f32neg').call(s.store, [snan], out);
    expect(out[0]!.f32Bits()).toBe(0xffa00001);
    s.func('f32mem').call(s.store, [snan], out);
    expect(out[0]!.f32Bits()).toBe(0x7fa00001);
    const bits = [Value.i32(0)];
    s.func('bits').call(s.store, [snan], bits);
    expect(bits[0]!.value).toBe(0x7fa00001);
    const d = [Value.f64(0)];
    s.func('f64abs').call(s.store, [Value.f64FromBits(0xfff0000000000123n)], d);
    expect(d[0]!.f64Bits()).toBe(0x7ff0000000000123n);
  });

  it('pass v128 values and i64 over the full range', async () => {
    const s = await instantiateWat(`(module
      (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
      (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
      (func (export "divu") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1))))`);
    const out = [Value.v128(0n)];
    s.func('add').call(s.store, [Value.v128(0x00000001_00000002_00000003_ffffffffn), Value.v128(0x00000001_00000001_00000001_00000001n)], out);
    expect(out[0]!.value).toBe(0x00000002_00000003_00000004_00000000n);
    const mul = s.func('mul').typed(s.store, ['i64', 'i64'], ['i64']);
    expect(mul.call(s.store, 0x7fffffffffffffffn, 3n)).toBe(0x7ffffffffffffffdn);
    expect(mul.call(s.store, -(2n ** 63n), -1n)).toBe(-(2n ** 63n));
    const divu = s.func('divu').typed(s.store, ['i64', 'i64'], ['i64']);
    expect(divu.call(s.store, -1n, 2n)).toBe(0x7fffffffffffffffn);
  });

  it('share globals and memories with the host', async () => {
    const s = await instantiateWat(`(module
      (global (export "g") (mut i64) (i64.const -5))
      (memory (export "m") 1)
      (func (export "bump") (global.set 0 (i64.add (global.get 0) (i64.const 1))) (i32.store (i32.const 0) (i32.const 0x04030201))))`);
    s.func('bump').call(s.store, [], []);
    const g = s.instance.getExport(s.store, 'g')!.value as import('@wrl/core').Global;
    expect(g.get(s.store).value).toBe(-4n);
    g.set(s.store, Value.i64(100n));
    s.func('bump').call(s.store, [], []);
    expect(g.get(s.store).value).toBe(101n);
    const m = s.instance.getExport(s.store, 'm')!.value as import('@wrl/core').Memory;
    const buf = new Uint8Array(4);
    m.read(s.store, 0, buf);
    expect([...buf]).toEqual([1, 2, 3, 4]);
    expect(m.grow(s.store, 1)).toBe(1);
    expect(m.currentPages(s.store)).toBe(2);
  });
});

describe('deep re-entrancy', () => {
  it('keeps frames intact when a nested call grows the frame stack', async () => {
    let inner: ((n: number) => number) | undefined;
    const s = await instantiateWat(
      `(module
        (import "env" "host" (func $host (param i32) (result i32)))
        (func $down (export "down") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
        (func $outer (export "outer") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (call $host (i32.const 3000)))
            (else (i32.add (i32.const 1) (call $outer (i32.sub (local.get 0) (i32.const 1))))))))`,
      (store) => new Imports().define('env', 'host', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, n: number) => inner!(n))),
    );
    inner = (n) => s.func('down').typed(s.store, ['i32'], ['i32']).call(s.store, n);
    const outer = s.func('outer').typed(s.store, ['i32'], ['i32']);
    expect(outer.call(s.store, 500)).toBe(3500);
    expect(outer.call(s.store, 2000)).toBe(5000);
  });
});
