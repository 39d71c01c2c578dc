import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Value, type PublicValue } from '@wrl/core';
import { outcome, instantiateWat, type Setup } from '../test-wat.js';

const defsOf = (s: Setup) => (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;

const TRAPS = `(module
  (memory 1)
  (table 2 funcref)
  (type $v (func (result i32)))
  (type $i (func (param i32) (result i32)))
  (elem (i32.const 0) $one)
  (func $one (result i32) (i32.const 1))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem64") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load offset=2 (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "unreachable") (unreachable))
  (func (export "indirect") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
  (func (export "badsig") (result i32) (call_indirect (type $i) (i32.const 5) (i32.const 0))))`;

describe('JS tier traps', () => {
  it("traps with the interpreter's codes, at the same boundaries", async () => {
    const results: unknown[][] = [];
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(TRAPS, undefined, { jsTier, jsTierHotness: 1 });
      const t = (name: string, p: ('i32' | 'i64' | 'f64')[], r: ('i32' | 'i64')[]) => s.func(name).typed(s.store, p as never, r as never) as unknown as { call(st: unknown, ...a: unknown[]): unknown };
      const div = t('div', ['i32', 'i32'], ['i32']);
      const load = t('load', ['i32'], ['i32']);
      const load8 = t('load8', ['i32'], ['i32']);
      const store64 = t('store64', ['i32'], []);
      results.push([
        outcome(() => div.call(s.store, 7, 0)), outcome(() => div.call(s.store, -2147483648, -1)), outcome(() => div.call(s.store, -7, 2)),
        outcome(() => t('rem64', ['i64', 'i64'], ['i64']).call(s.store, 5n, 0n)), outcome(() => t('rem64', ['i64', 'i64'], ['i64']).call(s.store, -1n, 10n)),
        outcome(() => load.call(s.store, 65530)), outcome(() => load.call(s.store, 65531)), outcome(() => load.call(s.store, -1)), outcome(() => load.call(s.store, -2)),
        outcome(() => load8.call(s.store, 65535)), outcome(() => load8.call(s.store, 65536)), outcome(() => load8.call(s.store, -1)),
        outcome(() => store64.call(s.store, 65528)), outcome(() => store64.call(s.store, 65529)), outcome(() => store64.call(s.store, -8)),
        outcome(() => t('trunc', ['f64'], ['i32']).call(s.store, NaN)), outcome(() => t('trunc', ['f64'], ['i32']).call(s.store, 3e9)),
        outcome(() => t('unreachable', [], []).call(s.store)),
        outcome(() => t('indirect', ['i32'], ['i32']).call(s.store, 0)), outcome(() => t('indirect', ['i32'], ['i32']).call(s.store, 1)),
        outcome(() => t('indirect', ['i32'], ['i32']).call(s.store, 2)), outcome(() => t('badsig', [], ['i32']).call(s.store)),
      ]);
      if (jsTier) expect(defsOf(s).every((d) => typeof d.factory === 'function')).toBe(true);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]).toContain('trap MemoryOutOfBounds');
    expect(results[1]).toContain('trap IndirectCallToNull');
  });
});

const FUEL = `(module
  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 3)))
  (func (export "work") (param i32) (result i32) (local i32)
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get 0)))
        (block $a (block $b (block $c
          (br_table $a $b $c (i32.rem_u (local.get 0) (i32.const 3))))
          (local.set 1 (call $leaf (local.get 1))) (br $a))
          (if (i32.and (local.get 0) (i32.const 4))
            (then (local.set 1 (i32.add (local.get 1) (i32.const 1))))
            (else (local.set 1 (i32.sub (local.get 1) (i32.const 1)) (br $a)))))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
    (local.get 1)))`;

describe('JS tier fuel', () => {
  it("consumes exactly the interpreter's fuel and runs out at the same point", async () => {
    const tiers = await Promise.all([false, true].map((jsTier) => instantiateWat(FUEL, undefined, { jsTier, jsTierHotness: 1, fuel: true })));
    for (let fuel = 0; fuel < 400; fuel += 7) {
      const seen = tiers.map((s) => {
        s.store.setFuel(BigInt(fuel));
        const r = outcome(() => s.func('work').typed(s.store, ['i32'], ['i32']).call(s.store, 9));
        return [r, s.store.getFuel()];
      });
      expect(seen[1]).toEqual(seen[0]);
    }
    expect(typeof defsOf(tiers[1]!)[1]!.factory).toBe('function');
  });
});

describe('JS tier fuel seen from outside', () => {
  it('shows the fuel spent so far to the growth limiters it calls, as the interpreter does', async () => {
    const GROW = `(module
      (memory 1)
      (table 1 funcref)
      (func (export "grow") (param i32) (result i32)
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (drop (memory.grow (i32.const 1)))
        (local.set 0 (i32.mul (local.get 0) (i32.const 3)))
        (drop (table.grow (ref.null func) (i32.const 1)))
        (local.get 0)))`;
    const seen: bigint[][] = [];
    for (const jsTier of [false, true]) {
      const fuelAt: bigint[] = [];
      let store: { getFuel(): bigint } | undefined;
      const limiter = {
        memoryGrowing: () => (fuelAt.push(store!.getFuel()), true),
        tableGrowing: () => (fuelAt.push(store!.getFuel()), true),
      };
      const s = await instantiateWat(GROW, undefined, { jsTier, jsTierHotness: 1, fuel: true, limiter });
      store = s.store;
      s.store.setFuel(1000n);
      expect(s.func('grow').typed(s.store, ['i32'], ['i32']).call(s.store, 4)).toBe(15);
      seen.push([...fuelAt, s.store.getFuel()]);
    }
    expect(seen[0]!.length).toBe(3);
    expect(new Set(seen[0]).size).toBe(1); // one block: charged on entry
    expect(seen[1]).toEqual(seen[0]);
  });
});

const REC = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (call $h (i32.const 0)))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`;

describe('JS tier call depth and re-entrancy', () => {
  it('traps StackOverflow at maxCallDepth like the interpreter and stays usable', async () => {
    const limits: number[] = [];
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(REC, (store) => new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), () => 7)), { jsTier, jsTierHotness: 1, maxCallDepth: 40 });
      const down = s.func('down').typed(s.store, ['i32'], ['i32']);
      let n = 0;
      while (outcome(() => down.call(s.store, n)) === n + 7) n++;
      expect(outcome(() => down.call(s.store, n))).toBe('trap StackOverflow');
      limits.push(n);
      expect(down.call(s.store, n - 1)).toBe(n - 1 + 7);
    }
    expect(limits[1]).toBe(limits[0]);
  });

  it('lets host functions call back in and passes their exceptions through unchanged', async () => {
    const boom = new Error('boom');
    let mode: 'reenter' | 'throw' = 'reenter';
    let down: ((n: number) => number) | undefined;
    const s = await instantiateWat(REC, (store) => new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), () => {
      if (mode === 'throw') throw boom;
      mode = 'throw';
      try {
        return down!(3) * 100;
      } catch (e) {
        return e === boom ? -1 : -2;
      } finally {
        mode = 'reenter';
      }
    })), { jsTier: true, jsTierHotness: 1, maxCallDepth: 60 });
    const f = s.func('down').typed(s.store, ['i32'], ['i32']);
    down = (n) => f.call(s.store, n);
    // 6 frames, then the host re-enters: 4 frames whose host call throws, caught by the outer host
    expect(f.call(s.store, 5)).toBe(5 - 1);
    mode = 'throw';
    expect(() => f.call(s.store, 10)).toThrow(boom);
    mode = 'reenter';
    // after the exception the depth is back to zero: the full depth is available
    expect(outcome(() => f.call(s.store, 55))).toBe(55 - 1);
    // one frame more and the re-entrant call overflows: the outer host sees the trap
    expect(outcome(() => f.call(s.store, 56))).toBe(56 - 2);
  });

  it("recurses past the JS stack's comfort on the interpreter's frame stack", async () => {
    const s = await instantiateWat(REC, (store) => new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), () => 0)), { jsTier: true, jsTierHotness: 1, maxCallDepth: 100_000 });
    const down = s.func('down').typed(s.store, ['i32'], ['i32']);
    expect(down.call(s.store, 50_000)).toBe(50_000);
    expect(outcome(() => down.call(s.store, 100_000))).toBe('trap StackOverflow');
    expect(down.call(s.store, 10)).toBe(10);
  });
});

// $simd and $vmulti read a v128 global, which keeps them in the interpreter (v128 values do not cross a compiled function's boundary)
const MIXED = `(module
  (import "env" "pair" (func $hpair (param i32) (result i32 f64)))
  (global $zero v128 (v128.const i32x4 0 0 0 0))
  (func $simd (param i32) (result i32)
    (i32x4.extract_lane 2 (i32x4.add (global.get $zero) (i32x4.add (i32x4.splat (local.get 0)) (i32x4.splat (call $comp (i32.const 1)))))))
  (func $comp (param i32) (result i32) (i32.mul (local.get 0) (i32.const 10)))
  (func $tail (param i32) (result i32) (return_call $comp (i32.add (local.get 0) (i32.const 1))))
  (func $multi (param i32) (result i32 f64) (call $hpair (local.get 0)))
  (func $vmulti (param i32) (result i32 f64) (i32x4.extract_lane 0 (i32x4.add (global.get $zero) (i32x4.splat (local.get 0)))) (f64.const 2.5))
  (func (export "run") (param i32) (result i32)
    (i32.add (call $simd (local.get 0)) (call $tail (local.get 0))))
  (func (export "multi") (param i32) (result f64) (local f64)
    (call $multi (local.get 0)) (local.set 1) (f64.convert_i32_s) (local.get 1) (f64.add)
    (call $vmulti (local.get 0)) (local.set 1) (f64.convert_i32_s) (local.get 1) (f64.add) (f64.add)))`;

describe('JS tier and interpreter together', () => {
  it('calls between compiled and interpreted functions in both directions, with several results', async () => {
    const s = await instantiateWat(MIXED, (store) => new Imports().define('env', 'pair', new Func(store, new FuncType(['i32'], ['i32', 'f64']), (_c, a, r) => {
      r[0] = Value.i32((a[0]!.value as number) + 1);
      r[1] = Value.f64(0.5);
    })), { jsTier: true, jsTierHotness: 1 });
    expect(s.func('run').typed(s.store, ['i32'], ['i32']).call(s.store, 4)).toBe(4 + 10 + 50);
    expect(s.func('multi').typed(s.store, ['i32'], ['f64']).call(s.store, 4)).toBe(5 + 0.5 + 4 + 2.5);
    const out: PublicValue[] = [Value.f64(0)];
    s.func('multi').call(s.store, [Value.i32(1)], out);
    expect(out[0]!.value).toBe(2 + 0.5 + 1 + 2.5);
    const kinds = defsOf(s).map((d) => typeof d.factory);
    // $simd and $vmulti stay in the interpreter; the others are compiled ($tail with its tail call)
    expect(kinds).toEqual(['object', 'function', 'function', 'function', 'object', 'function', 'function']);
  });

  it('compiles a function on its second call by default', async () => {
    const s = await instantiateWat(MIXED, (store) => new Imports().define('env', 'pair', new Func(store, new FuncType(['i32'], ['i32', 'f64']), (_c, _a, r) => {
      r[0] = Value.i32(0);
      r[1] = Value.f64(0);
    })), { jsTier: true });
    const run = s.func('run').typed(s.store, ['i32'], ['i32']);
    expect(run.call(s.store, 1)).toBe(1 + 10 + 20);
    expect(defsOf(s)[5]!.factory).toBeUndefined();
    expect(run.call(s.store, 2)).toBe(2 + 10 + 30);
    expect(typeof defsOf(s)[5]!.factory).toBe('function');
  });

  it('compiles a function with a loop on its first call, so a long-running main runs compiled', async () => {
    const s = await instantiateWat(`(module
      (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
        (local.get $acc))
      (func (export "flat") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))`, undefined, { jsTier: true });
    expect(s.func('sum').typed(s.store, ['i32'], ['i32']).call(s.store, 100)).toBe(5050);
    expect(s.func('flat').typed(s.store, ['i32'], ['i32']).call(s.store, 5)).toBe(15);
    const [sum, flat] = defsOf(s);
    expect(typeof sum!.factory).toBe('function');
    expect(flat!.factory).toBeUndefined();
  });
});
