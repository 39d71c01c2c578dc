import { describe, expect, it } from 'vitest';
import { Engine, Func, FuncType, Imports, Instance, Module, Store, Value } from '@wrl/core';
import { Wasm3Engine } from './index.js';
import { instantiate, setup, wat } from './test-helpers.js';

describe('wasm3 backend basics', () => {
  it('runs the quickstart: add_one(42) is 43', async () => {
    const engine = new Engine(new Wasm3Engine());
    const store = new Store(engine, null);
    const module = new Module(engine, await wat('(module (func (export "add_one") (param i32) (result i32) local.get 0 i32.const 1 i32.add))'));
    const instance = new Instance(store, module, new Imports());
    const addOne = instance.getExport(store, 'add_one')!.intoFunc()!;
    const results = [Value.i32(0)];
    addOne.call(store, [Value.i32(42)], results);
    expect(results[0]).toEqual(Value.i32(43));
    expect(addOne.typed(store, ['i32'], ['i32']).call(store, 42)).toBe(43);
    store.close();
  });

  it('reports module imports and exports with their types', async () => {
    const { engine } = setup();
    const module = new Module(engine, await wat(`(module
      (import "env" "f" (func (param i64) (result f32)))
      (import "env" "g" (global i32))
      (memory (export "mem") 1 3)
      (global (export "counter") (mut i64) (i64.const 5))
      (func (export "run") (param f64 f64) (result f64) local.get 0))`));
    expect(module.imports().map((i) => [i.module, i.name, String(i.ty)])).toEqual([
      ['env', 'f', '(func (param i64) (result f32))'],
      ['env', 'g', '(global i32)'],
    ]);
    expect(module.exports().map((e) => [e.name, String(e.ty)])).toEqual([
      ['mem', '(memory 1 3)'],
      ['counter', '(global (mut i64))'],
      ['run', '(func (param f64 f64) (result f64))'],
    ]);
  });

  it('passes every number type through calls, with NaN bits intact', async () => {
    const { store, instance } = await instantiate(`(module
      (func (export "id") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
        local.get 3 local.get 2 local.get 1 local.get 0))`);
    const id = instance.getExport(store, 'id')!.intoFunc()!;
    const out = [Value.f64(0), Value.f32(0), Value.i64(0n), Value.i32(0)];
    id.call(store, [Value.i32(-7), Value.i64(-(1n << 62n)), Value.f32FromBits(0x7fa00001), Value.f64FromBits(0x7ff4000000000001n)], out);
    expect(out[0]!.f64Bits()).toBe(0x7ff4000000000001n);
    expect(out[1]!.f32Bits()).toBe(0x7fa00001);
    expect(out[2]).toEqual(Value.i64(-(1n << 62n)));
    expect(out[3]).toEqual(Value.i32(-7));
    const typed = id.typed(store, ['i32', 'i64', 'f32', 'f64'], ['f64', 'f32', 'i64', 'i32']);
    expect(typed.call(store, 1, 2n, 1.5, 2.25)).toEqual([2.25, 1.5, 2n, 1]);
  });

  it('calls host functions with the store data, in both forms', async () => {
    const calls: number[] = [];
    const { store, instance } = await instantiate(
      `(module
        (import "env" "log" (func $log (param i32)))
        (import "env" "twice" (func $twice (param i64) (result i64)))
        (func (export "run") (param i32) (result i64)
          local.get 0 call $log
          local.get 0 i64.extend_i32_s call $twice))`,
      (s) =>
        new Imports()
          .define('env', 'log', new Func(s, new FuncType(['i32'], []), (caller, args) => {
            calls.push(args[0]!.value as number);
            (caller.data as { n: number }).n++;
          }))
          .define('env', 'twice', Func.wrap(s, new FuncType(['i64'], ['i64']), (_caller, x: bigint) => x * 2n)),
      { n: 0 },
    );
    const run = instance.getExport(store, 'run')!.intoFunc()!.typed(store, ['i32'], ['i64']);
    expect(run.call(store, 21)).toBe(42n);
    expect(run.call(store, -4)).toBe(-8n);
    expect(calls).toEqual([21, -4]);
    expect(store.data.n).toBe(2);
  });
});
