import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Trap, TrapCode } from '@wrl/core';
import { FIB_WAT, instantiateWat } from '../test-wat.js';
import { STACK } from './stack.js';

/** `run(n)` keeps n in a local across a call to the import `h`, then returns local + h's result. */
const KEEPER_WAT = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (func (export "run") (param i32) (result i32)
    (local $keep i32)
    (local.set $keep (i32.mul (local.get 0) (i32.const 1000)))
    (i32.add (local.get $keep) (call $h (local.get 0)))))`;

describe('the realm value stack', () => {
  it('stacks calls of one store inside a host function of another above the outer frames', async () => {
    const inner = await instantiateWat(FIB_WAT);
    const fib = inner.func('fib').typed(inner.store, ['i32'], ['i32']);
    const outer = await instantiateWat(KEEPER_WAT, (store) =>
      new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, n: number) => fib.call(inner.store, n + 10))),
    );
    const run = outer.func('run').typed(outer.store, ['i32'], ['i32']);
    const sp = STACK.sp;
    expect(run.call(outer.store, 7)).toBe(7000 + 1597);
    expect(STACK.sp).toBe(sp);
  });

  it('keeps each store to its own maxStackBytes', async () => {
    const deep = `(module (func $d (export "d") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))`;
    const s = await instantiateWat(deep, () => new Imports(), { maxStackBytes: 4096, maxCallDepth: 1_000_000 });
    const l = await instantiateWat(deep, () => new Imports(), { maxCallDepth: 1_000_000 });
    const trap = (() => {
      try {
        s.func('d').typed(s.store, ['i32'], ['i32']).call(s.store, 10_000);
      } catch (e) {
        return e;
      }
    })();
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).code).toBe(TrapCode.StackOverflow);
    expect(l.func('d').typed(l.store, ['i32'], ['i32']).call(l.store, 10_000)).toBe(10_000);
    // the store that trapped stays usable within its limit
    expect(s.func('d').typed(s.store, ['i32'], ['i32']).call(s.store, 10)).toBe(10);
  });
});
