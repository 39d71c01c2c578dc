import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

/** Rotates three locals n times (t = a; a = b; b = c; c = t): chains of copies where each reads the last one's target. */
const WAT = `(module
  (func (export "rot64") (param $n i32) (param $a i64) (param $b i64) (param $c i64) (result i64) (local $t i64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $t (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $c))
      (local.set $c (local.get $t))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (i64.add (i64.mul (local.get $a) (i64.const 100)) (i64.add (i64.mul (local.get $b) (i64.const 10)) (local.get $c))))
  (func (export "rotf") (param $n i32) (param $a f64) (param $b f64) (result f64) (local $t f64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $t (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (f64.sub (local.get $a) (local.get $b))))`;

describe('two copies in one dispatch', () => {
  for (const jsTier of [false, true]) {
    it(`keeps the order of chained copies${jsTier ? ' (JS tier)' : ''}`, async () => {
      const s = await instantiateWat(WAT, undefined, { jsTier });
      const rot64 = s.func('rot64').typed(s.store, ['i32', 'i64', 'i64', 'i64'], ['i64']);
      const rotf = s.func('rotf').typed(s.store, ['i32', 'f64', 'f64'], ['f64']);
      const want = [123n, 231n, 312n];
      for (let n = 0; n < 7; n++) expect(rot64.call(s.store, n, 1n, 2n, 3n)).toBe(want[n % 3]);
      expect(rot64.call(s.store, 1, 1n << 40n, -1n, 7n)).toBe(-100n + (7n * 10n) + (1n << 40n));
      for (let n = 0; n < 4; n++) expect(rotf.call(s.store, n, 1.5, -2.25)).toBe(n % 2 === 0 ? 3.75 : -3.75);
      const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array; factory: unknown }[] }).defs;
      if (jsTier) {
        // functions with a loop go straight to the JS tier, which compiles the bytecode, not the IR
        for (const def of defs) expect(typeof def.factory).toBe('function');
        return;
      }
      const ops: number[] = [];
      for (const { code } of defs) for (let pc = 0; pc < code.length; pc += irLength(code, pc)) ops.push(code[pc]!);
      expect(ops).toContain(Op.CopyThenCopy);
    });
  }
});
