import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Instance, Module, Trap, TrapCode, Value } from '@wrl/core';
import { instantiate, setup, wat } from './test-helpers.js';

describe('wasm3 host functions', () => {
  it('passes a host exception through unchanged and the store stays usable', async () => {
    const boom = new Error('boom');
    let fail = true;
    const { store, instance } = await instantiate(
      `(module (import "env" "maybe" (func $m (param i32) (result i32)))
        (func (export "run") (param i32) (result i32) local.get 0 call $m i32.const 1 i32.add))`,
      (s) =>
        new Imports().define('env', 'maybe', Func.wrap(s, new FuncType(['i32'], ['i32']), (_c, x: number) => {
          if (fail) throw boom;
          return x * 10;
        })),
    );
    const run = instance.getExport(store, 'run')!.intoFunc()!;
    expect(() => run.call(store, [Value.i32(1)], [Value.i32(0)])).toThrow(boom);
    expect(() => run.typed(store, ['i32'], ['i32']).call(store, 1)).toThrow(boom);
    fail = false;
    expect(run.typed(store, ['i32'], ['i32']).call(store, 4)).toBe(41);
  });

  it('passes an exception thrown during the start function out of new Instance unchanged', async () => {
    const boom = new RangeError('no start today');
    await expect(
      instantiate(
        '(module (import "env" "init" (func $init)) (start $init))',
        (s) => new Imports().define('env', 'init', Func.wrap(s, new FuncType([], []), () => {
          throw boom;
        })),
      ),
    ).rejects.toBe(boom);
  });

  it('returns several results from host functions (multi-value)', async () => {
    const { store, instance } = await instantiate(
      `(module (import "env" "divmod" (func $dm (param i32 i32) (result i32 i32)))
        (import "env" "pair" (func $pair (result i64 f64)))
        (func (export "run") (param i32 i32) (result i32 i32 i64 f64) local.get 0 local.get 1 call $dm call $pair))`,
      (s) =>
        new Imports()
          .define('env', 'divmod', Func.wrap(s, new FuncType(['i32', 'i32'], ['i32', 'i32']), (_c, a: number, b: number) => [Math.floor(a / b), a % b]))
          .define('env', 'pair', new Func(s, new FuncType([], ['i64', 'f64']), (_c, _args, results) => {
            results[0] = Value.i64(-3n);
            results[1] = Value.f64(0.5);
          })),
    );
    const run = instance.getExport(store, 'run')!.intoFunc()!;
    expect(run.typed(store, ['i32', 'i32'], ['i32', 'i32', 'i64', 'f64']).call(store, 17, 5)).toEqual([3, 2, -3n, 0.5]);
  });

  it('lets a host function call back into the same instance (reentrancy)', async () => {
    let fact: (n: number) => number = () => 0;
    const { store, instance } = await instantiate(
      `(module (import "env" "back" (func $back (param i32) (result i32)))
        (memory (export "mem") 1)
        (func $fact (export "fact") (param i32) (result i32)
          local.get 0 i32.eqz if (result i32) i32.const 1
          else local.get 0 local.get 0 i32.const 1 i32.sub call $back i32.mul end))`,
      (s) => new Imports().define('env', 'back', Func.wrap(s, new FuncType(['i32'], ['i32']), (_c, n: number) => fact(n))),
    );
    const typed = instance.getExport(store, 'fact')!.intoFunc()!.typed(store, ['i32'], ['i32']);
    fact = (n) => typed.call(store, n);
    expect(fact(10)).toBe(3628800);
  });

  it('links one instance to the functions and globals of another', async () => {
    const { engine, store } = setup();
    const lib = new Instance(store, new Module(engine, await wat(`(module
      (global (export "base") i32 (i32.const 100))
      (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
      (func (export "boom") unreachable))`)), new Imports());
    const imports = new Imports()
      .define('lib', 'add', lib.getExport(store, 'add')!)
      .define('lib', 'base', lib.getExport(store, 'base')!)
      .define('lib', 'boom', lib.getExport(store, 'boom')!);
    const app = new Instance(store, new Module(engine, await wat(`(module
      (import "lib" "add" (func $add (param i32 i32) (result i32)))
      (import "lib" "base" (global $base i32))
      (import "lib" "boom" (func $boom))
      (export "add_again" (func $add))
      (func (export "run") (param i32) (result i32) global.get $base local.get 0 call $add)
      (func (export "fail") call $boom))`)), imports);
    expect(app.getExport(store, 'run')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 5)).toBe(105);
    expect(app.getExport(store, 'add_again')!.intoFunc()).toBe(lib.getExport(store, 'add')!.intoFunc());
    const fail = app.getExport(store, 'fail')!.intoFunc()!;
    expect(() => fail.call(store, [], [])).toThrow(Trap);
    try {
      fail.call(store, [], []);
    } catch (e) {
      expect((e as Trap).code).toBe(TrapCode.UnreachableCodeReached);
    }
  });

  it('calls host functions directly through Func.call and Func.typed', async () => {
    const { store } = setup();
    const f = Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x + 1);
    const out = [Value.i32(0)];
    f.call(store, [Value.i32(1)], out);
    expect(out[0]).toEqual(Value.i32(2));
    expect(f.typed(store, ['i32'], ['i32']).call(store, 5)).toBe(6);
    const g = new Func(store, new FuncType(['f64'], ['f64']), (_c, args, results) => {
      results[0] = Value.f64((args[0]!.value as number) * 2);
    });
    expect(g.typed(store, ['f64'], ['f64']).call(store, 1.25)).toBe(2.5);
  });
});
