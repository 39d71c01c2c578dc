import { Global, Imports, UnsupportedFeatureError, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

export function defineGlobalTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  describe('Global', () => {
    ctx.it('gets and sets exported globals of every number type', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module
        (global (export "i32") (mut i32) (i32.const -5))
        (global (export "i64") (mut i64) (i64.const -9007199254740993))
        (global (export "f32") (mut f32) (f32.const 1.5))
        (global (export "f64") (mut f64) (f64.const 0.1))
        (global (export "const") i32 (i32.const 3))
        (func (export "sum") (result f64)
          (f64.add (f64.add (f64.convert_i32_s (global.get 0)) (f64.convert_i64_s (global.get 1)))
                   (f64.add (f64.promote_f32 (global.get 2)) (global.get 3)))))`);
      const g = (n: string) => inst.getExport(store, n)!.intoGlobal()!;
      expect([g('i32'), g('i64'), g('f32'), g('f64')].map((x) => x.get(store).value)).toEqual([-5, -9007199254740993n, 1.5, 0.1]);
      expect(g('i64').ty(store).mutable).toBe(true);
      expect(g('const').ty(store).mutable).toBe(false);
      g('i32').set(store, Value.i32(1));
      g('i64').set(store, Value.i64(2n));
      g('f32').set(store, Value.f32(0.25));
      g('f64').set(store, Value.f64(4));
      const out: PublicValue[] = [Value.f64(0)];
      inst.getExport(store, 'sum')!.intoFunc()!.call(store, [], out);
      expect(out[0]!.value).toBe(7.25);
      expect(g('i64').get(store).value).toBe(2n);
    });

    ctx.it('refuses to set an immutable global or a value of the wrong type with a TypeError', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, '(module (global (export "c") i32 (i32.const 1)) (global (export "m") (mut i64) (i64.const 1)))');
      const c = inst.getExport(store, 'c')!.intoGlobal()!;
      const m = inst.getExport(store, 'm')!.intoGlobal()!;
      expect(() => c.set(store, Value.i32(2))).toThrow(TypeError);
      expect(c.get(store).value).toBe(1);
      expect(() => m.set(store, Value.i32(2))).toThrow(TypeError);
      expect(() => m.set(store, 2n as never)).toThrow(TypeError);
      expect(m.get(store).value).toBe(1n);
    });

    ctx.test('can be created by the host and imported, sharing changes both ways', ['host-globals'], async () => {
      const { store } = ctx.setup();
      const g = new Global(store, Value.i32(10), true);
      const k = new Global(store, Value.f64(2.5), false);
      expect(g.ty(store).mutable).toBe(true);
      expect(() => k.set(store, Value.f64(1))).toThrow(TypeError);
      const inst = await ctx.instantiate(store, `(module (import "env" "g" (global $g (mut i32))) (import "env" "k" (global $k f64))
        (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.trunc_f64_s (global.get $k))))))`, new Imports().define('env', 'g', g).define('env', 'k', k));
      const bump = inst.getExport(store, 'bump')!.intoFunc()!;
      bump.call(store, [], []);
      expect(g.get(store).value).toBe(12);
      g.set(store, Value.i32(100));
      bump.call(store, [], []);
      expect(g.get(store).value).toBe(102);
    });

    ctx.test('carry v128 values through the host API', ['host-globals', 'host-v128', 'simd'], async () => {
      const { store } = ctx.setup();
      const g = new Global(store, Value.v128(0x0102030405060708090a0b0c0d0e0f10n), true);
      const inst = await ctx.instantiate(store, `(module (import "env" "g" (global $g (mut v128)))
        (func (export "lane") (result i32) (i32x4.extract_lane 3 (global.get $g))))`, new Imports().define('env', 'g', g));
      expect(inst.getExport(store, 'lane')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(0x01020304);
      expect(g.get(store).value).toBe(0x0102030405060708090a0b0c0d0e0f10n);
    });

    ctx.test('keep NaN payloads bit-exact', ['exact-nan'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, '(module (global (export "f") (mut f32) (f32.const 0)) (global (export "d") (mut f64) (f64.const 0)))');
      const f = inst.getExport(store, 'f')!.intoGlobal()!;
      const d = inst.getExport(store, 'd')!.intoGlobal()!;
      f.set(store, Value.f32FromBits(0x7fa00001));
      d.set(store, Value.f64FromBits(0xfff0000000000123n));
      expect(f.get(store).f32Bits()).toBe(0x7fa00001);
      expect(d.get(store).f64Bits()).toBe(0xfff0000000000123n);
    });

    if (!ctx.has('host-globals')) {
      ctx.it('new Global throws UnsupportedFeatureError, as the backend lacks host-globals', () => {
        const { store } = ctx.setup();
        expect(() => new Global(store, Value.i32(1), false)).toThrow(UnsupportedFeatureError);
      });
    }
  });
}
