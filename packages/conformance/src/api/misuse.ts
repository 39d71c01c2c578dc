import { ExternRef, Func, FuncType, Imports, Instance, Module, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

const WAT = `(module
  (memory (export "mem") 1)
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;

/** Wrong use of the API fails with TypeError or RangeError from the API itself, never an engine's internal error. */
export function defineMisuseTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  async function setup() {
    const { store } = ctx.setup();
    const inst = await ctx.instantiate(store, WAT);
    return { store, inst, add: inst.getExport(store, 'add')!.intoFunc()! };
  }

  describe('API misuse', () => {
    ctx.it('rejects arguments of the wrong type or number with a TypeError', async () => {
      const { store, add } = await setup();
      const out: PublicValue[] = [Value.i32(0)];
      expect(() => add.call(store, [Value.i64(1n), Value.i32(2)], out)).toThrow(TypeError);
      expect(() => add.call(store, [1 as never, Value.i32(2)], out)).toThrow(TypeError);
      expect(() => add.call(store, [Value.i32(1)], out)).toThrow(TypeError);
      expect(() => add.call(store, [Value.i32(1), Value.i32(2), Value.i32(3)], out)).toThrow(TypeError);
      expect(() => add.call(store, [Value.i32(1), Value.i32(2)], [])).toThrow(TypeError);
      add.call(store, [Value.i32(1), Value.i32(2)], out);
      expect(out[0]!.value).toBe(3);
    });

    ctx.it('rejects objects of another store with a TypeError', async () => {
      const a = await setup();
      const b = await setup();
      const out: PublicValue[] = [Value.i32(0)];
      expect(() => a.add.call(b.store, [Value.i32(1), Value.i32(2)], out)).toThrow(TypeError);
      expect(() => a.inst.getExport(b.store, 'add')).toThrow(TypeError);
      const mem = a.inst.getExport(a.store, 'mem')!.intoMemory()!;
      expect(() => mem.read(b.store, 0, new Uint8Array(1))).toThrow(TypeError);
      const host = Func.wrap(a.store, new FuncType([], []), () => undefined);
      const m = new Module(b.store.engine, await ctx.wat('(module (import "m" "f" (func)))'));
      expect(() => new Instance(b.store, m, new Imports().define('m', 'f', host))).toThrow(TypeError);
      expect(() => a.add.typed(b.store, ['i32', 'i32'], ['i32'])).toThrow(TypeError);
      const typed = a.add.typed(a.store, ['i32', 'i32'], ['i32']);
      expect(() => typed.call(b.store, 1, 2)).toThrow(TypeError);
      if (ctx.supports('reference-types')) {
        const ids = await ctx.instantiate(b.store, '(module (func (export "id") (param externref) (result externref) (local.get 0)))');
        const ref = new ExternRef(a.store, 1);
        const o: PublicValue[] = [Value.externref(null)];
        expect(() => ids.getExport(b.store, 'id')!.intoFunc()!.call(b.store, [Value.externref(ref)], o)).toThrow(TypeError);
        expect(() => ref.downcast(b.store)).toThrow(TypeError);
      }
    });

    ctx.it('rejects a module of another engine with a TypeError', async () => {
      const a = ctx.setup();
      const b = ctx.setup();
      const m = new Module(a.engine, await ctx.wat('(module)'));
      expect(() => new Instance(b.store, m, new Imports())).toThrow(TypeError);
    });

    ctx.it('rejects every use of a closed store with a TypeError', async () => {
      const { store, inst, add } = await setup();
      const typed = add.typed(store, ['i32', 'i32'], ['i32']);
      const mem = inst.getExport(store, 'mem')!.intoMemory()!;
      const g = inst.getExport(store, 'g')!.intoGlobal()!;
      store.close();
      expect(store.closed).toBe(true);
      expect(() => add.call(store, [Value.i32(1), Value.i32(2)], [Value.i32(0)])).toThrow(TypeError);
      expect(() => typed.call(store, 1, 2)).toThrow(TypeError);
      expect(() => mem.read(store, 0, new Uint8Array(1))).toThrow(TypeError);
      expect(() => mem.grow(store, 1)).toThrow(TypeError);
      expect(() => g.get(store)).toThrow(TypeError);
      expect(() => inst.getExport(store, 'add')).toThrow(TypeError);
      expect(() => Func.wrap(store, new FuncType([], []), () => undefined)).toThrow(TypeError);
      const m = new Module(store.engine, await ctx.wat('(module)'));
      expect(() => new Instance(store, m, new Imports())).toThrow(TypeError);
      store.close();
    });

    ctx.it('rejects bad memory arguments with TypeError or RangeError', async () => {
      const { store, inst } = await setup();
      const mem = inst.getExport(store, 'mem')!.intoMemory()!;
      expect(() => mem.read(store, 0, [0] as never)).toThrow(TypeError);
      expect(() => mem.write(store, 0, 'x' as never)).toThrow(TypeError);
      expect(() => mem.grow(store, 0.5)).toThrow(RangeError);
      expect(() => mem.read(store, Number.NaN, new Uint8Array(1))).toThrow(RangeError);
    });
  });
}
