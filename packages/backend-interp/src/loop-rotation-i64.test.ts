import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

/** `while (n != 0) { c++; n -= step }`, the loop test being an i64.eqz that the back edge takes over. */
const WAT = `(module
  (func (export "count") (param $n i64) (param $step i64) (result i32) (local $c i32)
    (block $done (loop $l
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $n (i64.sub (local.get $n) (local.get $step)))
      (br $l)))
    (local.get $c)))`;

describe('loop rotation with an i64.eqz loop test', () => {
  for (const jsTier of [false, true]) {
    it(`runs zero, one and many iterations, testing both halves${jsTier ? ' (JS tier)' : ''}`, async () => {
      const s = await instantiateWat(WAT, undefined, { jsTier });
      const count = s.func('count').typed(s.store, ['i64', 'i64'], ['i32']);
      expect(count.call(s.store, 0n, 1n)).toBe(0);
      expect(count.call(s.store, 1n, 1n)).toBe(1);
      expect(count.call(s.store, 1000n, 1n)).toBe(1000);
      expect(count.call(s.store, 3n << 32n, 1n << 32n)).toBe(3);
      expect(count.call(s.store, -5n, -1n)).toBe(5);
      const def = (s.instance.module.backend as unknown as { defs: { code: Int32Array; factory: unknown }[] }).defs[0]!;
      if (jsTier) {
        // a function with a loop goes straight to the JS tier, which compiles the bytecode, not the IR
        expect(typeof def.factory).toBe('function');
        return;
      }
      const code = def.code;
      const ops: number[] = [];
      for (let pc = 0; pc < code.length; pc += irLength(code, pc)) ops.push(code[pc]!);
      expect(ops).not.toContain(Op.BrLoop);
      expect(ops).toContain(Op.BrI64NonZero);
    });
  }
});
