import { Func, FuncType, Imports, Instance, Module, Trap, TrapCode } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { setup, wat } from './test-helpers.js';

// What `Func.typed()` on this backend does: the exported function itself behind a per-arity trap
// mapping. How close it runs to a raw call is measured by the layer benchmark (`pnpm bench`), not here.
describe('typed calls', () => {
  it('call the export directly for every arity, mapping traps and passing host exceptions through', async () => {
    const { engine, store } = setup();
    class Refused extends Error {}
    const refuse = new Func(store, new FuncType([], []), () => {
      throw new Refused('no');
    });
    const bytes = await wat(`(module
      (import "h" "refuse" (func $refuse))
      (func (export "zero") (result i32) (i32.const 7))
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "sum4") (param i32 i32 i32 i32) (result i32)
        (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3))))
      (func (export "sum6") (param i32 i32 i32 i32 i32 i32) (result i32)
        (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3))) (i32.add (local.get 4) (local.get 5))))
      (func (export "refuse") (call $refuse)))`);
    const inst = new Instance(store, new Module(engine, bytes), new Imports().define('h', 'refuse', refuse));
    const typed = (name: string) => (inst.getExport(store, name)!.intoFunc()! as unknown as { handleIn(s: unknown, w: string): { typed(): (...a: number[]) => unknown } }).handleIn(store, 'test').typed();
    expect(typed('zero')()).toBe(7);
    expect(typed('div')(84, 2)).toBe(42);
    expect(typed('sum4')(1, 2, 3, 4)).toBe(10);
    expect(typed('sum6')(1, 2, 3, 4, 5, 6)).toBe(21);
    const div = typed('div');
    const trapOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof Trap ? e.code : e;
      }
      return 'no trap';
    };
    expect(trapOf(() => div(1, 0))).toBe(TrapCode.IntegerDivisionByZero);
    expect(trapOf(() => div(-0x80000000, -1))).toBe(TrapCode.IntegerOverflow);
    expect(trapOf(() => typed('refuse')())).toBeInstanceOf(Refused);
    expect(div(9, 3)).toBe(3);
  });
});
