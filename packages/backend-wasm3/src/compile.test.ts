import { describe, expect, it } from 'vitest';
import { CompileError, Imports, Instance, Module, UnsupportedFeatureError } from '@wrl/core';
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

  it('rejects names with NUL bytes, which wasm3 cannot link, with CompileError caused by UnsupportedFeatureError', async () => {
    // Mutant #561 of the conformance fuzz seed "types, imported functions and control flow"
    // (byte 46 set to 0): its import "env" "log" became "env" "lo\0", which instantiation
    // used to fail with a plain Error from the addon.
    const mutant = Uint8Array.from(Buffer.from(
      '0061736d01000000011a0560027f7f017f60017f0060027e7d017c60017f017f6000017c02170203656e76036c6f00000103656e76057363616c65000203060503030304000724050366616300020373756d00030673776974636800040563616c6c7300050361646400060a6e051700200041014c047f4101052000200041016b10026c0b0b2101017f024003402000450d01200120006a2101200041016b21000c000b0b20010b1a0002400240024020000e020001020b410a0f0b41140f0b411e0b0f00410110004202430000404010010b0700200020016a0b',
      'hex',
    ));
    const { engine } = setup();
    let error: unknown;
    try {
      new Module(engine, mutant);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).cause).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as CompileError).message).toMatch(/NUL/);
    for (const text of ['(module (import "a\\00" "f" (func)))', '(module (global (export "g\\00x") i32 (i32.const 1)))']) {
      const e = await compileError(text);
      expect(e.cause).toBeInstanceOf(UnsupportedFeatureError);
    }
    // A NUL in a function export is fine: wasm3 finds exported functions by index.
    const { store } = setup();
    const ok = new Instance(store, new Module(store.engine, await wat('(module (func (export "f\\00") (result i32) (i32.const 5)))')), new Imports());
    expect(ok.getExport(store, 'f\0')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(5);
  });
});
