import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports } from '@wrl/core';
import { instantiateWat, outcome, type Setup } from '../test-wat.js';

const defsOf = (s: Setup) => (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;
const compiled = (s: Setup) => defsOf(s).map((d) => typeof d.factory === 'function');

const TAILS = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (type $ii (func (param i32) (result i32)))
  (type $ll (func (param i64) (result i64)))
  (table funcref (elem $even $odd $ieven $iodd $wrong))
  (func $count (export "count") (param i32 i64) (result i64) (local i64)
    (local.set 2 (i64.add (local.get 2) (i64.const 1)))
    (if (result i64) (i32.eqz (local.get 0))
      (then (i64.add (local.get 1) (local.get 2)))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (local.get 2))))))
  (func $even (export "even") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 44)) (else (return_call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (export "odd") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 99)) (else (return_call $even (i32.sub (local.get 0) (i32.const 1))))))
  (func $ieven (export "ieven") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0x1_0000_0002)) (else (return_call_indirect (type $ll) (i64.sub (local.get 0) (i64.const 1)) (i32.const 3)))))
  (func $iodd (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const -7)) (else (return_call_indirect (type $ll) (i64.sub (local.get 0) (i64.const 1)) (i32.const 2)))))
  (func $wrong (param i32) (result f32) (f32.const 1))
  (func (export "indirect") (param i32 i32) (result i32) (return_call_indirect (type $ii) (local.get 0) (local.get 1)))
  (func (export "toHost") (param i32) (result i32) (return_call $h (i32.add (local.get 0) (i32.const 1))))
  (func (export "nonTail") (param i32) (result i32) (i32.add (call $even (local.get 0)) (i32.const 1))))`;

const host = (store: Parameters<typeof Func.wrap>[0]) => new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x * 2));

describe('JS tier tail calls', () => {
  it('compiles functions with return_call and return_call_indirect and runs them as the interpreter does', async () => {
    for (const fuel of [false, true]) {
      const [interp, js] = await Promise.all([false, true].map((jsTier) => instantiateWat(TAILS, host, { jsTier, jsTierHotness: 1, fuel })));
      const run = (s: Setup) => {
        if (fuel) s.store.setFuel(10n ** 12n);
        const i32 = (name: string, ...a: number[]) => {
          const f = s.func(name).typed(s.store, a.map(() => 'i32') as never, ['i32']) as unknown as { call(st: unknown, ...args: number[]): unknown };
          return outcome(() => f.call(s.store, ...a));
        };
        const out = [
          outcome(() => s.func('count').typed(s.store, ['i32', 'i64'], ['i64']).call(s.store, 1000, 5n)),
          i32('even', 10), i32('even', 7), i32('odd', 7), i32('nonTail', 4),
          outcome(() => s.func('ieven').typed(s.store, ['i64'], ['i64']).call(s.store, 11n)),
          outcome(() => s.func('ieven').typed(s.store, ['i64'], ['i64']).call(s.store, 12n)),
          i32('indirect', 6, 1), i32('indirect', 6, 4), i32('indirect', 6, 9), i32('toHost', 20),
        ];
        return fuel ? [...out, 10n ** 12n - s.store.getFuel()] : out;
      };
      const expected = run(interp);
      // count(1000, 5): its local restarts at zero on each of the 1001 calls, so each adds 1
      expect(expected.slice(0, 11)).toEqual([1006n, 44, 99, 44, 45, -7n, 0x1_0000_0002n, 99, 'trap BadSignature', 'trap TableOutOfBounds', 42]);
      expect(run(js)).toEqual(expected);
      expect(compiled(js).slice(0, 4)).toEqual([true, true, true, true]);
    }
  });

  it('runs a million tail calls in constant stack, to itself and between functions (maxCallDepth 20,000)', async () => {
    const s = await instantiateWat(TAILS, host, { jsTier: true, jsTierHotness: 1 });
    // count(n, 0) adds 1, 2, ..., n + 1: its local restarts at zero on every call, so each adds 1
    expect(s.func('count').typed(s.store, ['i32', 'i64'], ['i64']).call(s.store, 1_000_000, 0n)).toBe(1_000_001n);
    expect(s.func('even').typed(s.store, ['i32'], ['i32']).call(s.store, 1_000_000)).toBe(44);
    expect(s.func('odd').typed(s.store, ['i32'], ['i32']).call(s.store, 1_000_001)).toBe(44);
    expect(s.func('ieven').typed(s.store, ['i64'], ['i64']).call(s.store, 1_000_001n)).toBe(-7n);
    expect(s.func('nonTail').typed(s.store, ['i32'], ['i32']).call(s.store, 999_999)).toBe(100);
  });

  it('keeps a tail-call cycle through an interpreted function in bounded stack', async () => {
    // $v reads a v128 global, so it stays in the interpreter; $f is compiled: they tail-call each other
    const s = await instantiateWat(`(module
      (global $zero v128 (v128.const i32x4 0 0 0 0))
      (func $f (export "f") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 5)) (else (return_call $v (i32.sub (local.get 0) (i32.const 1))))))
      (func $v (param i32) (result i32)
        (return_call $f (i32x4.extract_lane 1 (i32x4.add (global.get $zero) (i32x4.splat (local.get 0)))))))`, undefined, { jsTier: true, jsTierHotness: 1 });
    expect(s.func('f').typed(s.store, ['i32'], ['i32']).call(s.store, 300_000)).toBe(5);
    expect(compiled(s)).toEqual([true, false]);
  });

  it('runs out of fuel in a tail-call loop at the same point as the interpreter', async () => {
    const tiers = await Promise.all([false, true].map((jsTier) => instantiateWat(TAILS, host, { jsTier, jsTierHotness: 1, fuel: true })));
    for (const fuel of [0n, 3n, 50n, 401n, 4000n]) {
      const seen = tiers.map((s) => {
        s.store.setFuel(fuel);
        return [outcome(() => s.func('even').typed(s.store, ['i32'], ['i32']).call(s.store, 100)), s.store.getFuel()];
      });
      expect(seen[1]).toEqual(seen[0]);
    }
  });
});
