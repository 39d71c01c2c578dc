import { ExternRef, Func, FuncType, Imports, Trap, TrapCode, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

export function defineHostFunctionTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');
  const call = (f: Func, store: Parameters<Func['call']>[0], args: PublicValue[], n: number) => {
    const out: PublicValue[] = Array.from({ length: n }, () => Value.i32(0));
    f.call(store, args, out);
    return out;
  };

  describe('host functions', () => {
    ctx.it('get the store data through caller.data and may change it', async () => {
      const { store } = ctx.setup({ calls: 0, seen: [] as number[] });
      const log = new Func(store, new FuncType(['i32'], []), (caller, args) => {
        caller.data.calls++;
        caller.data.seen.push(args[0]!.value as number);
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "log" (func $log (param i32)))
        (func (export "run") (call $log (i32.const 1)) (call $log (i32.const 2))))`, new Imports().define('env', 'log', log));
      call(inst.getExport(store, 'run')!.intoFunc()!, store, [], 0);
      expect(store.data).toEqual({ calls: 2, seen: [1, 2] });
    });

    ctx.it('receive every number type and return several results', async () => {
      const { store } = ctx.setup();
      const seen: string[] = [];
      const host = new Func(store, new FuncType(['i32', 'i64', 'f32', 'f64'], ['f64', 'i64', 'i32']), (_c, args, results) => {
        seen.push(...args.map((a) => `${a.type}:${String(a.value)}`));
        results[0] = Value.f64(0.5);
        results[1] = Value.i64(-(1n << 40n));
        results[2] = Value.i32(-7);
      });
      const inst = await ctx.instantiate(store, `(module
        (import "env" "h" (func $h (param i32 i64 f32 f64) (result f64 i64 i32)))
        (func (export "run") (result f64 i64 i32) (call $h (i32.const -1) (i64.const 9007199254740993) (f32.const 1.5) (f64.const -2.25))))`, new Imports().define('env', 'h', host));
      const out = call(inst.getExport(store, 'run')!.intoFunc()!, store, [], 3);
      expect(seen).toEqual(['i32:-1', 'i64:9007199254740993', 'f32:1.5', 'f64:-2.25']);
      expect(out.map((v) => [v.type, v.value])).toEqual([['f64', 0.5], ['i64', -(1n << 40n)], ['i32', -7]]);
    });

    ctx.it('can be called directly from the host', () => {
      const { store } = ctx.setup();
      const f = new Func(store, new FuncType(['i32', 'i32'], ['i32']), (_c, a, r) => {
        r[0] = Value.i32((a[0]!.value as number) - (a[1]!.value as number));
      });
      expect(call(f, store, [Value.i32(10), Value.i32(3)], 1)[0]!.value).toBe(7);
      expect(f.ty(store).equals(new FuncType(['i32', 'i32'], ['i32']))).toBe(true);
    });

    ctx.it('Func.wrap takes and returns plain numbers and bigints', async () => {
      const { store } = ctx.setup({ n: 0 });
      const wrapped = Func.wrap(store, new FuncType(['i32', 'i64', 'f32', 'f64'], ['i64', 'f64']), (caller, a: number, b: bigint, c: number, d: number) => {
        caller.data.n++;
        return [b + BigInt(a), c * d];
      });
      const one = Func.wrap(store, new FuncType([], ['i32']), () => 42);
      const none = Func.wrap(store, new FuncType(['i32'], []), () => undefined);
      const inst = await ctx.instantiate(store, `(module
        (import "env" "w" (func $w (param i32 i64 f32 f64) (result i64 f64)))
        (import "env" "one" (func $one (result i32)))
        (import "env" "none" (func $none (param i32)))
        (func (export "run") (result i64 f64 i32)
          (call $none (i32.const 0))
          (call $w (i32.const 5) (i64.const 10000000000) (f32.const 2) (f64.const 0.25))
          (call $one)))`, new Imports().defineNamespace('env', { w: wrapped, one, none }));
      const out = call(inst.getExport(store, 'run')!.intoFunc()!, store, [], 3);
      expect(out.map((v) => v.value)).toEqual([10000000005n, 0.5, 42]);
      expect(store.data.n).toBe(1);
    });

    ctx.it('reject host results of the wrong type with a TypeError, and the store stays usable', async () => {
      const { store } = ctx.setup();
      const wrapped = Func.wrap(store, new FuncType([], ['i64']), () => 1);
      const boxed = new Func(store, new FuncType([], ['i32']), (_c, _a, results) => {
        results[0] = Value.f64(1);
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "w" (func $w (result i64))) (import "env" "b" (func $b (result i32)))
        (func (export "w") (result i64) (call $w)) (func (export "b") (result i32) (call $b))
        (func (export "ok") (result i32) (i32.const 1)))`, new Imports().define('env', 'w', wrapped).define('env', 'b', boxed));
      expect(() => call(inst.getExport(store, 'w')!.intoFunc()!, store, [], 1)).toThrow(TypeError);
      expect(() => call(inst.getExport(store, 'b')!.intoFunc()!, store, [], 1)).toThrow(TypeError);
      expect(call(inst.getExport(store, 'ok')!.intoFunc()!, store, [], 1)[0]!.value).toBe(1);
    });

    ctx.it('pass host exceptions through unchanged, and the store stays usable', async () => {
      const { store } = ctx.setup();
      class HostProblem extends Error {}
      const problem = new HostProblem('from the host');
      const thrower = new Func(store, new FuncType([], []), () => {
        throw problem;
      });
      const wrappedThrower = Func.wrap(store, new FuncType([], []), () => {
        throw problem;
      });
      const inst = await ctx.instantiate(store, `(module
        (import "env" "t" (func $t)) (import "env" "w" (func $w))
        (func (export "t") (call $t)) (func (export "w") (call $w))
        (func (export "ok") (result i32) (i32.const 1)))`, new Imports().define('env', 't', thrower).define('env', 'w', wrappedThrower));
      for (const name of ['t', 'w']) {
        const f = inst.getExport(store, name)!.intoFunc()!;
        const typed = f.typed(store, [], []);
        for (const run of [() => call(f, store, [], 0), () => typed.call(store)]) {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBe(problem);
        }
      }
      expect(call(inst.getExport(store, 'ok')!.intoFunc()!, store, [], 1)[0]!.value).toBe(1);
    });

    ctx.test('may call back into wasm (re-entrancy), also through traps', ['reentrancy'], async () => {
      const { store } = ctx.setup<{ inner?: Func }>({});
      const host = new Func(store, new FuncType(['i32'], ['i32']), (caller, args, results) => {
        const out: PublicValue[] = [Value.i32(0)];
        caller.data.inner!.call(caller, [Value.i32((args[0]!.value as number) + 1)], out);
        results[0] = out[0]!;
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "h" (func $h (param i32) (result i32)))
        (func (export "outer") (param i32) (result i32) (i32.mul (call $h (local.get 0)) (i32.const 10)))
        (func (export "inner") (param i32) (result i32) (if (i32.eq (local.get 0) (i32.const 100)) (then unreachable)) (i32.add (local.get 0) (i32.const 1)))
        (func (export "deep") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $h (local.get 0))))))`, new Imports().define('env', 'h', host));
      store.data.inner = inst.getExport(store, 'inner')!.intoFunc()!;
      const outer = inst.getExport(store, 'outer')!.intoFunc()!;
      expect(call(outer, store, [Value.i32(4)], 1)[0]!.value).toBe(60);
      let caught: unknown;
      try {
        call(outer, store, [Value.i32(99)], 1);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Trap);
      expect((caught as Trap).code).toBe(TrapCode.UnreachableCodeReached);
      expect(call(outer, store, [Value.i32(1)], 1)[0]!.value).toBe(30);
    });

    ctx.test('keep NaN payloads bit-exact across calls both ways', ['exact-nan'], async () => {
      const { store } = ctx.setup();
      const seen: Array<number | bigint> = [];
      const host = new Func(store, new FuncType(['f32', 'f64'], ['f32', 'f64']), (_c, args, results) => {
        seen.push(args[0]!.f32Bits(), args[1]!.f64Bits());
        results[0] = Value.f32FromBits(0xff800001);
        results[1] = Value.f64FromBits(0x7ff0000000000002n);
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "h" (func $h (param f32 f64) (result f32 f64)))
        (func (export "bits") (param i32 i64) (result i32 i64)
          (call $h (f32.reinterpret_i32 (local.get 0)) (f64.reinterpret_i64 (local.get 1)))
          (i64.reinterpret_f64) (local.set 1) (i32.reinterpret_f32) (local.get 1))
        (func (export "id") (param f32 f64) (result f32 f64) (local.get 0) (local.get 1)))`, new Imports().define('env', 'h', host));
      const out = call(inst.getExport(store, 'bits')!.intoFunc()!, store, [Value.i32(0x7fa00001), Value.i64(0xfff4000000000001n)], 2);
      expect(seen).toEqual([0x7fa00001, 0xfff4000000000001n]);
      expect(out.map((v) => v.value)).toEqual([0xff800001 | 0, 0x7ff0000000000002n]);
      const id = call(inst.getExport(store, 'id')!.intoFunc()!, store, [Value.f32FromBits(0x7f800003), Value.f64FromBits(0x7ff8000000000005n)], 2);
      expect([id[0]!.f32Bits(), id[1]!.f64Bits()]).toEqual([0x7f800003, 0x7ff8000000000005n]);
    });

    ctx.test('pass v128 values through calls and host functions', ['host-v128', 'simd'], async () => {
      const { store } = ctx.setup();
      const host = new Func(store, new FuncType(['v128'], ['v128']), (_c, args, results) => {
        results[0] = Value.v128(BigInt.asUintN(128, (args[0]!.value as bigint) << 8n));
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "h" (func $h (param v128) (result v128)))
        (func (export "run") (param v128) (result v128) (i32x4.add (call $h (local.get 0)) (v128.const i32x4 1 1 1 1))))`, new Imports().define('env', 'h', host));
      const out: PublicValue[] = [Value.v128(0n)];
      inst.getExport(store, 'run')!.intoFunc()!.call(store, [Value.v128(0xff000000_00000000_00000000_000000ffn)], out);
      expect(out[0]!.value).toBe(0x00000001_00000001_00000001_0000ff01n);
    });

    ctx.test('take and return references', ['host-refs', 'reference-types'], async () => {
      const { store } = ctx.setup();
      const token = { secret: 1 };
      const ref = new ExternRef(store, token);
      let received: PublicValue | undefined;
      const host = new Func(store, new FuncType(['externref'], ['externref']), (_c, args, results) => {
        received = args[0];
        results[0] = args[0]!;
      });
      const inst = await ctx.instantiate(store, `(module (import "env" "h" (func $h (param externref) (result externref)))
        (func (export "run") (param externref) (result externref) (call $h (local.get 0))))`, new Imports().define('env', 'h', host));
      const out: PublicValue[] = [Value.externref(null)];
      inst.getExport(store, 'run')!.intoFunc()!.call(store, [Value.externref(ref)], out);
      expect(received!.value).toBe(ref);
      expect(out[0]!.value).toBe(ref);
      expect((out[0]!.value as ExternRef).downcast(store)).toBe(token);
    });
  });

  describe('Func.typed', () => {
    ctx.it('calls with plain numbers and bigints, returning one value or an array', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, `(module
        (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
        (func (export "half") (param f32) (result f32) (f32.div (local.get 0) (f32.const 2)))
        (func (export "swap") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
        (func (export "nop")))`);
      const f = (n: string) => inst.getExport(store, n)!.intoFunc()!;
      expect(f('add64').typed(store, ['i64', 'i64'], ['i64']).call(store, (1n << 63n) - 1n, 1n)).toBe(-(1n << 63n));
      expect(f('half').typed(store, ['f32'], ['f32']).call(store, 3)).toBe(1.5);
      expect(f('swap').typed(store, ['i32', 'f64'], ['f64', 'i32']).call(store, 7, 0.5)).toEqual([0.5, 7]);
      expect(f('nop').typed(store, [], []).call(store)).toBeUndefined();
    });

    ctx.it('rejects a signature that differs from the function type with a TypeError', async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, '(module (func (export "f") (param i32) (result i32) (local.get 0)))');
      const f = inst.getExport(store, 'f')!.intoFunc()!;
      expect(() => f.typed(store, ['i64'], ['i32'])).toThrow(TypeError);
      expect(() => f.typed(store, ['i32'], [])).toThrow(TypeError);
    });

    ctx.test('rejects reference signatures, which typed calls cannot carry', ['reference-types'], async () => {
      const { store } = ctx.setup();
      const inst = await ctx.instantiate(store, '(module (func (export "f") (param externref)))');
      expect(() => inst.getExport(store, 'f')!.intoFunc()!.typed(store, ['externref'], [])).toThrow(TypeError);
    });
  });
}
