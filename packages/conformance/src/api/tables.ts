import { ExternRef, Func, FuncType, Imports, Table, TableType, Trap, UnsupportedFeatureError, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

export function defineTableTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  describe('Table', () => {
    ctx.test('get, set and grow an exported funcref table; call_indirect sees host changes', ['host-tables'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module
        (type $r (func (result i32)))
        (table (export "tab") 2 4 funcref)
        (func $one (export "one") (result i32) (i32.const 1))
        (func $two (export "two") (result i32) (i32.const 2))
        (elem (i32.const 0) $one)
        (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`);
      const tab = inst.getExport(store, 'tab')!.intoTable()!;
      const two = inst.getExport(store, 'two')!.intoFunc()!;
      const callAt = inst.getExport(store, 'call')!.intoFunc()!.typed(store, ['i32'], ['i32']);
      expect(tab.size(store)).toBe(2);
      expect(tab.get(store, 0)!.value).toBe(inst.getExport(store, 'one')!.intoFunc());
      expect(tab.get(store, 1)!.value).toBeNull();
      expect(tab.get(store, 2)).toBeUndefined();
      tab.set(store, 1, Value.funcref(two));
      expect(callAt.call(store, 1)).toBe(2);
      expect(tab.grow(store, 2, Value.funcref(two))).toBe(2);
      expect(tab.size(store)).toBe(4);
      expect(tab.ty(store).minimum).toBe(4);
      expect(callAt.call(store, 3)).toBe(2);
      expect(() => tab.grow(store, 1, Value.funcref(null))).toThrow(RangeError);
      expect(() => tab.set(store, 4, Value.funcref(null))).toThrow(RangeError);
      expect(() => tab.set(store, 0, Value.i32(0) as never)).toThrow(TypeError);
    });

    ctx.test('host functions set into a table are callable through call_indirect', ['host-tables'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module (type $b (func (param i32) (result i32)))
        (table (export "tab") 1 funcref)
        (func (export "call") (param i32) (result i32) (call_indirect (type $b) (local.get 0) (i32.const 0))))`);
      const host = Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x * 3);
      inst.getExport(store, 'tab')!.intoTable()!.set(store, 0, Value.funcref(host));
      expect(inst.getExport(store, 'call')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 5)).toBe(15);
    });

    ctx.test('hold externrefs, keeping their identity', ['host-tables', 'reference-types'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module (table (export "tab") 2 externref)
        (func (export "get") (param i32) (result externref) (table.get (local.get 0))))`);
      const tab = inst.getExport(store, 'tab')!.intoTable()!;
      const ref = new ExternRef(store, { n: 1 });
      tab.set(store, 1, Value.externref(ref));
      expect(tab.get(store, 1)!.value).toBe(ref);
      const out: PublicValue[] = [Value.externref(null)];
      inst.getExport(store, 'get')!.intoFunc()!.call(store, [Value.i32(1)], out);
      expect(out[0]!.value).toBe(ref);
      expect(tab.grow(store, 1, Value.externref(ref))).toBe(2);
      expect(tab.get(store, 2)!.value).toBe(ref);
    });

    ctx.test('can be created by the host and imported', ['host-tables'], async () => {
      const { store } = ctx.setup();
      const tab = new Table(store, new TableType('funcref', 2, 3), Value.funcref(null));
      const inst = await ctx.instantiate(store, `(module (type $r (func (result i32))) (import "env" "tab" (table 2 3 funcref))
        (func $seven (result i32) (i32.const 7)) (elem (i32.const 1) $seven)
        (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`, new Imports().define('env', 'tab', tab));
      expect(tab.get(store, 1)!.value).toBeInstanceOf(Func);
      const callAt = inst.getExport(store, 'call')!.intoFunc()!.typed(store, ['i32'], ['i32']);
      expect(callAt.call(store, 1)).toBe(7);
      expect(() => callAt.call(store, 0)).toThrow(Trap);
      expect(tab.grow(store, 1, tab.get(store, 1)!)).toBe(2);
      expect(callAt.call(store, 2)).toBe(7);
    });

    if (!ctx.has('host-tables')) {
      ctx.it('table access from the host throws UnsupportedFeatureError, as the backend lacks host-tables', () => {
        const { store } = ctx.setup();
        expect(() => new Table(store, new TableType('funcref', 1), Value.funcref(null))).toThrow(UnsupportedFeatureError);
      });
    }
  });
}
