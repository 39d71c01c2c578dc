import { describe, expect, it } from 'vitest';
import { Engine, Func, FuncType, Imports, Instance, Memory, MemoryType, Module, Store, Trap } from '@wrl/core';
import { InterpEngine } from '../engine.js';
import { wat } from '../test-wat.js';

/**
 * Compiled code reads the memory's DataView from the memory's shared `view`
 * on every access: growth by another instance, by the host during a call, or
 * by the function itself must be visible at once.
 */
const GROWER = `(module
  (import "env" "mem" (memory 1))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;

const USER = `(module
  (import "env" "mem" (memory 1))
  (import "env" "h" (func $h))
  ;; stores past the first page after the host had a chance to grow the memory
  (func (export "after_host") (param i32) (result i32)
    (i32.store (i32.const 8) (i32.const 11))
    (call $h)
    (i32.store (local.get 0) (i32.const 77))
    (i32.add (i32.load (local.get 0)) (i32.load (i32.const 8))))
  (func (export "self_grow") (param i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.store8 (local.get 0) (i32.const 5))
    (i32.load8_u (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`;

type Outcome = number | string;

async function run(jsTier: boolean): Promise<Outcome[]> {
  const engine = new Engine(new InterpEngine({ jsTier, jsTierHotness: 1 }));
  const store = new Store(engine, undefined as unknown);
  const mem = new Memory(store, new MemoryType(1, 10));
  let growBy = 0;
  const grower = new Instance(store, new Module(engine, await wat(GROWER)), new Imports().define('env', 'mem', mem));
  const grow = (grower.getExport(store, 'grow')!.value as Func).typed(store, ['i32'], ['i32']);
  const h = Func.wrap(store, new FuncType([], []), () => {
    // the other instance grows the memory while the caller's frame is live
    if (growBy > 0) grow.call(store, growBy);
  });
  const user = new Instance(store, new Module(engine, await wat(USER)), new Imports().define('env', 'mem', mem).define('env', 'h', h));
  const f = (name: string) => (user.getExport(store, name)!.value as Func).typed(store, ['i32'], ['i32']);
  const afterHost = f('after_host');
  const selfGrow = f('self_grow');
  const load = f('load');
  const out: Outcome[] = [];
  const note = (fn: () => number): void => {
    try {
      out.push(fn());
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      out.push(`trap ${e.code}`);
    }
  };
  // compiled (hotness 1) while the memory has one page: past it traps
  note(() => afterHost.call(store, 65536) as number);
  note(() => load.call(store, 65536) as number);
  growBy = 1;
  note(() => afterHost.call(store, 65536) as number);
  growBy = 0;
  note(() => load.call(store, 65536) as number);
  note(() => load.call(store, 2 * 65536) as number);
  note(() => selfGrow.call(store, 2 * 65536 + 3) as number);
  // grown through the API between calls
  mem.grow(store, 2);
  note(() => load.call(store, 4 * 65536 + 4) as number);
  note(() => afterHost.call(store, 4 * 65536 + 4) as number);
  note(() => load.call(store, 5 * 65536) as number);
  return out;
}

describe('JS tier memory views', () => {
  it('sees growth by the host, another instance and itself at once', async () => {
    const seen = await Promise.all([false, true].map(run));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[1]).toEqual(['trap MemoryOutOfBounds', 'trap MemoryOutOfBounds', 88, 77, 'trap MemoryOutOfBounds', 5, 0, 88, 'trap MemoryOutOfBounds']);
  });
});
