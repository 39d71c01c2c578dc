import { Imports, Instance, Module, Store, Trap, TrapCode, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/**
 * Bounded execution: a runaway loop is stopped by fuel (a count of executed
 * instructions) instead of hanging the host, and the store keeps working once
 * refuelled. Engines without the `fuel` capability report it as unsupported.
 */
export const fuel: Example = {
  name: 'fuel',
  title: 'fuel stops a runaway loop; refuelled, the store runs on, and the cost is deterministic',
  wants: { fuel: true },
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (func (export "spin") (loop $forever (br $forever)))
      (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
        (local.get $acc)))`));
    const instance = new Instance(store, module, new Imports());
    const spin = instance.getExport(store, 'spin')!.intoFunc()!.typed(store, [], []);
    const sum = instance.getExport(store, 'sum')!.intoFunc()!.typed(store, ['i32'], ['i32']);

    store.setFuel(100_000);
    let stopped: string | undefined;
    try {
      spin.call(store);
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      stopped = e.code;
    }
    expectEqual(stopped, TrapCode.OutOfFuel, 'the runaway loop');
    expectEqual(store.getFuel() < 100n, true, 'fuel left after the runaway loop');

    // refuelled, the same store runs on; the same call costs the same fuel every time
    const used: bigint[] = [];
    let total = 0;
    for (let i = 0; i < 2; i++) {
      store.setFuel(1_000_000);
      total = sum.call(store, 1000) as number;
      used.push(1_000_000n - store.getFuel());
    }
    expectEqual(total, 500500, 'sum(1000)');
    expectEqual(used[0] === used[1] && used[0]! > 1000n, true, 'the same fuel for the same call');
    return `spin() stopped with ${stopped}; refuelled, sum(1000) = ${total} using ${used[0]} fuel, twice`;
  },
};
