import { ExternRef, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

export function defineExternRefTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  describe('ExternRef', () => {
    ctx.test('comes back from wasm as the same object, carrying the same host value', ['reference-types'], async () => {
      const { store } = ctx.setup();
      class Thing {
        constructor(readonly n: number) {}
      }
      const thing = new Thing(3);
      const ref = new ExternRef(store, thing);
      const inst = await ctx.instantiate(store, `(module
        (global $g (mut externref) (ref.null extern))
        (func (export "id") (param externref) (result externref) (local.get 0))
        (func (export "keep") (param externref) (global.set $g (local.get 0)))
        (func (export "kept") (result externref) (global.get $g))
        (func (export "null?") (param externref) (result i32) (ref.is_null (local.get 0))))`);
      const f = (n: string) => inst.getExport(store, n)!.intoFunc()!;
      const out: PublicValue[] = [Value.externref(null)];
      f('id').call(store, [Value.externref(ref)], out);
      expect(out[0]!.value).toBe(ref);
      expect(ref.downcast(store)).toBe(thing);
      expect(ref.downcast(store, Thing)).toBe(thing);
      expect(ref.downcast(store, Map)).toBeUndefined();
      f('keep').call(store, [Value.externref(ref)], []);
      f('kept').call(store, [], out);
      expect(out[0]!.value).toBe(ref);
      const isNull: PublicValue[] = [Value.i32(0)];
      f('null?').call(store, [Value.externref(null)], isNull);
      expect(isNull[0]!.value).toBe(1);
      f('null?').call(store, [Value.externref(ref)], isNull);
      expect(isNull[0]!.value).toBe(0);
      const other = new ExternRef(store, thing);
      f('id').call(store, [Value.externref(other)], out);
      expect(out[0]!.value).toBe(other);
      expect(out[0]!.value).not.toBe(ref);
    });

    ctx.test('carries any host value, including primitives and null-like values', ['reference-types'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, '(module (func (export "id") (param externref) (result externref) (local.get 0)))');
      const id = inst.getExport(store, 'id')!.intoFunc()!;
      for (const v of [0, 'text', undefined, null, 12n, Symbol.for('s')]) {
        const out: PublicValue[] = [Value.externref(null)];
        id.call(store, [Value.externref(new ExternRef(store, v))], out);
        expect(out[0]!.value).toBeInstanceOf(ExternRef);
        expect((out[0]!.value as ExternRef).downcast(store)).toBe(v);
      }
    });
  });
}
