import { Global, Imports, Instance, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** Globals imported from the host and exported by wasm, read and written from both sides. */
export const globals: Example = {
  name: 'globals',
  title: 'mutable and immutable globals shared between host and wasm',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (import "env" "step" (global $step i64))
      (global $total (export "total") (mut i64) (i64.const 0))
      (global (export "pi") f64 (f64.const 3.14159))
      (func (export "tick") (global.set $total (i64.add (global.get $total) (global.get $step)))))`));
    const step = new Global(store, Value.i64(5n), false);
    const instance = new Instance(store, module, new Imports().define('env', 'step', step));
    const total = instance.getExport(store, 'total')!.intoGlobal()!;
    const tick = instance.getExport(store, 'tick')!.intoFunc()!;
    tick.call(store, [], []);
    tick.call(store, [], []);
    total.set(store, Value.i64((total.get(store).value as bigint) * 100n));
    tick.call(store, [], []);
    const pi = instance.getExport(store, 'pi')!.intoGlobal()!;
    let immutableError = '';
    try {
      pi.set(store, Value.f64(3));
    } catch (e) {
      immutableError = (e as Error).name;
    }
    expectEqual([total.get(store).value, pi.get(store).value, immutableError], [1005n, 3.14159, 'TypeError'], 'globals');
    return `total = ${total.get(store).value}, pi = ${pi.get(store).value}, setting an immutable global -> TypeError`;
  },
};
