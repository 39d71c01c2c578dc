import { Imports, Instance, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** The acceptance example: compile, instantiate, call an export. */
export const quickstart: Example = {
  name: 'quickstart',
  title: 'add_one(42) through the dynamic call API',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const bytes = await wat(`(module
      (type $t0 (func (param i32) (result i32)))
      (func $add_one (export "add_one") (type $t0) (param $p0 i32) (result i32)
        local.get $p0
        i32.const 1
        i32.add))`);
    const module = new Module(engine, bytes);
    const instance = new Instance(store, module, new Imports());
    const addOne = instance.getExport(store, 'add_one')!.intoFunc()!;
    const result = [Value.i32(0)];
    addOne.call(store, [Value.i32(42)], result);
    expectEqual(result[0]!.value, 43, 'add_one(42)');
    return `add_one(42) = ${result[0]!.value}`;
  },
};
