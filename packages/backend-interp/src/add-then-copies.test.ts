import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

/**
 * `i++` and then the copies of call arguments from locals (as in a partition
 * loop calling its comparator): i32.add with an immediate, then two copies,
 * run in one dispatch. The callee returns a mix of its arguments, so a copy
 * skipped or done out of order changes the result.
 */
const WAT = `(module
  (type $cmp (func (param i32 i64) (result i64)))
  (table 1 funcref) (elem (i32.const 0) $mix)
  (func $mix (type $cmp) (i64.add (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 1000)) (local.get 1)))
  (func (export "scan") (param $n i32) (param $v i64) (param $f i32) (result i64) (local $i i32) (local $acc i64)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $acc (i64.add (local.get $acc)
        (call_indirect (type $cmp) (local.get $i) (local.get $v) (local.get $f))))
      (br_if $l (i32.lt_s (local.get $i) (local.get $n))))
    (local.get $acc)))`;

describe('i32.add with an immediate, then two copies', () => {
  it('runs the add and both copies, in order', async () => {
    const s = await instantiateWat(WAT);
    const scan = s.func('scan').typed(s.store, ['i32', 'i64', 'i32'], ['i64']);
    for (const [n, v] of [[1, 5n], [3, -7n], [10, 1n << 40n]] as const) {
      let want = 0n;
      for (let i = 1; i <= n; i++) want += BigInt(i) * 1000n + v;
      expect(scan.call(s.store, n, v, 0)).toBe(want);
    }
    const code = (s.instance.module.backend as unknown as { defs: { code: Int32Array }[] }).defs[1]!.code;
    let fused = false;
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
      if (code[pc] === Op.I32AddImmThenCopy && code[pc + 4] === Op.CopyThenCopy) fused = true;
    }
    expect(fused).toBe(true);
  });
});
