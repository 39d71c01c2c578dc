import { Trap, TrapCode, UnsupportedFeatureError } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

export function defineFuelTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');
  describe('fuel', () => {
    ctx.test('runs out as an OutOfFuel trap, and refuelling makes the store usable again', ['fuel'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module
        (func (export "spin") (loop $l (br $l)))
        (func (export "ok") (result i32) (i32.const 1)))`);
      store.setFuel(10_000);
      expect(store.getFuel()).toBe(10_000n);
      let caught: unknown;
      try {
        inst.getExport(store, 'spin')!.intoFunc()!.call(store, [], []);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Trap);
      expect((caught as Trap).code).toBe(TrapCode.OutOfFuel);
      expect(store.getFuel()).toBe(0n);
      store.setFuel(1_000);
      expect(inst.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
      expect(store.getFuel()).toBeLessThan(1_000n);
      expect(() => store.setFuel(-1)).toThrow(RangeError);
    });

    if (!ctx.has('fuel')) {
      ctx.it('setFuel and getFuel throw UnsupportedFeatureError, as the backend lacks fuel', () => {
        const { store } = ctx.setup();
        expect(() => store.setFuel(1)).toThrow(UnsupportedFeatureError);
        expect(() => store.getFuel()).toThrow(UnsupportedFeatureError);
      });
    }
  });
}
