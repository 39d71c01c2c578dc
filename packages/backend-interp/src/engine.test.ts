import { describe, expect, it } from 'vitest';
import { Trap, Value } from '@wrl/core';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { FIB_WAT, instantiateWat } from './test-wat.js';

describe('InterpEngine basics', () => {
  it('runs recursive fib', async () => {
    const s = await instantiateWat(FIB_WAT);
    const fib = s.func('fib').typed(s.store, ['i32'], ['i32']);
    expect(fib.call(s.store, 20)).toBe(6765);
    const out = [Value.i32(0)];
    s.func('fib').call(s.store, [Value.i32(10)], out);
    expect(out[0]!.value).toBe(55);
  });

  it('runs loops with locals and i64', async () => {
    const s = await instantiateWat(`(module
      (func (export "sum") (param i32) (result i64) (local i64)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get 0)))
          (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $l)))
        (local.get 1)))`);
    const sum = s.func('sum').typed(s.store, ['i32'], ['i64']);
    expect(sum.call(s.store, 100000)).toBe(5000050000n);
  });

  it('traps with the right code', async () => {
    const s = await instantiateWat(`(module
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "unr") unreachable))`);
    const div = s.func('div').typed(s.store, ['i32', 'i32'], ['i32']);
    expect(() => div.call(s.store, 1, 0)).toThrow(Trap);
    try { div.call(s.store, 1, 0); } catch (e) { expect((e as Trap).code).toBe('IntegerDivisionByZero'); }
    expect(div.call(s.store, 7, 2)).toBe(3);
  });
});

describe('loop rotation', () => {
  it('keeps loop exits right for zero, one and many iterations', async () => {
    const s = await instantiateWat(`(module
      (func (export "count") (param $n i32) (result i32) (local $i i32)
        (block $done (loop $l
          (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (local.get $i))
      (func (export "countdown") (param $n i32) (result i32) (local $k i32)
        (block $done (loop $l
          (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $k)))`);
    const count = s.func('count').typed(s.store, ['i32'], ['i32']);
    const countdown = s.func('countdown').typed(s.store, ['i32'], ['i32']);
    for (const n of [-3, 0, 1, 5, 1000]) {
      expect(count.call(s.store, n)).toBe(Math.max(0, n));
      expect(countdown.call(s.store, n)).toBe(2 * Math.max(0, n));
    }
    const code = (s.instance.module.backend as unknown as { defs: { code: Int32Array }[] }).defs[0]!.code;
    const ops: number[] = [];
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) ops.push(code[pc]!);
    expect(ops).not.toContain(Op.BrLoop);
  });
});
