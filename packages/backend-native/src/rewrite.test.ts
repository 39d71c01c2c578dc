import { Func, FuncType, Imports, Instance, Module, Table, TableType, Value, type PublicValue, type Store } from '@wrl/core';
import { readModuleInfo } from '@wrl/core/backend';
import { describe, expect, it } from 'vitest';
import { hideFunctionReferences } from './rewrite.js';
import { setup, wat } from './test-helpers.js';

async function instance(store: Store<null>, text: string, imports = new Imports()) {
  return new Instance(store, new Module(store.engine, await wat(text)), imports);
}

describe('hidden exports', () => {
  for (const useTable of [true, false]) {
    it(`adds sections in the right place when the module has none (${useTable ? 'hidden table' : 'hidden exports'})`, async () => {
      const bytes = await wat('(module (import "env" "t" (table 2 funcref)) (elem (i32.const 0) $a $b) (func $a (result i32) (i32.const 1)) (func $b (param i64)) (start $a2) (func $a2))');
      const info = readModuleInfo(bytes);
      const { bytes: out, hidden } = hideFunctionReferences(bytes, info, useTable);
      expect(hidden!.funcIndices).toEqual([0, 1]);
      expect(WebAssembly.validate(out as Uint8Array<ArrayBuffer>)).toBe(true);
      const after = readModuleInfo(out);
      expect(after.startFunction).toBe(2);
      const inst = new WebAssembly.Instance(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>), { env: { t: new WebAssembly.Table({ element: 'anyfunc', initial: 2 }) } });
      if (hidden!.kind === 'table') {
        expect(after.tables.length).toBe(2);
        const table = inst.exports[hidden!.name] as WebAssembly.Table;
        expect((table.get(0) as () => number)()).toBe(1);
        expect(table.length).toBe(2);
      } else {
        expect(after.exportEntries.map((e) => e.index)).toEqual([0, 1]);
        expect((inst.exports[hidden!.names[0]!] as () => number)()).toBe(1);
      }
    });

    it(`appends to existing table, export and element sections (${useTable ? 'hidden table' : 'hidden exports'})`, async () => {
      const bytes = await wat(`(module (table $t 1 funcref) (memory 1) (data "x") (elem $p func $b) (elem (i32.const 0) $a)
        (func $a (export "a") (result i32) (i32.const 1)) (func $b (result i32) (i32.const 2))
        (func (export "init") (result i32) (table.init $p (i32.const 0) (i32.const 0) (i32.const 1)) (call_indirect (result i32) (i32.const 0))))`);
      const { bytes: out, hidden } = hideFunctionReferences(bytes, readModuleInfo(bytes), useTable);
      expect(hidden!.funcIndices).toEqual([1]);
      const inst = new WebAssembly.Instance(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>));
      // The module's own segment index and table index still mean what they did.
      expect((inst.exports.init as () => number)()).toBe(2);
      expect(WebAssembly.Module.exports(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>)).length).toBe(3);
    });
  }

  it('leaves modules without function references untouched', async () => {
    const bytes = await wat('(module (func (result i32) (i32.const 1)))');
    expect(hideFunctionReferences(bytes, readModuleInfo(bytes), true).bytes).toBe(bytes);
  });

  it('types functions a module only puts into an imported table', async () => {
    const { store } = setup();
    const table = new Table(store, new TableType('funcref', 2), Value.funcref(null));
    await instance(store, '(module (import "env" "t" (table 2 funcref)) (elem (i32.const 0) $a $b) (func $a (result i32) (i32.const 1)) (func $b (param i64)))', new Imports().define('env', 't', table));
    const a = table.get(store, 0)!.value as Func;
    expect(a.ty(store)).toEqual(new FuncType([], ['i32']));
    expect((table.get(store, 1)!.value as Func).ty(store)).toEqual(new FuncType(['i64'], []));
    expect(a.typed(store, [], ['i32']).call(store)).toBe(1);
  });

  it('avoids export names the module already uses', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module (table (export "t") 1 funcref) (elem (i32.const 0) $hidden)
      (func $hidden (result i32) (i32.const 2))
      (func (export "\\00wrl.f0") (result i32) (i32.const 3))
      (func (export "\\00wrl.refs") (result i32) (i32.const 4)))`);
    expect(inst.exports(store).map((e) => e.name)).toEqual(['t', '\u0000wrl.f0', '\u0000wrl.refs']);
    const fromTable = inst.getExport(store, 't')!.intoTable()!.get(store, 0)!.value as Func;
    expect(fromTable.typed(store, [], ['i32']).call(store)).toBe(2);
    expect(inst.getExport(store, '\u0000wrl.f0')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(3);
    expect(inst.getExport(store, '\u0000wrl.refs')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(4);
  });

  it('gives one Func for a function exported under two names and separate ones per instance', async () => {
    const { engine, store } = setup();
    const module = new Module(engine, await wat('(module (func $f (export "a") (export "b")))'));
    const one = new Instance(store, module, new Imports());
    const two = new Instance(store, module, new Imports());
    expect(one.getExport(store, 'a')!.intoFunc()).toBe(one.getExport(store, 'b')!.intoFunc());
    expect(one.getExport(store, 'a')!.intoFunc()).not.toBe(two.getExport(store, 'a')!.intoFunc());
  });

  it('learns the type of a funcref seen during the start function', async () => {
    const { store } = setup();
    let seen: Func | undefined;
    let typeDuringStart: unknown;
    const host = new Func(store, new FuncType(['funcref'], []), (_c, args) => {
      seen = args[0]!.value as Func;
      try {
        typeDuringStart = seen.ty(store);
      } catch (e) {
        typeDuringStart = e;
      }
    });
    await instance(store, '(module (import "env" "h" (func $h (param funcref))) (func $f (param f32)) (elem declare func $f) (func $start (call $h (ref.func $f))) (start $start))', new Imports().define('env', 'h', host));
    expect(typeDuringStart).toBeInstanceOf(TypeError);
    expect(seen!.ty(store)).toEqual(new FuncType(['f32'], []));
    const out: PublicValue[] = [];
    seen!.call(store, [Value.f32(1)], out);
  });
});
