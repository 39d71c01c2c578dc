import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

/** Countdown loops: the decrement and the test of the counter run in one dispatch. */
const WAT = `(module
  ;; i32: br_if on the decremented counter (i32.add immediate, then br_if)
  (func (export "down32") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 3)) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; i32: leave when the counter reaches zero (i32.add immediate, then br_unless)
  (func (export "down32_eqz") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $l
      (local.set $acc (i32.xor (local.get $acc) (local.get $n)))
      (br_if $done (i32.eqz (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
      (br $l)))
    (local.get $acc))
  ;; i64: a rotated loop whose back edge tests the counter (i64.add immediate, then the i64 zero test)
  (func (export "down64") (param $n i64) (result i64) (local $acc i64)
    (block $done (loop $l
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $acc (i64.add (local.get $acc) (local.get $n)))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br $l)))
    (local.get $acc))
  ;; i64: a step whose low word borrows from the high word on every iteration
  (func (export "down64_step") (param $n i64) (result i64) (local $k i64)
    (block $done (loop $l
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $k (i64.add (local.get $k) (i64.const 1)))
      (local.set $n (i64.sub (local.get $n) (i64.const 0x80000001)))
      (br $l)))
    (local.get $k)))`;

function down32(n: number): number {
  let acc = 0;
  do {
    acc = (Math.imul(acc, 3) + n) | 0;
    n = (n - 1) | 0;
  } while (n !== 0);
  return acc;
}

function down32Eqz(n: number): number {
  let acc = 0;
  for (;;) {
    acc ^= n;
    n = (n - 1) | 0;
    if (n === 0) return acc;
  }
}

describe('countdown loops', () => {
  it('decrement and test in one dispatch, counting like the separate instructions', async () => {
    const s = await instantiateWat(WAT);
    const f32 = s.func('down32').typed(s.store, ['i32'], ['i32']);
    const g32 = s.func('down32_eqz').typed(s.store, ['i32'], ['i32']);
    const f64 = s.func('down64').typed(s.store, ['i64'], ['i64']);
    for (const n of [1, 2, 3, 10, 1000, 65537]) {
      expect(f32.call(s.store, n), `down32 ${n}`).toBe(down32(n));
      expect(g32.call(s.store, n), `down32_eqz ${n}`).toBe(down32Eqz(n));
    }
    for (const n of [0n, 1n, 2n, 1000n, 100000n]) expect(f64.call(s.store, n)).toBe((n * (n + 1n)) / 2n);
    const step = s.func('down64_step').typed(s.store, ['i64'], ['i64']);
    for (const k of [1n, 2n, 3n, 77n]) expect(step.call(s.store, k * 0x80000001n)).toBe(k);
    const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined }[] }).defs;
    const seen = new Set<number>();
    for (const def of defs) {
      const code = def.code!;
      for (let pc = 0; pc < code.length; pc += irLength(code, pc)) seen.add(code[pc]!);
    }
    expect(seen.has(Op.I32AddImmThenBrIf)).toBe(true);
    expect(seen.has(Op.I32AddImmThenBrUnless)).toBe(true);
    expect(seen.has(Op.I64AddImmThenBrNonZero)).toBe(true);
  });
});
