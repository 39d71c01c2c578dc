import { CompileError, Engine, Func, FuncType, Imports, Instance, LinkError, Module, Store, Value } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { NativeEngine } from './index.js';
import { setup, wat } from './test-helpers.js';

describe('NativeEngine', () => {
  it('runs the acceptance example', async () => {
    const engine = new Engine(new NativeEngine());
    const store = new Store(engine, null);
    const bytes = await wat(`(module (type $t0 (func (param i32) (result i32))) (func $add_one (export "add_one") (type $t0) (param $p0 i32) (result i32) local.get $p0 i32.const 1 i32.add))`);
    const module = new Module(engine, bytes);
    const instance = new Instance(store, module, new Imports());
    const addOne = instance.getExport(store, 'add_one')!.intoFunc()!;
    const result = [Value.i32(0)];
    addOne.call(store, [Value.i32(42)], result);
    expect(result[0]).toEqual(Value.i32(43));
  });

  it('declares the host features and capabilities', () => {
    const e = new NativeEngine();
    expect(e.name).toBe('native');
    for (const f of ['mutable-globals', 'sign-extension', 'saturating-float-to-int', 'multi-value', 'bulk-memory', 'reference-types', 'simd'] as const) expect(e.features.has(f)).toBe(true);
    // Node 20's V8 validates tail calls but not extended-const or multi-memory without flags.
    expect(e.features.has('tail-call')).toBe(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 0, 18, 0, 11])));
    for (const c of ['host-refs', 'host-tables', 'host-memories', 'host-globals', 'reentrancy', 'exact-nan', 'host-v128'] as const) expect(e.capabilities.has(c)).toBe(true);
    expect(e.capabilities.has('fuel')).toBe(false);
    expect([...new NativeEngine({ features: ['simd'] }).features]).toEqual(['simd']);
  });

  it('rejects modules using features the engine does not declare', async () => {
    const engine = new Engine(new NativeEngine({ features: [] }));
    const bytes = await wat('(module (func (result i32) (i32.extend8_s (i32.const 1))))');
    expect(() => new Module(engine, bytes)).toThrow(/sign-extension/);
  });

  it('maps compile errors and keeps the host message', async () => {
    const { engine } = setup();
    expect(() => new Module(engine, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1]))).toThrow(CompileError);
    // Invalid (type error in the body), with a hidden export added by the rewrite.
    const bytes = await wat('(module (table 1 funcref) (elem (i32.const 0) $f) (func $f (result i32) (i64.const 0)))');
    let err: unknown;
    try {
      new Module(engine, bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    const message = String((err as Error).message);
    expect(message).toMatch(/WebAssembly\.Module\(\)/);
    // The offset names the caller's bytes, not the rewritten module's.
    const host = (() => {
      try {
        new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toBe(host);
  });

  it('rejects modules naming a table or element segment they lack, despite the hidden table', async () => {
    const { engine } = setup();
    const noTable = await wat('(module (type $t (func)) (func $f) (elem declare func $f) (func (call_indirect (type $t) (i32.const 0))))');
    expect(() => new Module(engine, noTable)).toThrow(CompileError);
    const noSegment = await wat('(module (table 1 funcref) (func $f) (elem declare func $f) (func (elem.drop 1)))');
    expect(() => new Module(engine, noSegment)).toThrow(CompileError);
    const elemNoTable = await wat('(module (func $f) (elem (i32.const 0) $f))');
    expect(() => new Module(engine, elemNoTable)).toThrow(CompileError);
  });

  it('compiles asynchronously', async () => {
    const { engine, store } = setup();
    const module = await Module.compile(engine, await wat('(module (func (export "f") (result i64) (i64.const -5)))'));
    const f = new Instance(store, module, new Imports()).getExport(store, 'f')!.intoFunc()!;
    const out = [Value.i64(0n)];
    f.call(store, [], out);
    expect(out[0]).toEqual(Value.i64(-5n));
    await expect(Module.compile(engine, new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))).rejects.toThrow(CompileError);
  });

  it('reports module imports and exports without the hidden ones', async () => {
    const { engine } = setup();
    const module = new Module(engine, await wat(`(module (import "env" "h" (func $h (param f32)))
      (table (export "t") 2 funcref) (elem (i32.const 0) $h $g) (func $g) (func (export "e") (result f64) (f64.const 1)))`));
    expect(module.imports().map((i) => `${i.module}.${i.name}:${i.ty}`)).toEqual(['env.h:(func (param f32) (result ))']);
    expect(module.exports().map((e) => e.name)).toEqual(['t', 'e']);
  });

  it('links imports by type and reports missing ones as LinkError', async () => {
    const { engine, store } = setup();
    const module = new Module(engine, await wat('(module (import "env" "f" (func (param i32))))'));
    expect(() => new Instance(store, module, new Imports())).toThrow(LinkError);
    const wrong = new Func(store, new FuncType([], []), () => {});
    expect(() => new Instance(store, module, new Imports().define('env', 'f', wrong))).toThrow(LinkError);
  });

  it('reports a table larger than the host engine allows as a LinkError, and the store stays usable', async () => {
    // V8 throws a RangeError ("initial table size ... is larger than implementation limit").
    const { engine, store } = setup();
    const module = new Module(engine, await wat('(module (table 0xffffffff funcref))'));
    let error: unknown;
    try {
      new Instance(store, module, new Imports());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LinkError);
    expect((error as LinkError).cause).toBeInstanceOf(RangeError);
    const ok = new Instance(store, new Module(engine, await wat('(module (func (export "f") (result i32) (i32.const 7)))')), new Imports());
    expect(ok.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(7);
  });
});
