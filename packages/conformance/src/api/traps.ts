import { Trap, TrapCode, Value, type Instance, type PublicValue, type Store } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

const TRAPS_WAT = `(module
  (type $v (func))
  (type $i (func (param i32)))
  (memory 1)
  (table 2 funcref)
  (func $nop)
  (elem (i32.const 0) $nop)
  (func (export "unreachable") unreachable)
  (func (export "memory") (drop (i32.load (i32.const 65534))))
  (func (export "table") (call_indirect (type $v) (i32.const 5)))
  (func (export "null") (call_indirect (type $v) (i32.const 1)))
  (func (export "signature") (call_indirect (type $i) (i32.const 0) (i32.const 0)))
  (func (export "overflow") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))
  (func (export "divide") (drop (i32.rem_u (i32.const 1) (i32.const 0))))
  (func (export "convert") (drop (i32.trunc_f32_s (f32.const nan))))
  (func (export "convert-range") (drop (i64.trunc_f64_u (f64.const -1))))
  (func $deep (export "stack") (param i32) (result i32) (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "ok") (result i32) (i32.const 1)))`;

export function defineTrapTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');
  const quirks = ctx.backend.quirks ?? {};

  function trapOf(store: Store<unknown>, inst: Instance, name: string, args: PublicValue[] = []): Trap {
    const f = inst.getExport(store, name)!.intoFunc()!;
    const out: PublicValue[] = f.ty(store).results.map(() => Value.i32(0));
    try {
      f.call(store, args, out);
    } catch (e) {
      expect(e).toBeInstanceOf(Trap);
      return e as Trap;
    }
    throw new Error(`${name} did not trap`);
  }

  const cases: ReadonlyArray<readonly [string, TrapCode, readonly TrapCode[]]> = [
    ['unreachable', TrapCode.UnreachableCodeReached, []],
    ['memory', TrapCode.MemoryOutOfBounds, []],
    ['table', TrapCode.TableOutOfBounds, []],
    ['null', TrapCode.IndirectCallToNull, quirks.indirectCallTrapAmbiguous ? [TrapCode.BadSignature] : []],
    ['signature', TrapCode.BadSignature, quirks.indirectCallTrapAmbiguous ? [TrapCode.IndirectCallToNull] : []],
    ['overflow', TrapCode.IntegerOverflow, []],
    ['divide', TrapCode.IntegerDivisionByZero, []],
    ['convert', TrapCode.BadConversionToInteger, quirks.conversionTrapAmbiguous ? [TrapCode.IntegerOverflow] : []],
    ['convert-range', TrapCode.IntegerOverflow, quirks.conversionTrapAmbiguous ? [TrapCode.BadConversionToInteger] : []],
  ];

  describe('traps', () => {
    for (const [name, code, alsoAccepted] of cases) {
      const note = alsoAccepted.length ? ` (or ${alsoAccepted.join('/')}: quirk of this backend)` : '';
      ctx.it(`${code} from "${name}"${note}, and the store stays usable`, async () => {
        const { store } = ctx.setup();
        const inst = await ctx.instantiate(store, TRAPS_WAT);
        const trap = trapOf(store, inst, name);
        expect([code, ...alsoAccepted]).toContain(trap.code);
        expect(trap.message).not.toBe('');
        expect(inst.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
      });
    }

    ctx.it('StackOverflow from unbounded recursion, and the store stays usable', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, TRAPS_WAT);
      expect(trapOf(store, inst, 'stack', [Value.i32(0)]).code).toBe(TrapCode.StackOverflow);
      expect(inst.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
      // Typed calls trap the same way.
      const typed = inst.getExport(store, 'stack')!.intoFunc()!.typed(store, ['i32'], ['i32']);
      let caught: unknown;
      try {
        typed.call(store, 0);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Trap);
      expect((caught as Trap).code).toBe(TrapCode.StackOverflow);
    });

    ctx.it('typed calls throw the same Trap classes', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, TRAPS_WAT);
      const f = inst.getExport(store, 'divide')!.intoFunc()!.typed(store, [], []);
      expect(() => f.call(store)).toThrow(Trap);
    });
  });
}
