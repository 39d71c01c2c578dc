import { Imports, Memory, MemoryType, PAGE_SIZE, UnsupportedFeatureError, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

const MEMORY_WAT = `(module
  (memory (export "mem") 1 3)
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size)))`;

export function defineMemoryTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  async function setup() {
    const { store } = ctx.setup();
    const inst = await ctx.instantiate(store, MEMORY_WAT);
    const mem = inst.getExport(store, 'mem')!.intoMemory()!;
    const fn = (name: string) => (...args: number[]) => {
      const f = inst.getExport(store, name)!.intoFunc()!;
      const out: PublicValue[] = f.ty(store).results.map(() => Value.i32(0));
      f.call(store, args.map((a) => Value.i32(a)), out);
      return out[0]?.value as number | undefined;
    };
    return { store, mem, fn };
  }

  describe('Memory', () => {
    ctx.it('reads and writes bytes the wasm code sees', async () => {
      const { store, mem, fn } = await setup();
      mem.write(store, 100, new Uint8Array([1, 2, 3]));
      expect(fn('load')(101)).toBe(2);
      fn('store')(PAGE_SIZE - 1, 0xab);
      const buf = new Uint8Array(2);
      mem.read(store, PAGE_SIZE - 2, buf);
      expect([...buf]).toEqual([0, 0xab]);
      mem.write(store, PAGE_SIZE, new Uint8Array(0));
    });

    ctx.it('grows from the host and from wasm, and reports its type with the current size', async () => {
      const { store, mem, fn } = await setup();
      expect(mem.currentPages(store)).toBe(1);
      expect(mem.ty(store).initial).toBe(1);
      expect(mem.ty(store).maximum).toBe(3);
      expect(mem.grow(store, 1)).toBe(1);
      expect(fn('size')()).toBe(2);
      expect(fn('grow')(1)).toBe(2);
      expect(mem.currentPages(store)).toBe(3);
      expect(mem.ty(store).initial).toBe(3);
      fn('store')(3 * PAGE_SIZE - 1, 7);
      const b = new Uint8Array(1);
      mem.read(store, 3 * PAGE_SIZE - 1, b);
      expect(b[0]).toBe(7);
    });

    ctx.it('refuses to grow past the maximum: RangeError from the host API, -1 from memory.grow', async () => {
      const { store, mem, fn } = await setup();
      expect(() => mem.grow(store, 3)).toThrow(RangeError);
      expect(mem.currentPages(store)).toBe(1);
      expect(fn('grow')(3)).toBe(-1);
      expect(mem.currentPages(store)).toBe(1);
      expect(mem.grow(store, 0)).toBe(1);
    });

    ctx.it('throws RangeError for reads and writes outside the memory', async () => {
      const { store, mem } = await setup();
      expect(() => mem.read(store, PAGE_SIZE - 1, new Uint8Array(2))).toThrow(RangeError);
      expect(() => mem.write(store, PAGE_SIZE, new Uint8Array(1))).toThrow(RangeError);
      expect(() => mem.read(store, -1, new Uint8Array(1))).toThrow(RangeError);
      expect(() => mem.write(store, 1.5, new Uint8Array(1))).toThrow(RangeError);
      expect(() => mem.grow(store, -1)).toThrow(RangeError);
    });

    ctx.test('can be created by the host and imported', ['host-memories'], async () => {
      const { store } = ctx.setup();
      const mem = new Memory(store, new MemoryType(1, 2));
      mem.write(store, 10, new Uint8Array([42]));
      const inst = await ctx.instantiate(store, `(module (import "env" "mem" (memory 1 2))
        (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
        (func (export "grow") (result i32) (memory.grow (i32.const 1))))`, new Imports().define('env', 'mem', mem));
      const load = inst.getExport(store, 'load')!.intoFunc()!.typed(store, ['i32'], ['i32']);
      expect(load.call(store, 10)).toBe(42);
      expect(inst.getExport(store, 'grow')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
      expect(mem.currentPages(store)).toBe(2);
      expect(() => mem.grow(store, 1)).toThrow(RangeError);
    });

    if (!ctx.has('host-memories')) {
      ctx.it('new Memory throws UnsupportedFeatureError, as the backend lacks host-memories', () => {
        const { store } = ctx.setup();
        expect(() => new Memory(store, new MemoryType(1))).toThrow(UnsupportedFeatureError);
      });
    }
  });
}
