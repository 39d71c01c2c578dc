/**
 * A store counts fuel in a small integer window and keeps the rest in a reserve that refills the
 * window when a charge overdraws it (runtime/store.ts). The split must be invisible: with a window
 * of a few units, refilled over and over, every budget stops a run at the same point with the
 * same fuel left as the default window does, in the interpreter and in the JS tier alike.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Imports, Instance, Module, Store, Trap } from '@wrl/core';
import { InterpEngine } from './engine.js';
import type { InterpStore } from './runtime/store.js';
import { wat } from './test-wat.js';

const WAT = `(module
  (global $g (mut i32) (i32.const 0))
  (func $leaf (param $x i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $x) (i32.const 3))
      (then (local.get $x))
      (else (i32.add (call $leaf (i32.sub (local.get $x) (i32.const 1))) (i32.const 2)))))
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (call $leaf (local.get $i))))
        (global.set $g (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  (func (export "progress") (result i32) (global.get $g)))`;

interface Run {
  outcome: number | string;
  progress: number;
  fuelLeft: bigint;
}

async function runner(jsTier: boolean, window?: number) {
  const backend = new InterpEngine({ fuel: true, jsTier });
  if (window !== undefined) {
    const make = backend.createStore.bind(backend);
    backend.createStore = (): InterpStore => {
      const st = make();
      st.fuelWindow = window;
      return st;
    };
  }
  const engine = new Engine(backend);
  const module = new Module(engine, await wat(WAT));
  return (budget: bigint): Run => {
    const store = new Store(engine, undefined);
    const instance = new Instance(store, module, new Imports());
    const fn = (name: string) => instance.getExport(store, name)!.intoFunc()!;
    store.setFuel(budget);
    let outcome: number | string;
    try {
      outcome = fn('run').typed(store, ['i32'], ['i32']).call(store, 7) as number;
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      outcome = e.code;
    }
    const fuelLeft = store.getFuel();
    store.setFuel(1000n);
    const progress = fn('progress').typed(store, [], ['i32']).call(store) as number;
    return { outcome, progress, fuelLeft };
  };
}

describe('the fuel window', () => {
  it('refilling a tiny window changes nothing, for every budget, in both tiers', async () => {
    const reference = await runner(false);
    const full = reference(1n << 40n);
    const used = (1n << 40n) - full.fuelLeft;
    expect(typeof full.outcome).toBe('number');
    expect(used).toBeGreaterThan(100n);
    const expected: Run[] = [];
    for (let budget = 0n; budget <= used + 2n; budget++) expected.push(reference(budget));
    for (const jsTier of [false, true]) {
      for (const window of [1, 3, 7]) {
        const small = await runner(jsTier, window);
        expected.forEach((want, budget) => {
          expect(small(BigInt(budget)), `jsTier ${jsTier}, window ${window}, budget ${budget}`).toEqual(want);
        });
      }
    }
  });

  it('keeps fuel past the window exact', async () => {
    for (const jsTier of [false, true]) {
      const run = await runner(jsTier);
      const small = run(100_000n);
      const used = 100_000n - small.fuelLeft;
      const big = 2n ** 52n + 12345n;
      expect(run(big).fuelLeft).toBe(big - used);
      // the API caps fuel at 2^53 - 1, the largest count a float holds exactly
      expect(run(2n ** 60n).fuelLeft).toBe(2n ** 53n - 1n - used);
    }
  });
});
