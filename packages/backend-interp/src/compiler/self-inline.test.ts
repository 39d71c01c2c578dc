/**
 * A self-recursive function's calls to itself run a copy of its body inlined
 * in the JS tier (emit.ts, INLINE_MAX_BODY). Every test runs the same module
 * in the interpreter and in the JS tier and expects the same results, traps,
 * call depth and fuel, with the copy present in the generated code.
 */
import { describe, expect, it } from 'vitest';
import { FIB_WAT, instantiateWat, outcome, type Setup } from '../test-wat.js';
import type { InterpEngineOptions } from '../runtime/limits.js';

type Typed = { call(st: unknown, ...a: unknown[]): unknown };
const typed = (s: Setup, name: string, p: string[], r: string[]): Typed => s.func(name).typed(s.store, p as never, r as never) as unknown as Typed;
const sources = (s: Setup): string[] => (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs.map((d) => String(d.factory));

/** The same module on the interpreter and on the JS tier (compiled on the first call). */
async function both(text: string, options: InterpEngineOptions = {}): Promise<[Setup, Setup]> {
  return [await instantiateWat(text, undefined, { ...options, jsTier: false }), await instantiateWat(text, undefined, { ...options, jsTier: true, jsTierHotness: 1 })];
}

const RECURSIVE = `(module
  (memory 1)
  ;; every frame's locals start at zero, also in a copy entered twice by the same caller
  (func $twice (export "twice") (param $n i32) (result i32) (local $acc i32) (local $i i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $twice (i32.sub (local.get $n) (i32.const 1)))))
      (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 2))))
    (local.get $acc))
  ;; i64 parameters and result, through their high words
  (func $sum64 (export "sum64") (param $n i64) (param $acc i64) (result i64) (local $t i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.add (local.get $acc) (local.get $t)))
      (else (call $sum64 (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 0x100000001))))))
  ;; no result: a store per frame
  (func $fill (export "fill") (param $n i32)
    (if (i32.eqz (local.get $n)) (then (return)))
    (i32.store (i32.shl (local.get $n) (i32.const 2)) (i32.mul (local.get $n) (local.get $n)))
    (call $fill (i32.sub (local.get $n) (i32.const 1))))
  (func (export "peek") (param i32) (result i32) (i32.load (i32.shl (local.get 0) (i32.const 2))))
  ;; f64, and a reference local that starts null in every frame
  (func $half (export "half") (param $x f64) (param $n i32) (result f64) (local $r externref) (local $seen i32)
    (local.set $seen (ref.is_null (local.get $r)))
    (local.set $r (ref.null extern))
    (if (result f64) (i32.eqz (local.get $n))
      (then (f64.add (local.get $x) (f64.convert_i32_u (local.get $seen))))
      (else (f64.mul (call $half (f64.mul (local.get $x) (f64.const 0.5)) (i32.sub (local.get $n) (i32.const 1))) (f64.const 3)))))
  ;; traps at the bottom of the recursion, in whichever frame that is
  (func $down (export "down") (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (unreachable)))
    (i32.add (call $down (i32.sub (local.get $n) (i32.const 1))) (i32.const 1))))`;

describe('self-recursive calls inlined in the JS tier', () => {
  it('inlines a copy at each call to itself', async () => {
    const [, js] = await both(FIB_WAT);
    expect(typed(js, 'fib', ['i32'], ['i32']).call(js.store, 20)).toBe(6765);
    const [src] = sources(js);
    expect(src!.match(/\byI: \{/g)?.length).toBe(2);
  });

  it('computes what the interpreter computes: fresh locals, i64 words, no result, f64, references', async () => {
    const [interp, js] = await both(RECURSIVE);
    for (const s of [interp, js]) typed(s, 'fill', ['i32'], []).call(s.store, 12);
    const run = (s: Setup) => [
      ...[0, 1, 2, 3, 7, 10].map((n) => typed(s, 'twice', ['i32'], ['i32']).call(s.store, n)),
      ...[0n, 1n, 2n, 5n, 100n].map((n) => typed(s, 'sum64', ['i64', 'i64'], ['i64']).call(s.store, n, -5n)),
      ...[0, 1, 4, 12, 13].map((i) => typed(s, 'peek', ['i32'], ['i32']).call(s.store, i)),
      ...[0, 1, 2, 9].map((n) => typed(s, 'half', ['f64', 'i32'], ['f64']).call(s.store, 10.5, n)),
    ];
    const expected = run(interp);
    expect(expected.slice(0, 6)).toEqual([0, 2, 6, 14, 254, 2046]);
    expect(expected[8]).toBe(-5n + 2n * 0x100000001n);
    expect(run(js)).toEqual(expected);
    // twice, sum64, fill and half (peek does not recurse, down did not run)
    expect(sources(js).map((src) => /\byI: \{/.test(src))).toEqual([true, true, true, false, true, false]);
  });

  it('traps inside the copy as inside a call, and stays usable', async () => {
    const [interp, js] = await both(RECURSIVE);
    for (const n of [0, 1, 2, 3, 8]) {
      const expected = outcome(() => typed(interp, 'down', ['i32'], ['i32']).call(interp.store, n));
      expect(expected).toBe('trap UnreachableCodeReached');
      expect(outcome(() => typed(js, 'down', ['i32'], ['i32']).call(js.store, n))).toBe(expected);
    }
    expect(typed(js, 'twice', ['i32'], ['i32']).call(js.store, 3)).toBe(14);
  });

  it('counts an inlined frame towards maxCallDepth, at even and odd depths', async () => {
    const [interp, js] = await both(RECURSIVE, { maxCallDepth: 40 });
    for (const n of [37, 38, 39, 40, 41, 42]) {
      // `fill(n)` runs n + 1 frames
      const expected = outcome(() => typed(interp, 'fill', ['i32'], []).call(interp.store, n));
      expect(expected).toBe(n + 1 > 40 ? 'trap StackOverflow' : undefined);
      expect(outcome(() => typed(js, 'fill', ['i32'], []).call(js.store, n))).toBe(expected);
    }
    expect(typed(js, 'twice', ['i32'], ['i32']).call(js.store, 5)).toBe(62);
  });

  it('recurses past the JS tier depth on the interpreter, from inlined frames too', async () => {
    const [interp, js] = await both(RECURSIVE);
    for (const n of [999, 1000, 1001, 1002, 3000]) {
      expect(typed(js, 'sum64', ['i64', 'i64'], ['i64']).call(js.store, BigInt(n), 0n)).toBe(typed(interp, 'sum64', ['i64', 'i64'], ['i64']).call(interp.store, BigInt(n), 0n));
    }
  });

  it('sees memory grown by frames on the interpreter past the JS tier depth', async () => {
    // the deepest frame grows memory; every frame above it then counts in the new page
    const GROW = `(module
      (memory 1)
      (func $g (export "g") (param $n i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (drop (memory.grow (i32.const 1))) (i32.const 0))
          (else
            (drop (call $g (i32.sub (local.get $n) (i32.const 1))))
            (i32.store (i32.const 65536) (i32.add (i32.load (i32.const 65536)) (i32.const 1)))
            (i32.load (i32.const 65536)))))
      ;; one frame deeper: the inlined copies, not the outer frames, reach the hand-over depth
      (func (export "h") (param i32) (result i32) (call $g (local.get 0))))`;
    for (const name of ['g', 'h']) {
      for (const n of [1000, 1001, 1002, 1003]) {
        const [interp, js] = await both(GROW);
        const expected = typed(interp, name, ['i32'], ['i32']).call(interp.store, n);
        expect(expected).toBe(n);
        expect(typed(js, name, ['i32'], ['i32']).call(js.store, n), `${name}(${n})`).toBe(expected);
      }
    }
  });

  it('charges the fuel a call would', async () => {
    const [interp, js] = await both(RECURSIVE, { fuel: true });
    const spend = (s: Setup, fuel: bigint, f: () => unknown) => {
      s.store.setFuel(fuel);
      const r = outcome(f);
      return [r, s.store.getFuel()];
    };
    for (const fuel of [1_000_000n, 60n, 200n, 333n]) {
      for (const [name, p, r, args] of [['twice', ['i32'], ['i32'], [5]], ['half', ['f64', 'i32'], ['f64'], [2, 6]], ['sum64', ['i64', 'i64'], ['i64'], [7n, 1n]]] as const) {
        const expected = spend(interp, fuel, () => typed(interp, name, [...p], [...r]).call(interp.store, ...args));
        expect(spend(js, fuel, () => typed(js, name, [...p], [...r]).call(js.store, ...args)), `${name} with ${fuel}`).toEqual(expected);
      }
    }
  });
});
