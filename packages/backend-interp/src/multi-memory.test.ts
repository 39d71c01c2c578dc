import { describe, expect, it } from 'vitest';
import { CompileError } from '@wrl/core';
import { InterpEngine } from './engine.js';
import { instantiateWat, wat } from './test-wat.js';

const MODULE = `(module
  (memory $a 1)
  (memory $b (export "b") 1 4)
  (func (export "store") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
  (func (export "loadA") (param i32) (result i32) (i32.load $a (local.get 0)))
  (func (export "loadB") (param i32) (result i32) (i32.load $b (local.get 0)))
  (func (export "growB") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "sizeA") (result i32) (memory.size $a))
  (func (export "copyBA") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fillB") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2))))`;

describe('multi-memory (engine option)', () => {
  it('is rejected as "multiple memories" by default, as WebAssembly 2.0 requires', async () => {
    expect(() => new InterpEngine().compile(new Uint8Array(0))).toThrow(CompileError);
    expect(() => new InterpEngine().compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 5, 2, 0, 1, 0, 1]))).toThrow(/multiple memories/);
    expect(new InterpEngine().features.has('multi-memory')).toBe(false);
  });

  it('addresses each memory separately', async () => {
    const s = await instantiateWat(MODULE, undefined, { multiMemory: true });
    const store = s.func('store').typed(s.store, ['i32', 'i32'], []);
    const loadA = s.func('loadA').typed(s.store, ['i32'], ['i32']);
    const loadB = s.func('loadB').typed(s.store, ['i32'], ['i32']);
    store.call(s.store, 16, 0x12345678);
    expect(loadB.call(s.store, 16)).toBe(0x12345678);
    expect(loadA.call(s.store, 16)).toBe(0);
    s.func('copyBA').typed(s.store, ['i32', 'i32', 'i32'], []).call(s.store, 100, 16, 4);
    expect(loadA.call(s.store, 100)).toBe(0x12345678);
    s.func('fillB').typed(s.store, ['i32', 'i32', 'i32'], []).call(s.store, 16, 0xff, 2);
    expect(loadB.call(s.store, 16)).toBe(0x1234ffff);
    const grow = s.func('growB').typed(s.store, ['i32'], ['i32']);
    expect(grow.call(s.store, 2)).toBe(1);
    expect(grow.call(s.store, 2)).toBe(-1);
    expect(s.func('sizeA').typed(s.store, [], ['i32']).call(s.store)).toBe(1);
    expect(loadB.call(s.store, 3 * 65536 - 4)).toBe(0);
    expect(() => loadA.call(s.store, 65536)).toThrow(/out of bounds/);
  });

  it('initialises data segments of any memory', () => {
    const engine = new InterpEngine({ multiMemory: true });
    // (memory 1) (memory 1) (export "m" (memory 1)) (data (memory 1) (i32.const 8) "\\2a"),
    // with the explicit-memory segment encoding (flags 2, then the memory index)
    const bytes = new Uint8Array([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
      5, 5, 2, 0, 1, 0, 1,
      7, 5, 1, 1, 0x6d, 2, 1,
      11, 8, 1, 2, 1, 0x41, 8, 0x0b, 1, 0x2a,
    ]);
    const module = engine.compile(bytes);
    const instance = engine.createStore().instantiate(module, []);
    const mem = instance.getExport('m')!.value as import('@wrl/core/backend').WasmMemory;
    const out = new Uint8Array(2);
    mem.read(8, out);
    expect([...out]).toEqual([0x2a, 0]);
  });

  it('validates memory indices', async () => {
    const engine = new InterpEngine({ multiMemory: true });
    expect(() => engine.compile(new Uint8Array(0))).toThrow(CompileError);
    await expect(wat('(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))').then((b) => engine.compile(b))).rejects.toThrow(/unknown memory 1/);
  });
});
