import { Func, FuncType, Imports, Instance, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** Functions returning several values, in both directions. */
export const multiValue: Example = {
  name: 'multi-value',
  title: 'several results from wasm and from the host',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (import "host" "divmod" (func $divmod (param i64 i64) (result i64 i64)))
      (func (export "swap") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
      (func (export "digits") (param $n i64) (result i64 i64 i64)
        (local $q i64)
        (call $divmod (local.get $n) (i64.const 100))  ;; hundreds, rest
        (local.set $q)
        (call $divmod (local.get $q) (i64.const 10))))  ;; hundreds, tens, ones
    `));
    const divmod = new Func(store, new FuncType(['i64', 'i64'], ['i64', 'i64']), (_c, [a, b], results) => {
      const x = a!.value as bigint;
      const y = b!.value as bigint;
      results[0] = Value.i64(x / y);
      results[1] = Value.i64(x % y);
    });
    const instance = new Instance(store, module, new Imports().define('host', 'divmod', divmod));
    const swapped = [Value.f64(0), Value.i32(0)];
    instance.getExport(store, 'swap')!.intoFunc()!.call(store, [Value.i32(1), Value.f64(2.5)], swapped);
    const digits = instance.getExport(store, 'digits')!.intoFunc()!.typed(store, ['i64'], ['i64', 'i64', 'i64']);
    const d = digits.call(store, 987n);
    expectEqual([swapped.map((v) => v.value), d], [[2.5, 1], [9n, 8n, 7n]], 'multi-value results');
    return `swap(1, 2.5) = (${swapped.map((v) => v.value).join(', ')}); digits(987) = (${d.join(', ')})`;
  },
};
