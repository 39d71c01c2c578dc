import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { I32_COMPARES, instantiateWat } from './test-wat.js';

const STEPS = [3, -3];
const LIMIT = 7;

/** Iterations of `do { c++; i += step } while (cmp(i, n))`, capped at 100 (as the wasm below). */
function expected(cmp: (a: number, b: number) => boolean, start: number, step: number, n: number): number {
  let i = start;
  let c = 0;
  for (;;) {
    if (c >= 100) return c;
    c++;
    i = (i + step) | 0;
    if (!cmp(i, n)) return c;
  }
}

function loops(): string {
  const funcs: string[] = [];
  for (const [name] of I32_COMPARES) {
    for (const step of STEPS) {
      for (const imm of [false, true]) {
        const n = imm ? `(i32.const ${LIMIT})` : '(local.get $n)';
        funcs.push(`(func (export "${name}_${step}_${imm ? 'imm' : 'reg'}") (param $i i32) (param $n i32) (result i32) (local $c i32)
          (block $out (loop $l
            (br_if $out (i32.ge_u (local.get $c) (i32.const 100)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const ${step})))
            (br_if $l (i32.${name} (local.get $i) ${n}))))
          (local.get $c))`);
      }
    }
  }
  return `(module ${funcs.join('\n')})`;
}

describe('i32.add with an immediate fused with the compare-and-branch after it', () => {
  for (const jsTier of [false, true]) {
    it(`branches like the separate instructions${jsTier ? ' (JS tier)' : ''}`, async () => {
      const s = await instantiateWat(loops(), undefined, { jsTier });
      const starts = [0, 5, 6, 7, 8, -1, -8, 0x7ffffffe, -0x80000000];
      for (const [name, cmp] of I32_COMPARES) {
        for (const step of STEPS) {
          for (const imm of [false, true]) {
            const f = s.func(`${name}_${step}_${imm ? 'imm' : 'reg'}`).typed(s.store, ['i32', 'i32'], ['i32']);
            for (const start of starts) {
              for (const n of imm ? [LIMIT] : [LIMIT, -5, 0, 0x7fffffff, -0x80000000]) {
                expect(f.call(s.store, start, n), `${name} step ${step} start ${start} n ${n}`).toBe(expected(cmp, start, step, n));
              }
            }
          }
        }
      }
      const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined; factory: unknown }[] }).defs;
      if (jsTier) {
        // functions with a loop go straight to the JS tier, which compiles the bytecode, not the IR
        for (const def of defs) expect(typeof def.factory).toBe('function');
        return;
      }
      const fused = new Set<number>();
      for (const def of defs) {
        const code = def.code!;
        for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
          if (code[pc]! >= Op.I32AddImmThenBrBase && code[pc]! < Op.I32AddImmThenBrBase + 20) fused.add(code[pc]!);
        }
      }
      expect(fused.size).toBe(20);
    });
  }
});
