import { Extern, Func, FuncType, Imports, Instance, LinkError, Module, Trap, TrapCode, Value, type PublicValue } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import { unsupportedMessage, type SuiteContext } from './context.js';

const PROVIDER = `(module
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (global (export "g") i32 (i32.const 5))
  (global (export "gm") (mut i32) (i32.const 6))
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref))`;

export function defineLinkingTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');

  async function provider() {
    const { engine, store } = ctx.setup();
    const inst = await ctx.instantiate(store, PROVIDER);
    const imports = new Imports();
    for (const e of inst.exports(store)) imports.define('p', e.name, e.value);
    return { engine, store, inst, imports };
  }

  /** Instantiates a module with one import against the provider; returns what it threw, after checking the store still works. */
  async function linkError(importDecl: string): Promise<unknown> {
    const { store, imports } = await provider();
    const m = new Module(store.engine, await ctx.wat(`(module ${importDecl})`));
    let error: unknown;
    try {
      new Instance(store, m, imports);
    } catch (e) {
      error = e;
    }
    const after = await ctx.instantiate(store, '(module (func (export "ok") (result i32) (i32.const 1)))');
    expect(after.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
    return error;
  }

  describe('Instance and linking', () => {
    ctx.it('links functions and immutable globals between instances', async () => {
      const { store, imports } = await provider();
      const user = await ctx.instantiate(store, `(module
        (import "p" "twice" (func $twice (param i32) (result i32)))
        (import "p" "g" (global $g i32))
        (func (export "run") (param i32) (result i32) (i32.add (call $twice (local.get 0)) (global.get $g))))`, imports);
      const out: PublicValue[] = [Value.i32(0)];
      user.getExport(store, 'run')!.intoFunc()!.call(store, [Value.i32(10)], out);
      expect(out[0]!.value).toBe(25);
    });

    ctx.it('shares memories, mutable globals and tables between instances', async () => {
      const { store, imports } = await provider();
      const user = await ctx.instantiate(store, `(module
        (import "p" "gm" (global $gm (mut i32)))
        (import "p" "mem" (memory 1))
        (import "p" "tab" (table 2 funcref))
        (func (export "run")
          (i32.store (i32.const 8) (i32.const 99))
          (global.set $gm (i32.const 60))))`, imports);
      user.getExport(store, 'run')!.intoFunc()!.call(store, [], []);
      const mem = imports.get('p', 'mem')!.intoMemory()!;
      const buf = new Uint8Array(1);
      mem.read(store, 8, buf);
      expect(buf[0]).toBe(99);
      expect(imports.get('p', 'gm')!.intoGlobal()!.get(store).value).toBe(60);
    });

    ctx.it('lists exports in module order with their kinds, and getExport finds them by name', async () => {
      const { store, inst } = await provider();
      expect(inst.exports(store).map((e) => [e.name, e.value.kind])).toEqual([
        ['twice', 'func'], ['g', 'global'], ['gm', 'global'], ['mem', 'memory'], ['tab', 'table'],
      ]);
      expect(inst.getExport(store, 'twice')!.kind).toBe('func');
      expect(inst.getExport(store, 'missing')).toBeUndefined();
      expect(inst.getExport(store, 'twice')!.value).toBe(inst.getExport(store, 'twice')!.value);
    });

    const linkCases: ReadonlyArray<readonly [string, string, boolean]> = [
      ['a missing import', '(import "p" "nothing" (func))', true],
      ['a missing module', '(import "nowhere" "twice" (func (param i32) (result i32)))', true],
      ['a global imported as a function', '(import "p" "g" (func))', true],
      ['a function imported as a global', '(import "p" "twice" (global i32))', true],
      ['a memory imported as a table', '(import "p" "mem" (table 1 funcref))', true],
      ['a function with other parameters', '(import "p" "twice" (func (param i64) (result i32)))', true],
      ['a function with other results', '(import "p" "twice" (func (param i32)))', true],
      ['a global of another type', '(import "p" "g" (global i64))', true],
      ['an immutable global imported as mutable', '(import "p" "g" (global (mut i32)))', true],
      ['a mutable global imported as immutable', '(import "p" "gm" (global i32))', true],
      ['a memory smaller than the minimum', '(import "p" "mem" (memory 2))', true],
      ['a memory without the required maximum', '(import "p" "mem" (memory 1 4))', true],
      ['a table smaller than the minimum', '(import "p" "tab" (table 3 funcref))', true],
      ['a table of another element type', '(import "p" "tab" (table 2 externref))', true],
      ['a memory larger than the minimum (allowed)', '(import "p" "mem" (memory 0))', false],
    ];
    for (const [what, decl, fails] of linkCases) {
      ctx.it(fails ? `fails with LinkError for ${what}` : `links ${what}`, async () => {
        const error = await linkError(decl);
        if (unsupportedMessage(error) !== undefined) throw error;
        if (fails) expect(error).toBeInstanceOf(LinkError);
        else if (error !== undefined) throw error;
      });
    }

    ctx.it('runs the start function during instantiation', async () => {
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

    ctx.it('throws the Trap of a trapping start function, and the store stays usable', async () => {
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

    ctx.it('throws a MemoryOutOfBounds Trap for a data segment outside memory', async () => {
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

    ctx.it('accepts an Extern or the object itself in Imports', async () => {
      const { store } = ctx.setup();
      const f = Func.wrap(store, new FuncType([], ['i32']), () => 4);
      for (const value of [f, Extern.func(f)]) {
        const inst = await ctx.instantiate(store, '(module (import "m" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))', new Imports().define('m', 'f', value));
        expect(inst.getExport(store, 'g')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(4);
      }
    });
  });
}
