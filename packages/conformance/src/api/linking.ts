import { Extern, Func, FuncType, Imports, Instance, LinkError, Module, Trap, TrapCode, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

const PROVIDER = `(module
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (global (export "g") i32 (i32.const 5))
  (global (export "gm") (mut i32) (i32.const 6))
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref))`;

export function defineLinkingTests(ctx: SuiteContext): void {
  const { describe, expect, it } = vitest('defineConformanceSuite');

  async function provider() {
    const { engine, store } = ctx.setup();
    const inst = await ctx.instantiate(store, PROVIDER);
    const imports = new Imports();
    for (const e of inst.exports(store)) imports.define('p', e.name, e.value);
    return { engine, store, inst, imports };
  }

  async function linkError(importDecl: string): Promise<unknown> {
    const { store, imports } = await provider();
    const m = new Module(store.engine, await ctx.wat(`(module ${importDecl})`));
    try {
      new Instance(store, m, imports);
    } catch (e) {
      return e;
    }
    return undefined;
  }

  describe('Instance and linking', () => {
    it('links functions, globals, memories and tables between instances', async () => {
      const { store, imports } = await provider();
      const user = await ctx.instantiate(store, `(module
        (import "p" "twice" (func $twice (param i32) (result i32)))
        (import "p" "g" (global $g i32))
        (import "p" "gm" (global $gm (mut i32)))
        (import "p" "mem" (memory 1))
        (import "p" "tab" (table 2 funcref))
        (func (export "run") (param i32) (result i32)
          (i32.store (i32.const 8) (i32.const 99))
          (global.set $gm (i32.const 60))
          (i32.add (call $twice (local.get 0)) (global.get $g))))`, imports);
      const out: PublicValue[] = [Value.i32(0)];
      user.getExport(store, 'run')!.intoFunc()!.call(store, [Value.i32(10)], out);
      expect(out[0]!.value).toBe(25);
      const mem = imports.get('p', 'mem')!.intoMemory()!;
      const buf = new Uint8Array(1);
      mem.read(store, 8, buf);
      expect(buf[0]).toBe(99);
      expect(imports.get('p', 'gm')!.intoGlobal()!.get(store).value).toBe(60);
    });

    it('lists exports in module order with their kinds, and getExport finds them by name', async () => {
      const { store, inst } = await provider();
      expect(inst.exports(store).map((e) => [e.name, e.value.kind])).toEqual([
        ['twice', 'func'], ['g', 'global'], ['gm', 'global'], ['mem', 'memory'], ['tab', 'table'],
      ]);
      expect(inst.getExport(store, 'twice')!.kind).toBe('func');
      expect(inst.getExport(store, 'missing')).toBeUndefined();
      expect(inst.getExport(store, 'twice')!.value).toBe(inst.getExport(store, 'twice')!.value);
    });

    it('fails with LinkError for a missing import', async () => {
      expect(await linkError('(import "p" "nothing" (func))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "nowhere" "twice" (func (param i32) (result i32)))')).toBeInstanceOf(LinkError);
    });

    it('fails with LinkError for an import of the wrong kind', async () => {
      expect(await linkError('(import "p" "g" (func))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "twice" (global i32))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "mem" (table 1 funcref))')).toBeInstanceOf(LinkError);
    });

    it('fails with LinkError for a function of the wrong signature', async () => {
      expect(await linkError('(import "p" "twice" (func (param i64) (result i32)))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "twice" (func (param i32)))')).toBeInstanceOf(LinkError);
    });

    it('fails with LinkError for globals of the wrong type or mutability', async () => {
      expect(await linkError('(import "p" "g" (global i64))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "g" (global (mut i32)))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "gm" (global i32))')).toBeInstanceOf(LinkError);
    });

    it('fails with LinkError for memory and table limits that do not match', async () => {
      expect(await linkError('(import "p" "mem" (memory 2))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "mem" (memory 1 4))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "tab" (table 3 funcref))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "tab" (table 2 externref))')).toBeInstanceOf(LinkError);
      expect(await linkError('(import "p" "mem" (memory 0))')).toBeUndefined();
    });

    it('runs the start function during instantiation', async () => {
      const { store } = ctx.setup<{ started: number }>({ started: 0 });
      const imports = new Imports().define('env', 'hello', Func.wrap(store, new FuncType(['i32'], []), (caller, n: number) => {
        caller.data.started += n;
      }));
      const inst = await ctx.instantiate(store, `(module
        (import "env" "hello" (func $hello (param i32)))
        (global $g (export "g") (mut i32) (i32.const 0))
        (func $start (call $hello (i32.const 3)) (global.set $g (i32.const 1)))
        (start $start))`, imports);
      expect(store.data.started).toBe(3);
      expect(inst.getExport(store, 'g')!.intoGlobal()!.get(store).value).toBe(1);
    });

    it('throws the Trap of a trapping start function, and the store stays usable', async () => {
      const { store } = ctx.setup();
      const m = new Module(store.engine, await ctx.wat('(module (func $s unreachable) (start $s))'));
      let error: unknown;
      try {
        new Instance(store, m, new Imports());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Trap);
      expect((error as Trap).code).toBe(TrapCode.UnreachableCodeReached);
      const ok = await ctx.instantiate(store, '(module (func (export "f") (result i32) (i32.const 1)))');
      const out: PublicValue[] = [Value.i32(0)];
      ok.getExport(store, 'f')!.intoFunc()!.call(store, [], out);
      expect(out[0]!.value).toBe(1);
    });

    it('throws a MemoryOutOfBounds Trap for a data segment outside memory', async () => {
      const { store } = ctx.setup();
      const m = new Module(store.engine, await ctx.wat('(module (memory 1) (data (i32.const 65535) "ab"))'));
      let error: unknown;
      try {
        new Instance(store, m, new Imports());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Trap);
      expect((error as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
    });

    it('accepts an Extern or the object itself in Imports', async () => {
      const { store } = ctx.setup();
      const f = Func.wrap(store, new FuncType([], ['i32']), () => 4);
      for (const value of [f, Extern.func(f)]) {
        const inst = await ctx.instantiate(store, '(module (import "m" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))', new Imports().define('m', 'f', value));
        expect(inst.getExport(store, 'g')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(4);
      }
    });
  });
}
