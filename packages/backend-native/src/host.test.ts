import { Engine, Func, FuncType, Imports, Instance, Memory, MemoryType, Module, Store, TableType, Value, type PublicValue } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { NativeEngine } from './index.js';
import { NativeMemory } from './memory.js';
import { NativeTable } from './table.js';
import { wat } from './test-helpers.js';

function setupWith<T>(data: T) {
  const engine = new Engine(new NativeEngine());
  return { engine, store: new Store<T>(engine, data) };
}

async function instance<T>(store: Store<T>, text: string, imports = new Imports()) {
  return new Instance(store, new Module(store.engine, await wat(text)), imports);
}

describe('host functions', () => {
  it('call host functions with Values and the caller context', async () => {
    const { store } = setupWith({ log: [] as string[] });
    const log = new Func(store, new FuncType(['i32', 'i64'], ['i64']), (caller, args, results) => {
      caller.data.log.push(`${args[0]!.value}:${args[1]!.value}`);
      results[0] = Value.i64((args[1]!.value as bigint) * 2n);
    });
    const inst = await instance(store, '(module (import "env" "log" (func $log (param i32 i64) (result i64))) (func (export "f") (result i64) (call $log (i32.const -3) (i64.const 21))))', new Imports().define('env', 'log', log));
    expect(inst.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i64']).call(store)).toBe(42n);
    expect(store.data.log).toEqual(['-3:21']);
  });

  it('passes typed host functions straight through as imports', async () => {
    const { store } = setupWith(null);
    const calls: unknown[][] = [];
    const pair = Func.wrap(store, new FuncType(['i32', 'f64'], ['i32', 'f64']), (_c, a: number, b: number) => {
      calls.push([a, b]);
      return [a + 1, b * 2];
    });
    const inst = await instance(store, '(module (import "env" "pair" (func $p (param i32 f64) (result i32 f64))) (func (export "f") (result i32 f64) (call $p (i32.const 1) (f64.const 1.5))))', new Imports().define('env', 'pair', pair));
    expect(inst.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i32', 'f64']).call(store)).toEqual([2, 3]);
    expect(calls).toEqual([[1, 1.5]]);
    const out = [Value.i32(0), Value.f64(0)];
    pair.call(store, [Value.i32(5), Value.f64(0.25)], out);
    expect(out).toEqual([Value.i32(6), Value.f64(0.5)]);
    expect(pair.typed(store, ['i32', 'f64'], ['i32', 'f64']).call(store, 1, 1)).toEqual([2, 2]);
  });

  it('lets host functions call back into wasm (re-entrancy)', async () => {
    const { store } = setupWith({ fib: undefined as Func | undefined });
    // fib(n) in wasm calls the host for n-1 and n-2; the host calls fib again.
    const hostFib = new Func(store, new FuncType(['i32'], ['i32']), (caller, args, results) => {
      const out: PublicValue[] = [Value.i32(0)];
      caller.data.fib!.call(caller, [args[0]!], out);
      results[0] = out[0]!;
    });
    const inst = await instance(
      store,
      `(module (import "env" "fib" (func $host (param i32) (result i32)))
        (func (export "fib") (param i32) (result i32)
          (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
            (else (i32.add (call $host (i32.sub (local.get 0) (i32.const 1))) (call $host (i32.sub (local.get 0) (i32.const 2))))))))`,
      new Imports().define('env', 'fib', hostFib),
    );
    store.data.fib = inst.getExport(store, 'fib')!.intoFunc()!;
    expect(store.data.fib.typed(store, ['i32'], ['i32']).call(store, 15)).toBe(610);
  });

  it('keeps the store usable after a host function throws', async () => {
    const { store } = setupWith(null);
    let fail = true;
    const h = Func.wrap(store, new FuncType([], ['i32']), () => {
      if (fail) throw new Error('boom');
      return 1;
    });
    const inst = await instance(store, '(module (import "env" "h" (func $h (result i32))) (func (export "f") (result i32) (call $h)))', new Imports().define('env', 'h', h));
    const f = inst.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i32']);
    expect(() => f.call(store)).toThrow('boom');
    fail = false;
    expect(f.call(store)).toBe(1);
  });

  it('runs start functions that call the host', async () => {
    const { store } = setupWith({ started: 0 });
    const h = Func.wrap(store, new FuncType([], []), (caller) => {
      caller.data.started++;
    });
    await instance(store, '(module (import "env" "h" (func $h)) (start $h))', new Imports().define('env', 'h', h));
    expect(store.data.started).toBe(1);
  });

  it('reports a host function returning the wrong type as an error, not a trap', async () => {
    const { store } = setupWith(null);
    const bad = Func.wrap(store, new FuncType([], ['i64']), () => 1 as unknown as bigint);
    const inst = await instance(store, '(module (import "env" "h" (func $h (result i64))) (func (export "f") (result i64) (call $h)))', new Imports().define('env', 'h', bad));
    expect(() => inst.getExport(store, 'f')!.intoFunc()!.call(store, [], [Value.i64(0n)])).toThrow(TypeError);
  });
});

describe('memories', () => {
  it('reads, writes and grows exported memories', async () => {
    const { store } = setupWith(null);
    const inst = await instance(store, `(module (memory (export "mem") 1 3) (data (i32.const 8) "hello")
      (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const mem = inst.getExport(store, 'mem')!.intoMemory()!;
    expect(mem.ty(store)).toEqual(new MemoryType(1, 3));
    const buf = new Uint8Array(5);
    mem.read(store, 8, buf);
    expect(new TextDecoder().decode(buf)).toBe('hello');
    mem.write(store, 100, new Uint8Array([1, 2, 3]));
    const load = inst.getExport(store, 'load')!.intoFunc()!.typed(store, ['i32'], ['i32']);
    expect(load.call(store, 102)).toBe(3);
    expect(mem.grow(store, 1)).toBe(1);
    // The view is re-fetched after growth: the new page is reachable from the host.
    mem.write(store, 65536 + 10, new Uint8Array([9]));
    expect(load.call(store, 65536 + 10)).toBe(9);
    expect(inst.getExport(store, 'grow')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 1)).toBe(2);
    mem.write(store, 3 * 65536 - 1, new Uint8Array([7]));
    expect(load.call(store, 3 * 65536 - 1)).toBe(7);
    expect(mem.currentPages(store)).toBe(3);
    expect(() => mem.grow(store, 1)).toThrow(RangeError);
    expect(() => mem.read(store, 3 * 65536, new Uint8Array(1))).toThrow(RangeError);
  });

  it('shares host memories with modules', async () => {
    const { store } = setupWith(null);
    const mem = new Memory(store, new MemoryType(1, 2));
    mem.write(store, 0, new Uint8Array([0x2a, 0, 0, 0]));
    const inst = await instance(store, '(module (import "env" "m" (memory 1)) (export "m" (memory 0)) (func (export "get") (result i32) (i32.load (i32.const 0))))', new Imports().define('env', 'm', mem));
    expect(inst.getExport(store, 'get')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(42);
    expect(inst.getExport(store, 'm')!.intoMemory()).toBe(mem);
    expect(mem.ty(store)).toEqual(new MemoryType(1, 2));
  });

  it('gives a clear RangeError when the host refuses to grow', () => {
    // Straight to the backend handle: the core checks the declared maximum first.
    const mem = new NativeMemory(new WebAssembly.Memory({ initial: 1, maximum: 2 }), new MemoryType(1, 2));
    expect(() => mem.grow(5)).toThrow(/cannot grow the memory from 1 by 5 pages \(maximum 2\)/);
    const table = new NativeTable(new NativeEngine().createStore(), new WebAssembly.Table({ element: 'externref', initial: 0, maximum: 1 }), new TableType('externref', 0, 1));
    expect(() => table.grow(2, Value.externref(null))).toThrow(/cannot grow the table from 0 by 2 elements \(maximum 1\)/);
  });
});
