import { Func, FuncType, Imports, Instance, Module, Store, Table, TableType, Trap, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** A funcref table filled from the host with wasm and host functions, called through call_indirect. */
export const tables: Example = {
  name: 'tables',
  title: 'call_indirect through a funcref table set from the host',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (import "env" "ops" (table $ops 4 funcref))
      (type $binop (func (param i32 i32) (result i32)))
      (func (export "add") (type $binop) (i32.add (local.get 0) (local.get 1)))
      (func (export "sub") (type $binop) (i32.sub (local.get 0) (local.get 1)))
      (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
        (call_indirect $ops (type $binop) (local.get $a) (local.get $b) (local.get $op))))`));
    const binop = new FuncType(['i32', 'i32'], ['i32']);
    const ops = new Table(store, new TableType('funcref', 4), Value.funcref(null));
    const instance = new Instance(store, module, new Imports().define('env', 'ops', ops));
    const mul = Func.wrap(store, binop, (_caller, a: number, b: number) => Math.imul(a, b));
    ops.set(store, 0, Value.funcref(instance.getExport(store, 'add')!.intoFunc()!));
    ops.set(store, 1, Value.funcref(instance.getExport(store, 'sub')!.intoFunc()!));
    ops.set(store, 2, Value.funcref(mul));
    const apply = instance.getExport(store, 'apply')!.intoFunc()!.typed(store, ['i32', 'i32', 'i32'], ['i32']);
    const results = [0, 1, 2].map((op) => apply.call(store, op, 7, 3));
    let trap = '';
    try {
      apply.call(store, 3, 1, 1);
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      trap = e.code;
    }
    expectEqual(results, [10, 4, 21], 'table dispatch');
    // The host JIT (V8) reports a null entry and a wrong signature with one message, so the native backend
    // cannot tell them apart and says IndirectCallToNull for both; host code should accept either code.
    if (trap !== 'IndirectCallToNull' && trap !== 'BadSignature') throw new Error(`empty table slot: expected a trap, got ${trap}`);
    const fromTable = ops.get(store, 2)!.value as Func;
    expectEqual(fromTable.ty(store).params, ['i32', 'i32'], 'type of a function read from a table');
    return `add/sub/mul(7, 3) = ${results.join(', ')}; empty slot -> Trap ${trap}; table size ${ops.size(store)}`;
  },
};
