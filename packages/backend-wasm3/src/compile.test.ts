import { describe, expect, it } from 'vitest';
import { CompileError, Module, UnsupportedFeatureError } from '@wrl/core';
import { setup, wat } from './test-helpers.js';

async function compileError(text: string): Promise<CompileError> {
  const { engine } = setup();
  const bytes = await wat(text);
  try {
    new Module(engine, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('the module compiled');
}

describe('wasm3 compile', () => {
  it('rejects invalid function bodies when compiling, not on first call', async () => {
    const e = await compileError('(module (func (result i32) f32.const 1))');
    expect(e.message).toMatch(/wasm3/);
  });

  it('compiles asynchronously off the main thread, with the same errors', async () => {
    const { engine } = setup();
    const module = await Module.compile(engine, await wat('(module (func (export "f") (result i32) i32.const 1))'));
    expect(module.exports().map((e) => e.name)).toEqual(['f']);
    await expect(Module.compile(engine, await wat('(module (func (result i32) f32.const 1))'))).rejects.toBeInstanceOf(CompileError);
    // Many at once, on several pool threads.
    const all = await Promise.all(Array.from({ length: 16 }, async (_, i) => Module.compile(engine, await wat(`(module (func (export "f${i}")))`))));
    expect(all.map((m) => m.exports()[0]!.name)).toEqual(Array.from({ length: 16 }, (_, i) => `f${i}`));
  });

  it('rejects malformed bytes', () => {
    const { engine } = setup();
    expect(() => new Module(engine, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 9]))).toThrow(CompileError);
  });

  it('type-checks constant expressions, which wasm3 itself does not', async () => {
    expect((await compileError('(module (global i32 (f32.const 0)))')).message).toMatch(/type mismatch/);
    expect((await compileError('(module (memory 1) (data (i64.const 0) "x"))')).message).toMatch(/type mismatch/);
    expect((await compileError('(module (global i32 (i32.const 0) (i32.const 1)))')).message).toMatch(/type mismatch/);
    const { engine } = setup();
    expect(() => new Module(engine, new Uint8Array(0))).toThrow(CompileError);
  });

  it.each([
    ['imported memories', '(module (import "env" "m" (memory 1)))'],
    ['imported tables', '(module (import "env" "t" (table 1 funcref)))'],
    ['imported mutable globals', '(module (import "env" "g" (global (mut i32))))'],
    ['reference-types', '(module (func (param externref)))'],
    ['simd', '(module (func (param v128)))'],
  ])('rejects modules using %s with a CompileError caused by UnsupportedFeatureError', async (feature, text) => {
    const e = await compileError(text);
    expect(e.cause).toBeInstanceOf(UnsupportedFeatureError);
    expect((e.cause as UnsupportedFeatureError).feature).toBe(feature);
  });
});
