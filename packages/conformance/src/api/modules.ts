import { CompileError, FuncType, GlobalType, MemoryType, Module, TableType, UnsupportedFeatureError, type WasmFeature } from '@wrl/core';
import { vitest } from '../vitest-api.js';
import type { SuiteContext } from './context.js';

const TYPES_WAT = `(module
  (import "env" "f" (func (param i32 i64) (result f32)))
  (import "env" "g" (global (mut f64)))
  (import "env" "m" (memory 1 3))
  (import "env" "t" (table 2 funcref))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "pair") (result i64 f64) (i64.const 1) (f64.const 2))
  (global (export "gi") i32 (i32.const 7))
  (global (export "gm") (mut i64) (i64.const 8))
  (export "mem" (memory 0))
  (export "tab" (table 0)))`;

/** A module using each feature beyond 2.0, to check that backends without it reject it cleanly. */
const FEATURE_MODULES: ReadonlyArray<readonly [WasmFeature, string]> = [
  ['tail-call', '(module (func $f (return_call $f)))'],
  ['extended-const', '(module (global i32 (i32.add (i32.const 1) (i32.const 2))))'],
  ['multi-memory', '(module (memory 1) (memory 1))'],
  ['simd', '(module (func (result v128) (v128.const i32x4 1 2 3 4)))'],
  ['reference-types', '(module (func (param externref)))'],
  ['bulk-memory', '(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))'],
];

export function defineModuleTests(ctx: SuiteContext): void {
  const { describe, expect } = vitest('defineConformanceSuite');
  describe('Module', () => {
    ctx.it('describes imports and exports with their types, in module order', async () => {
      const { engine } = ctx.setup();
      const m = new Module(engine, await ctx.wat(TYPES_WAT));
      expect(m.imports().map((i) => [i.module, i.name, String(i.ty)])).toEqual([
        ['env', 'f', String(new FuncType(['i32', 'i64'], ['f32']))],
        ['env', 'g', String(new GlobalType('f64', true))],
        ['env', 'm', String(new MemoryType(1, 3))],
        ['env', 't', String(new TableType('funcref', 2))],
      ]);
      const ex = m.exports();
      expect(ex.map((e) => e.name)).toEqual(['add', 'pair', 'gi', 'gm', 'mem', 'tab']);
      expect((ex[0]!.ty as FuncType).equals(new FuncType(['i32', 'i32'], ['i32']))).toBe(true);
      expect((ex[1]!.ty as FuncType).equals(new FuncType([], ['i64', 'f64']))).toBe(true);
      expect(m.getExport('gi')?.equals(new GlobalType('i32', false))).toBe(true);
      expect(m.getExport('gm')?.equals(new GlobalType('i64', true))).toBe(true);
      expect(m.getExport('mem')?.equals(new MemoryType(1, 3))).toBe(true);
      expect(m.getExport('tab')?.equals(new TableType('funcref', 2))).toBe(true);
      expect(m.getExport('nope')).toBeUndefined();
    });

    ctx.it('rejects malformed bytes with a CompileError', () => {
      const { engine } = ctx.setup();
      expect(() => new Module(engine, new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(CompileError);
      expect(() => new Module(engine, new Uint8Array([1, 2, 3]))).toThrow(CompileError);
      expect(() => new Module(engine, new Uint8Array(0))).toThrow(CompileError);
    });

    ctx.it('rejects invalid modules with a CompileError', async () => {
      const { engine } = ctx.setup();
      const bytes = await ctx.wat('(module (func (result i32) (i64.const 1)))');
      expect(() => new Module(engine, bytes)).toThrow(CompileError);
      const badIndex = await ctx.wat('(module (func (call 5)) (func))');
      expect(() => new Module(engine, badIndex)).toThrow(CompileError);
    });

    ctx.it('compiles asynchronously from bytes, a Response and a stream', async () => {
      const { engine } = ctx.setup();
      const bytes = await ctx.wat('(module (func (export "f")))');
      expect((await Module.compile(engine, bytes)).exports().map((e) => e.name)).toEqual(['f']);
      expect((await Module.compile(engine, bytes.buffer.slice(0) as ArrayBuffer)).exports()).toHaveLength(1);
      if (typeof Response !== 'undefined') {
        const r = new Response(bytes as unknown as BodyInit, { headers: { 'content-type': 'application/wasm' } });
        expect((await Module.compile(engine, r)).exports()).toHaveLength(1);
        const stream = new Response(bytes as unknown as BodyInit).body!;
        expect((await Module.compile(engine, stream)).exports()).toHaveLength(1);
      }
      await expect(Module.compile(engine, new Uint8Array([9, 9, 9]))).rejects.toBeInstanceOf(CompileError);
    });

    for (const [feature, text] of FEATURE_MODULES) {
      if (ctx.supports(feature)) {
        ctx.it(`compiles a module using ${feature}, which the backend declares`, async () => {
          const { engine } = ctx.setup();
          expect(new Module(engine, await ctx.wat(text))).toBeInstanceOf(Module);
        });
      } else {
        ctx.it(`rejects a module using ${feature} with CompileError caused by UnsupportedFeatureError`, async () => {
          const { engine } = ctx.setup();
          const bytes = await ctx.wat(text);
          let error: unknown;
          try {
            new Module(engine, bytes);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(CompileError);
          expect((error as CompileError).cause).toBeInstanceOf(UnsupportedFeatureError);
          expect(((error as CompileError).cause as UnsupportedFeatureError).feature).toBe(feature);
        });
      }
    }
  });
}
