import { Func, FuncType, Imports, Instance, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

interface Counter {
  calls: number;
  log: number[];
}

/** Host functions see the store's data through `caller.data`. */
export const hostFunctions: Example = {
  name: 'host-functions',
  title: 'host functions reading and writing store data',
  async run(engine: Engine) {
    const store = new Store<Counter>(engine, { calls: 0, log: [] });
    const module = new Module(engine, await wat(`(module
      (import "host" "record" (func $record (param i32)))
      (import "host" "scale" (func $scale (param i32) (result i32)))
      (func (export "run") (param $n i32) (local $i i32)
        (loop $next
          (call $record (call $scale (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $next (i32.lt_u (local.get $i) (local.get $n))))))`));
    // The dynamic form: Values in, Values out.
    const record = new Func(store, new FuncType(['i32'], []), (caller, args) => {
      const data = caller.data as Counter;
      data.calls++;
      data.log.push(args[0]!.value as number);
    });
    // The typed form: plain numbers, no boxing.
    const scale = Func.wrap<Counter>(store, new FuncType(['i32'], ['i32']), (caller, x: number) => {
      caller.data.calls++;
      return x * 10;
    });
    const imports = new Imports().defineNamespace('host', { record, scale });
    const instance = new Instance(store, module, imports);
    instance.getExport(store, 'run')!.intoFunc()!.call(store, [Value.i32(4)], []);
    expectEqual(store.data, { calls: 8, log: [0, 10, 20, 30] }, 'store data');
    return `host saw ${store.data.calls} calls, recorded [${store.data.log.join(', ')}]`;
  },
};
