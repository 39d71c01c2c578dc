/**
 * With fuel metering, a loop's back edge charges the loop's first block itself
 * (BrLoopFuel), and runs that block's first instruction too when it is an i32
 * compare-and-branch (BrLoopFuelTest), a block that only returns a scalar charges and returns in
 * one dispatch (FuelThenReturnScalar), and a call charges its callee's first block itself
 * (FuncDef.entryFuel). None may change what fuel buys: for
 * every budget, the interpreter must stop at the same point, with the same
 * fuel left, as the JS tier, which compiles the wasm itself and keeps the
 * plain per-block charges.
 */
import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { irLength } from './ir/length.js';
import { instantiateWat, irOpcodes, outcome, type Setup } from './test-wat.js';

const FUELED = `(module
  (global $g (mut i32) (i32.const 0))
  ;; a counted loop with an unconditional back edge; the global records how far it got
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
  ;; if/else whose join only returns
  (func $pick (export "pick") (param $x i32) (result i32) (local $r i32)
    (if (i32.lt_s (local.get $x) (i32.const 10))
      (then (local.set $r (i32.mul (local.get $x) (i32.const 3))))
      (else (local.set $r (i32.sub (local.get $x) (i32.const 10)))))
    (local.get $r))
  (func (export "picks") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (call $pick (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  ;; exit tests of other kinds: signed with an immediate, unsigned and eq on registers
  (func (export "down") (param $n i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.le_s (local.get $n) (i32.const -3)))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $next)))
    (local.get $n))
  (func (export "until_eq") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (br $next)))
    (local.get $i))
  ;; a loop whose first test branches inside the loop (an if), not out of it
  (func (export "inner_if") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (if (i32.gt_u (local.get $i) (i32.const 2))
          (then (local.set $s (i32.add (local.get $s) (local.get $i)))))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (br $next)))
    (local.get $s))
  ;; a loop that starts with something other than a compare-and-branch
  (func (export "eqz_loop") (param $n i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const -1)))
        (br $next)))
    (local.get $n))
  ;; an if/else whose result the function returns: the then-branch's copy and jump become a return
  (func $fibish (export "fibish") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fibish (i32.sub (local.get $n) (i32.const 1)))
                     (call $fibish (i32.sub (local.get $n) (i32.const 2)))))))
  ;; the same with a nested block: a branch lands between the copy and the jump (on the block's
  ;; Fuel instruction), so they stay
  (func (export "landing") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 10))
      (then (block (result i32)
        (drop (br_if 0 (i32.const 7) (i32.and (local.get $n) (i32.const 1))))
        (local.get $n)))
      (else (i32.sub (local.get $n) (i32.const 10)))))
  ;; a body that opens with a loop: calls charge the entry block and start at the loop's Fuel
  (func (export "loop_first") (param $n i32) (result i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $n))
  (func (export "progress") (result i32) (global.get $g)))`;

type Typed = { call(st: unknown, ...a: unknown[]): unknown };
const typed = (s: Setup, name: string, p: string[], r: string[]): Typed => s.func(name).typed(s.store, p as never, r as never) as unknown as Typed;

/** Runs `name(arg)` with `fuel`: the result or trap, the fuel left, and how far `count` got. */
function run(s: Setup, name: string, arg: number, fuel: number): unknown[] {
  s.store.setFuel(1000);
  const before = typed(s, 'progress', [], ['i32']).call(s.store) as number;
  s.store.setFuel(fuel);
  const r = outcome(() => typed(s, name, ['i32'], ['i32']).call(s.store, arg));
  const left = s.store.getFuel();
  s.store.setFuel(1000);
  const progress = (typed(s, 'progress', [], ['i32']).call(s.store) as number) - before;
  return [r, left, progress];
}

describe('fuel charged by back edges and returns', () => {
  it('uses BrLoopFuel, BrLoopFuelTest (alone and after i++) and FuelThenReturnScalar', async () => {
    const s = await instantiateWat(FUELED, undefined, { fuel: true, jsTier: false });
    s.store.setFuel(10_000);
    expect(typed(s, 'count', ['i32'], ['i32']).call(s.store, 5)).toBe(5);
    expect(typed(s, 'picks', ['i32'], ['i32']).call(s.store, 12)).toBe(3 * 45 + 1);
    expect(typed(s, 'down', ['i32'], ['i32']).call(s.store, 6)).toBe(-4);
    expect(typed(s, 'until_eq', ['i32'], ['i32']).call(s.store, 4)).toBe(4);
    expect(typed(s, 'inner_if', ['i32'], ['i32']).call(s.store, 6)).toBe(3 + 4 + 5);
    expect(typed(s, 'eqz_loop', ['i32'], ['i32']).call(s.store, 3)).toBe(0);
    expect(typed(s, 'fibish', ['i32'], ['i32']).call(s.store, 10)).toBe(55);
    expect([4, 5, 12].map((n) => typed(s, 'landing', ['i32'], ['i32']).call(s.store, n))).toEqual([4, 7, 2]);
    const ops = irOpcodes(s);
    for (const op of [Op.BrLoopFuel, Op.BrLoopFuelTest, Op.I32AddImmThenBrLoopFuelTest, Op.FuelThenReturnScalar]) expect(ops.has(op), `opcode 0x${op.toString(16)}`).toBe(true);
    expect(typed(s, 'loop_first', ['i32'], ['i32']).call(s.store, 3)).toBe(0);
    // calls charge a function's first block themselves (FuncDef.entryFuel) and start after its Fuel
    const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array; entryFuel: number }[] }).defs;
    for (const i of [7, 9]) {
      expect(defs[i]!.code[0]).toBe(Op.Fuel);
      expect(defs[i]!.entryFuel).toBe(defs[i]!.code[1]);
    }
    // fibish (function 7) returns from its then-branch directly: no copy, no jump
    const fibish = defs[7]!.code;
    const fibOps: number[] = [];
    for (let pc = 0; pc < fibish.length; pc += irLength(fibish, pc)) fibOps.push(fibish[pc]!);
    expect(fibOps).not.toContain(Op.Br);
    expect(fibOps).not.toContain(Op.Copy);
  });

  it('stops at the same point with the same fuel left as the JS tier, for every budget', async () => {
    const interp = await instantiateWat(FUELED, undefined, { fuel: true, jsTier: false });
    const js = await instantiateWat(FUELED, undefined, { fuel: true, jsTier: true, jsTierHotness: 1 });
    for (const [name, arg] of [['count', 4], ['picks', 12], ['down', 5], ['until_eq', 3], ['inner_if', 5], ['eqz_loop', 3], ['fibish', 6], ['landing', 4], ['landing', 5], ['landing', 12], ['loop_first', 4]] as const) {
      const full = run(interp, name, arg, 100_000);
      const used = 100_000 - Number(full[1]);
      expect(used).toBeGreaterThan(5);
      for (let fuel = 0; fuel <= used + 1; fuel++) {
        expect(run(interp, name, arg, fuel), `${name} with ${fuel} fuel`).toEqual(run(js, name, arg, fuel));
      }
      expect(run(interp, name, arg, used - 1)[0]).toBe('trap OutOfFuel');
      expect(run(interp, name, arg, used)[1]).toBe(0n);
    }
  });
});
