import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

const WAT = `(module
  (func $sum3 (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 100)) (i32.add (i32.mul (local.get 1) (i32.const 10)) (local.get 2))))
  (func (export "args") (param $x i32) (result i32)
    (call $sum3 (local.get $x) (i32.add (local.get $x) (i32.const 1)) (i32.sub (local.get $x) (i32.const 2))))
  (func $down (export "down") (param $n i32) (result i32)
    (if (result i32) (i32.le_s (local.get $n) (i32.const 0))
      (then (i32.const 0))
      (else (i32.add (local.get $n) (call $down (i32.sub (local.get $n) (i32.const 3)))))))
  (func (export "kept") (param $x i32) (result i32) (local $y i32)
    (local.set $y (i32.add (local.get $x) (i32.const 7)))
    (i32.add (local.get $y) (call $sum3 (local.get $y) (local.get $x) (i32.const 1)))))`;

describe('i32.add with an immediate fused with the call after it', () => {
  for (const jsTier of [false, true]) {
    it(`passes the sum and keeps locals${jsTier ? ' (JS tier)' : ''}`, async () => {
      const s = await instantiateWat(WAT, undefined, { jsTier });
      const args = s.func('args').typed(s.store, ['i32'], ['i32']);
      const down = s.func('down').typed(s.store, ['i32'], ['i32']);
      const kept = s.func('kept').typed(s.store, ['i32'], ['i32']);
      expect(args.call(s.store, 5)).toBe(500 + 60 + 3);
      expect(args.call(s.store, 0x7fffffff)).toBe((Math.imul(0x7fffffff, 100) + Math.imul(-0x80000000, 10) + 0x7ffffffd) | 0);
      for (const n of [-1, 0, 1, 2, 3, 10, 1000]) {
        let want = 0;
        for (let k = n; k > 0; k -= 3) want += k;
        expect(down.call(s.store, n)).toBe(want);
      }
      expect(kept.call(s.store, 3)).toBe(10 + (1000 + 30 + 1));
      const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined }[] }).defs;
      const ops: number[] = [];
      for (const { code } of defs) if (code) for (let pc = 0; pc < code.length; pc += irLength(code, pc)) ops.push(code[pc]!);
      expect(ops).toContain(Op.I32AddImmThenCall);
    });
  }
});
