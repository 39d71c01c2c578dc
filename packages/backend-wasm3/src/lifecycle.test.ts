import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Instance, Module, Store } from '@wrl/core';
import { setup, wat } from './test-helpers.js';

const MODULE = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory (export "mem") 4)
  (global (export "g") (mut i64) (i64.const 1))
  (func (export "f") (param i32) (result i32) local.get 0 call $h))`;

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

describe('wasm3 store lifecycle', () => {
  it('frees native memory: 10,000 create/instantiate/call/close cycles keep RSS flat', async () => {
    const { engine } = setup();
    const module = new Module(engine, await wat(MODULE));
    const cycle = () => {
      const store = new Store(engine, null);
      const imports = new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x + 1));
      const instance = new Instance(store, module, imports);
      const f = instance.getExport(store, 'f')!.intoFunc()!.typed(store, ['i32'], ['i32']);
      if (f.call(store, 1) !== 2) throw new Error('wrong result');
      instance.getExport(store, 'mem')!.intoMemory()!.write(store, 0, new Uint8Array(1024).fill(1));
      store.close();
    };
    for (let i = 0; i < 1000; i++) cycle();
    const before = rssMiB();
    for (let i = 0; i < 10_000; i++) cycle();
    const after = rssMiB();
    console.log(`wasm3 lifecycle: RSS ${before.toFixed(1)} MiB after warm-up, ${after.toFixed(1)} MiB after 10,000 more cycles (each: 4 pages of memory, 1 MiB value stack)`);
    // Each cycle allocates over 1.25 MiB natively; a leak would add gigabytes.
    expect(after - before).toBeLessThan(64);
  });

  it('makes a closed store unusable with a TypeError, and closing inside a call is safe', async () => {
    const { engine } = setup();
    const module = new Module(engine, await wat(MODULE));
    const store = new Store(engine, null);
    const imports = new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => {
      store.close();
      return x;
    }));
    const instance = new Instance(store, module, imports);
    const f = instance.getExport(store, 'f')!.intoFunc()!;
    const typed = f.typed(store, ['i32'], ['i32']);
    expect(typed.call(store, 5)).toBe(5);
    expect(() => typed.call(store, 5)).toThrow(TypeError);
    expect(() => f.call(store, [], [])).toThrow(TypeError);
  });

  it('frees stores that are dropped without close() once they are collected', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const { engine } = setup();
    const module = new Module(engine, await wat(MODULE));
    const before = rssMiB();
    for (let i = 0; i < 2000; i++) {
      const store = new Store(engine, null);
      new Instance(store, module, new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x)));
      if (gc && i % 200 === 0) {
        gc();
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    gc?.();
    await new Promise((r) => setTimeout(r, 10));
    const after = rssMiB();
    console.log(`wasm3 dropped stores: RSS ${before.toFixed(1)} -> ${after.toFixed(1)} MiB over 2,000 unclosed stores (gc exposed: ${gc !== undefined})`);
    expect(after - before).toBeLessThan(gc ? 256 : 4096);
  });
});
