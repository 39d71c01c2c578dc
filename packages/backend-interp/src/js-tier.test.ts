import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Trap } from '@wrl/core';
import { instantiateWat } from './test-wat.js';

const trapCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return undefined;
};

const MODULE = `(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $sq)
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "sum") (param i32) (result i64) (local i64)
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get 0)))
      (i32.store (i32.const 0) (local.get 0))
      (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (i32.load (i32.const 0)))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $l)))
    (local.get 1))
  (func (export "mixed") (param i32) (result i32)
    (i32.add (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))
             (call $host (local.get 0))))
  (func (export "spin") (loop $l (br $l)))
  (func (export "oob") (param i32) (result i32) (i32.load (local.get 0))))`;

describe('JS tier', () => {
  const setup = (options = {}) =>
    instantiateWat(MODULE, (store) => new Imports().define('env', 'host', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, n: number) => n + 1000)), { jsTier: true, ...options });

  it('computes the same results as the interpreter', async () => {
    const s = await setup();
    expect(s.func('fib').typed(s.store, ['i32'], ['i32']).call(s.store, 20)).toBe(6765);
    expect(s.func('sum').typed(s.store, ['i32'], ['i64']).call(s.store, 1000)).toBe(500500n);
    expect(s.func('mixed').typed(s.store, ['i32'], ['i32']).call(s.store, 7)).toBe(49 + 1007);
  });

  it('traps and meters fuel like the interpreter', async () => {
    const s = await setup({ fuel: true, maxCallDepth: 50 });
    s.store.setFuel(100_000);
    expect(trapCode(() => s.func('spin').typed(s.store, [], []).call(s.store))).toBe('OutOfFuel');
    s.store.setFuel(1_000_000);
    expect(trapCode(() => s.func('oob').typed(s.store, ['i32'], ['i32']).call(s.store, 65535))).toBe('MemoryOutOfBounds');
    expect(trapCode(() => s.func('fib').typed(s.store, ['i32'], ['i32']).call(s.store, 60))).toBe('StackOverflow');
    expect(s.func('fib').typed(s.store, ['i32'], ['i32']).call(s.store, 10)).toBe(55);
  });
});

describe('JS tier locals', () => {
  it('keeps i32 locals in variables and writes them back around calls', async () => {
    const s = await instantiateWat(`(module
      (func $id (param i32) (result i32) (local.get 0))
      (func (export "acc") (param i32) (result i32) (local i32 i64)
        (loop $l
          (local.set 1 (i32.add (local.get 1) (call $id (local.get 0))))
          (local.set 2 (i64.add (local.get 2) (i64.const 1)))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br_if $l (local.get 0)))
        (i32.add (local.get 1) (i32.wrap_i64 (local.get 2)))))`, undefined, { jsTier: true, jsTierHotness: 1 });
    const acc = s.func('acc').typed(s.store, ['i32'], ['i32']);
    expect(acc.call(s.store, 100)).toBe(5050 + 100);
    const defs = (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;
    expect(typeof defs[1]!.factory).toBe('function');
  });
});

describe('JS tier depth', () => {
  it('recurses to maxCallDepth like the interpreter, not to the JS stack limit', async () => {
    const REC = `(module
      (func $r (export "r") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(REC, undefined, { jsTier, maxCallDepth: 100_000 });
      const r = s.func('r').typed(s.store, ['i32'], ['i32']);
      expect(r.call(s.store, 90_000)).toBe(90_000);
      expect(trapCode(() => r.call(s.store, 200_000))).toBe('StackOverflow');
      expect(r.call(s.store, 10)).toBe(10);
    }
  });
});
