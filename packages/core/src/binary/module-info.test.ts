import { describe, expect, it } from 'vitest';
import { CompileError } from '../errors.js';
import { FuncType, GlobalType, MemoryType, TableType } from '../types.js';
import { readModuleInfo } from './module-info.js';
import { wat } from './test-wat.js';

describe('readModuleInfo', () => {
  it('reads types, imports, exports and declarations', async () => {
    const info = readModuleInfo(
      await wat(`(module
        (type $ii (func (param i32) (result i32)))
        (import "env" "f" (func $f (type $ii)))
        (import "env" "t" (table 1 funcref))
        (import "env" "m" (memory 1 2))
        (import "env" "g" (global (mut i64)))
        (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
        (func $start)
        (func $hidden (result f64) f64.const 1)
        (func $viaElem)
        (func $viaGlobal)
        (table $t2 (export "tab") 2 10 externref)
        (memory (export "mem") 0)
        (global (export "gf") f32 (f32.const 1.5))
        (global funcref (ref.func $viaGlobal))
        (export "f" (func $f))
        (export "g" (global 0))
        (elem (table 0) (i32.const 0) func $viaElem)
        (start $start))`),
    );
    expect(info.types[0]).toEqual(new FuncType(['i32'], ['i32']));
    expect(info.imports).toEqual([
      { module: 'env', name: 'f', ty: new FuncType(['i32'], ['i32']) },
      { module: 'env', name: 't', ty: new TableType('funcref', 1) },
      { module: 'env', name: 'm', ty: new MemoryType(1, 2) },
      { module: 'env', name: 'g', ty: new GlobalType('i64', true) },
    ]);
    expect(info.exports.map((e) => [e.name, e.ty.toString()])).toEqual([
      ['add', '(func (param i32 i32) (result i32))'],
      ['tab', '(table 2 10 externref)'],
      ['mem', '(memory 0)'],
      ['gf', '(global f32)'],
      ['f', '(func (param i32) (result i32))'],
      ['g', '(global (mut i64))'],
    ]);
    expect(info.funcTypes.map(String)).toEqual([
      '(func (param i32) (result i32))',
      '(func (param i32 i32) (result i32))',
      '(func (param ) (result ))',
      '(func (param ) (result f64))',
      '(func (param ) (result ))',
      '(func (param ) (result ))',
    ]);
    expect(info.tables).toEqual([new TableType('funcref', 1), new TableType('externref', 2, 10)]);
    expect(info.memories).toEqual([new MemoryType(1, 2), new MemoryType(0)]);
    expect(info.globals).toEqual([new GlobalType('i64', true), new GlobalType('f32', false), new GlobalType('funcref', false)]);
    expect(info.startFunction).toBe(2);
    expect([...info.refFuncs].sort()).toEqual([0, 1, 4, 5]);
    expect(info.importedFuncs).toBe(1);
    expect(info.importedGlobals).toBe(1);
    expect(info.exportEntries[1]).toEqual({ name: 'tab', kind: 'table', index: 1 });
    expect(info.elementSegments).toBe(1);
  });

  it('finds ref.func in element expressions and declarative segments', async () => {
    const info = readModuleInfo(
      await wat(`(module
        (table 4 funcref)
        (func $a) (func $b) (func $c) (func $d)
        (elem (i32.const 0) funcref (ref.func $a) (ref.null func))
        (elem declare func $b)
        (elem funcref (item ref.func $c))
        (func (drop (ref.func $b))))`),
    );
    expect([...info.refFuncs].sort()).toEqual([0, 1, 2]);
    expect(info.startFunction).toBeUndefined();
  });

  it('records section ranges', async () => {
    const bytes = await wat('(module (func (export "f")))');
    const info = readModuleInfo(bytes);
    expect(info.sections.map((s) => s.id)).toEqual([1, 3, 7, 10]);
    const exp = info.sections[2]!;
    expect(bytes[exp.start]).toBe(7);
    expect(exp.end - exp.payloadStart).toBe(bytes[exp.start + 1]);
  });

  it('rejects malformed modules with CompileError', async () => {
    const good = await wat('(module (func (export "f") (param i32)))');
    expect(() => readModuleInfo(new Uint8Array([1, 2, 3, 4]))).toThrow(/magic header/);
    expect(() => readModuleInfo(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(/unknown binary version/);
    const typeSectionEnd = 10 + good[9]!;
    for (let cut = 9; cut < good.length; cut++) {
      if (cut === typeSectionEnd) continue; // a module of just types is valid
      expect(() => readModuleInfo(good.subarray(0, cut)), `cut at ${cut}`).toThrow(CompileError);
    }
    // Two type sections: out of order.
    const dup = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0]);
    expect(() => readModuleInfo(dup)).toThrow(/out of order/);
    // A function section naming a missing type.
    const badType = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 3, 2, 1, 5]);
    expect(() => readModuleInfo(badType)).toThrow(/type index 5 out of range/);
    // A function without a body.
    expect(() => readModuleInfo(good.subarray(0, typeSectionEnd + 4))).toThrow(/inconsistent lengths/);
  });

  it('keeps the messages of invalid UTF-8 export names', () => {
    // type () -> (); one func; export named "\xff".
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 0xff, 0, 0, 10, 4, 1, 2, 0, 0x0b]);
    expect(() => readModuleInfo(bytes)).toThrow(/malformed UTF-8/);
  });
});
