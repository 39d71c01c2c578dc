import { describe, expect, it } from 'vitest';
import { Func, FuncType, Global, Imports, Memory, MemoryType, UnsupportedFeatureError, Value } from '@wrl/core';
import { instantiate, setup } from './test-helpers.js';

describe('wasm3 memories and globals', () => {
  it('reads, writes and grows an exported memory, seen by wasm and host alike', async () => {
    const { store, instance } = await instantiate(`(module
      (memory (export "mem") 1 4)
      (data (i32.const 8) "hi")
      (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u)
      (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
      (func (export "size") (result i32) memory.size))`);
    const mem = instance.getExport(store, 'mem')!.intoMemory()!;
    const buf = new Uint8Array(2);
    mem.read(store, 8, buf);
    expect([...buf]).toEqual([104, 105]);
    mem.write(store, 100, new Uint8Array([42]));
    const load = instance.getExport(store, 'load')!.intoFunc()!.typed(store, ['i32'], ['i32']);
    expect(load.call(store, 100)).toBe(42);
    expect(mem.currentPages(store)).toBe(1);
    expect(mem.grow(store, 1)).toBe(1);
    expect(instance.getExport(store, 'grow')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 1)).toBe(2);
    expect(mem.currentPages(store)).toBe(3);
    expect(instance.getExport(store, 'size')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(3);
    // The grown memory keeps its contents and is usable at the new end.
    mem.write(store, 3 * 65536 - 1, new Uint8Array([7]));
    expect(load.call(store, 3 * 65536 - 1)).toBe(7);
    expect(load.call(store, 100)).toBe(42);
    expect(() => mem.grow(store, 2)).toThrow(RangeError);
    expect(instance.getExport(store, 'grow')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 2)).toBe(-1);
    expect(() => mem.read(store, 4 * 65536, new Uint8Array(1))).toThrow(RangeError);
  });

  it('keeps running after a host function grows the memory of the calling instance', async () => {
    let mem: Memory | undefined;
    const { store, instance } = await instantiate(
      `(module (import "env" "grow" (func $grow))
        (memory (export "mem") 1)
        (func (export "run") (result i32)
          i32.const 10 i32.const 5 i32.store8
          call $grow
          i32.const 1048575 i32.const 9 i32.store8
          i32.const 1048575 i32.load8_u
          i32.const 10 i32.load8_u i32.add))`,
      (s) => new Imports().define('env', 'grow', Func.wrap(s, new FuncType([], []), () => {
        mem!.grow(s, 15);
      })),
    );
    mem = instance.getExport(store, 'mem')!.intoMemory()!;
    expect(instance.getExport(store, 'run')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(14);
    expect(mem.currentPages(store)).toBe(16);
  });

  it('gets and sets exported globals of every number type', async () => {
    const { store, instance } = await instantiate(`(module
      (global $a (export "a") (mut i32) (i32.const -1))
      (global (export "b") (mut i64) (i64.const 1))
      (global (export "c") (mut f32) (f32.const 1.5))
      (global (export "d") f64 (f64.const 2.5))
      (export "a2" (global $a))
      (func (export "get_a") (result i32) global.get $a))`);
    const a = instance.getExport(store, 'a')!.intoGlobal()!;
    expect(a.get(store)).toEqual(Value.i32(-1));
    a.set(store, Value.i32(99));
    expect(instance.getExport(store, 'get_a')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(99);
    expect(instance.getExport(store, 'a2')!.intoGlobal()!.get(store)).toEqual(Value.i32(99));
    const b = instance.getExport(store, 'b')!.intoGlobal()!;
    b.set(store, Value.i64(-(1n << 63n)));
    expect(b.get(store)).toEqual(Value.i64(-(1n << 63n)));
    const c = instance.getExport(store, 'c')!.intoGlobal()!;
    c.set(store, Value.f32FromBits(0x7f800001));
    expect(c.get(store).f32Bits()).toBe(0x7f800001);
    const d = instance.getExport(store, 'd')!.intoGlobal()!;
    expect(d.get(store)).toEqual(Value.f64(2.5));
    expect(() => d.set(store, Value.f64(1))).toThrow(TypeError);
  });

  it('imports host globals by value', async () => {
    const { store, instance } = await instantiate(
      `(module (import "env" "g" (global $g i64)) (global $h i64 (global.get $g)) (func (export "get") (result i64) global.get $h))`,
      (s) => new Imports().define('env', 'g', new Global(s, Value.i64(123n), false)),
    );
    expect(instance.getExport(store, 'get')!.intoFunc()!.typed(store, [], ['i64']).call(store)).toBe(123n);
  });

  it('refuses host memories with UnsupportedFeatureError', () => {
    const { store } = setup();
    expect(() => new Memory(store, new MemoryType(1))).toThrow(UnsupportedFeatureError);
  });
});

describe('wasm3 memories of zero pages', () => {
  it('reads and writes nothing without touching memory, and grows', async () => {
    const { store, instance } = await instantiate('(module (memory (export "mem") 0 2))');
    const mem = instance.getExport(store, 'mem')!.intoMemory()!;
    expect(mem.currentPages(store)).toBe(0);
    mem.read(store, 0, new Uint8Array(0));
    mem.write(store, 0, new Uint8Array(0));
    expect(() => mem.read(store, 0, new Uint8Array(1))).toThrow(RangeError);
    expect(mem.grow(store, 2)).toBe(0);
    mem.write(store, 131071, new Uint8Array([3]));
    const out = new Uint8Array(1);
    mem.read(store, 131071, out);
    expect(out[0]).toBe(3);
  });
});
