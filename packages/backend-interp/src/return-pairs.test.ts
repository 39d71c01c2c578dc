import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { I32_COMPARES, instantiateWat, irOpcodes } from './test-wat.js';

const LIMIT = 2;
const INPUTS = [0, 1, 2, 3, -1, -2, 0x7fffffff, -0x80000000];

/** `if (cmp(n, m)) return n; return f(n - 1) + n` for every compare, with m a register or the immediate 2. */
function module(): string {
  const funcs: string[] = [];
  for (const [name] of I32_COMPARES) {
    for (const imm of [false, true]) {
      const m = imm ? `(i32.const ${LIMIT})` : '(local.get $m)';
      funcs.push(`(func (export "${name}_${imm ? 'imm' : 'reg'}") (param $n i32) (param $m i32) (result i32)
        (if (result i32) (i32.${name} (local.get $n) ${m})
          (then (local.get $n))
          (else (i32.add (i32.add (local.get $n) (i32.const 1000)) (local.get $m)))))`);
    }
  }
  return `(module ${funcs.join('\n')}
    (func $sum (export "sum") (param $n i32) (result i32)
      (if (result i32) (i32.lt_s (local.get $n) (i32.const 1))
        (then (i32.const 0))
        (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1))))))))`;
}

describe('returns fused with the instruction before them', () => {
  it('return from a compare-and-branch that falls through to a return, or after an add', async () => {
    const s = await instantiateWat(module());
    for (const [name, cmp] of I32_COMPARES) {
      for (const imm of [false, true]) {
        const f = s.func(`${name}_${imm ? 'imm' : 'reg'}`).typed(s.store, ['i32', 'i32'], ['i32']);
        for (const n of INPUTS) {
          for (const m of imm ? [LIMIT] : INPUTS) {
            const want = cmp(n, m) ? n : (n + 1000 + m) | 0;
            expect(f.call(s.store, n, m), `${name} ${imm} ${n} ${m}`).toBe(want);
          }
        }
      }
    }
    const sum = s.func('sum').typed(s.store, ['i32'], ['i32']);
    for (const n of [0, 1, 2, 10, 500]) expect(sum.call(s.store, n)).toBe((n * (n + 1)) / 2);
    const seen = irOpcodes(s);
    for (let i = 0; i < 20; i++) expect(seen.has(Op.BrIfElseReturnBase + i), `variant ${i}`).toBe(true);
    expect(seen.has(Op.I32AddThenReturn)).toBe(true);
  });
});
