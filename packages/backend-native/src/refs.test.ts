import { ExternRef, Func, FuncType, Global, Imports, Instance, Module, Table, TableType, Value, type PublicValue, type Store } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { setup, wat } from './test-helpers.js';

async function instance(store: Store<null>, text: string, imports = new Imports()) {
  return new Instance(store, new Module(store.engine, await wat(text)), imports);
}

describe('references', () => {
  it('round-trips externrefs with identity, including null and undefined host values', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (table $t (export "t") 2 externref)
      (global $g (export "g") (mut externref) (ref.null extern))
      (func (export "id") (param externref) (result externref) (local.get 0))
      (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
      (func (export "stash") (param externref) (table.set $t (i32.const 1) (local.get 0)) (global.set $g (local.get 0))))`);
    const id = inst.getExport(store, 'id')!.intoFunc()!;
    const isNull = inst.getExport(store, 'is_null')!.intoFunc()!;
    const obj = { name: 'host object' };
    for (const hostValue of [obj, null, undefined, 42, 'text']) {
      const ref = new ExternRef(store, hostValue);
      const out: PublicValue[] = [Value.externref(null)];
      id.call(store, [Value.externref(ref)], out);
      expect(out[0]!.value).toBe(ref);
      expect((out[0]!.value as ExternRef).downcast(store)).toBe(hostValue);
      const n: PublicValue[] = [Value.i32(0)];
      isNull.call(store, [Value.externref(ref)], n);
      expect(n[0]).toEqual(Value.i32(0));
    }
    const n: PublicValue[] = [Value.i32(0)];
    isNull.call(store, [Value.externref(null)], n);
    expect(n[0]).toEqual(Value.i32(1));

    const ref = new ExternRef(store, obj);
    inst.getExport(store, 'stash')!.intoFunc()!.call(store, [Value.externref(ref)], []);
    const table = inst.getExport(store, 't')!.intoTable()!;
    expect(table.get(store, 1)!.value).toBe(ref);
    expect(table.get(store, 0)).toEqual(Value.externref(null));
    expect(inst.getExport(store, 'g')!.intoGlobal()!.get(store).value).toBe(ref);
    const other = new ExternRef(store, 'other');
    table.set(store, 0, Value.externref(other));
    expect(table.get(store, 0)!.value).toBe(other);
    expect((table.get(store, 0)!.value as ExternRef).downcast(store, Map)).toBeUndefined();
  });

  it('gives funcrefs from tables, globals and results their types', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (table $t (export "t") 3 funcref)
      (elem (i32.const 0) $add $pair)
      (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func $pair (param f32) (result f32 i64) (local.get 0) (i64.const 7))
      (func $hidden (result f64) (f64.const 0.5))
      (elem declare func $hidden)
      (global (export "g") funcref (ref.func $hidden))
      (func (export "get_hidden") (result funcref) (ref.func $hidden))
      (func (export "call_slot") (param i32 i32 i32) (result i32) (call_indirect (param i32 i32) (result i32) (local.get 1) (local.get 2) (local.get 0))))`);
    const table = inst.getExport(store, 't')!.intoTable()!;
    const add = table.get(store, 0)!.value as Func;
    expect(add).toBeInstanceOf(Func);
    expect(add.ty(store)).toEqual(new FuncType(['i32', 'i32'], ['i32']));
    expect(add.typed(store, ['i32', 'i32'], ['i32']).call(store, 2, 3)).toBe(5);
    expect(table.get(store, 0)!.value).toBe(add); // same wrapper each time
    const pair = table.get(store, 1)!.value as Func;
    expect(pair.ty(store)).toEqual(new FuncType(['f32'], ['f32', 'i64']));
    expect(table.get(store, 2)).toEqual(Value.funcref(null));

    const fromGlobal = inst.getExport(store, 'g')!.intoGlobal()!.get(store).value as Func;
    expect(fromGlobal.ty(store)).toEqual(new FuncType([], ['f64']));
    const out: PublicValue[] = [Value.funcref(null)];
    inst.getExport(store, 'get_hidden')!.intoFunc()!.call(store, [], out);
    expect(out[0]!.value).toBe(fromGlobal);

    // Putting a wasm function into a table slot from the host.
    table.set(store, 2, Value.funcref(add));
    expect(inst.getExport(store, 'call_slot')!.intoFunc()!.typed(store, ['i32', 'i32', 'i32'], ['i32']).call(store, 2, 40, 2)).toBe(42);
  });

  it('puts host functions into tables and calls them indirectly', async () => {
    const { store } = setup();
    const inst = await instance(store, `(module
      (table (export "t") 2 funcref)
      (func (export "call") (param i32 i32) (result i32) (call_indirect (param i32) (result i32) (local.get 1) (local.get 0))))`);
    const table = inst.getExport(store, 't')!.intoTable()!;
    const ty = new FuncType(['i32'], ['i32']);
    const boxed = new Func(store, ty, (_c, args, results) => {
      results[0] = Value.i32((args[0]!.value as number) * 2);
    });
    const typed = Func.wrap(store, ty, (_c, x: number) => x + 100);
    table.set(store, 0, Value.funcref(boxed));
    table.set(store, 1, Value.funcref(typed));
    const call = inst.getExport(store, 'call')!.intoFunc()!.typed(store, ['i32', 'i32'], ['i32']);
    expect(call.call(store, 0, 21)).toBe(42);
    expect(call.call(store, 1, 1)).toBe(101);
    expect(table.get(store, 0)!.value).toBe(boxed);
    expect(table.get(store, 1)!.value).toBe(typed);
  });

  it('maps imported host functions that reach tables back to the same Func', async () => {
    const { store } = setup();
    const ty = new FuncType([], ['i32']);
    const typed = Func.wrap(store, ty, () => 7);
    const boxed = new Func(store, ty, (_c, _a, r) => {
      r[0] = Value.i32(8);
    });
    const inst = await instance(
      store,
      `(module (import "env" "a" (func $a (result i32))) (import "env" "b" (func $b (result i32)))
        (table (export "t") 2 funcref) (elem (i32.const 0) $a $b) (export "a" (func $a)))`,
      new Imports().define('env', 'a', typed).define('env', 'b', boxed),
    );
    const table = inst.getExport(store, 't')!.intoTable()!;
    expect(table.get(store, 0)!.value).toBe(typed);
    expect(table.get(store, 1)!.value).toBe(boxed);
    expect(inst.getExport(store, 'a')!.intoFunc()).toBe(typed);
    expect((table.get(store, 0)!.value as Func).typed(store, [], ['i32']).call(store)).toBe(7);
  });

  it('passes funcrefs to and from host functions', async () => {
    const { store } = setup();
    let received: unknown;
    const takesFunc = new Func(store, new FuncType(['funcref'], ['funcref']), (_c, args, results) => {
      received = args[0]!.value;
      results[0] = args[0]!;
    });
    const inst = await instance(
      store,
      `(module (import "env" "h" (func $h (param funcref) (result funcref)))
        (func $seven (result i32) (i32.const 7)) (elem declare func $seven)
        (func (export "f") (result i32) (call_indirect (result i32) (i32.const 0))) (table 1 funcref)
        (func (export "go") (result funcref) (call $h (ref.func $seven))))`,
      new Imports().define('env', 'h', takesFunc),
    );
    const out: PublicValue[] = [Value.funcref(null)];
    inst.getExport(store, 'go')!.intoFunc()!.call(store, [], out);
    expect(received).toBeInstanceOf(Func);
    expect(out[0]!.value).toBe(received);
    expect((received as Func).ty(store)).toEqual(new FuncType([], ['i32']));
  });

  it('creates tables from the host, grows them and rejects growth past the maximum', async () => {
    const { store } = setup();
    const f = Func.wrap(store, new FuncType([], []), () => {});
    const table = new Table(store, new TableType('funcref', 1, 3), Value.funcref(f));
    expect(table.size(store)).toBe(1);
    expect(table.get(store, 0)!.value).toBe(f);
    expect(table.grow(store, 2, Value.funcref(null))).toBe(1);
    expect(table.size(store)).toBe(3);
    expect(table.get(store, 2)).toEqual(Value.funcref(null));
    expect(() => table.grow(store, 1, Value.funcref(null))).toThrow(RangeError);
    const ext = new Table(store, new TableType('externref', 0), Value.externref(null));
    const r = new ExternRef(store, 'x');
    expect(ext.grow(store, 2, Value.externref(r))).toBe(0);
    expect(ext.get(store, 1)!.value).toBe(r);

    const inst = await instance(
      store,
      '(module (import "env" "t" (table 1 3 funcref)) (func (export "size") (result i32) (table.size 0)) (func (export "grow") (result i32) (table.grow 0 (ref.null func) (i32.const 5))))',
      new Imports().define('env', 't', table),
    );
    expect(inst.getExport(store, 'size')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(3);
    expect(inst.getExport(store, 'grow')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(-1);
  });

  it('holds funcref globals created by the host', async () => {
    const { store } = setup();
    const f = Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x * 3);
    const g = new Global(store, Value.funcref(f), true);
    expect(g.get(store).value).toBe(f);
    const inst = await instance(
      store,
      '(module (import "env" "g" (global $g (mut funcref))) (table 1 funcref) (func (export "call") (param i32) (result i32) (table.set 0 (i32.const 0) (global.get $g)) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))))',
      new Imports().define('env', 'g', g),
    );
    expect(inst.getExport(store, 'call')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 5)).toBe(15);
    g.set(store, Value.funcref(null));
    expect(g.get(store)).toEqual(Value.funcref(null));
  });
});
