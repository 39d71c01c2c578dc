import { Func, FuncType, Imports, Instance, Module, Store, Trap, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** Traps arrive as `Trap` with a code; host exceptions pass through; the store stays usable. */
export const traps: Example = {
  name: 'traps',
  title: 'traps with codes, host exceptions, and a store that survives them',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (import "host" "fail" (func $fail))
      (memory 1)
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "boom") unreachable)
      (func $deep (export "deep") (param i32) (result i32) (i32.add (call $deep (local.get 0)) (i32.const 1)))
      (func (export "call_host") (call $fail)))`));
    class HostFailure extends Error {}
    const fail = new Func(store, new FuncType([], []), () => {
      throw new HostFailure('the host said no');
    });
    const instance = new Instance(store, module, new Imports().define('host', 'fail', fail));
    const call = (name: string, ...args: number[]): string => {
      try {
        instance.getExport(store, name)!.intoFunc()!.call(store, args.map((a) => Value.i32(a)), name === 'div' || name === 'load' || name === 'deep' ? [Value.i32(0)] : []);
        return 'ok';
      } catch (e) {
        if (e instanceof Trap) return e.code;
        if (e instanceof HostFailure) return 'HostFailure';
        throw e;
      }
    };
    const outcomes = {
      div: call('div', 1, 0),
      overflow: call('div', -0x80000000, -1),
      load: call('load', 65536),
      boom: call('boom'),
      deep: call('deep', 0),
      host: call('call_host'),
    };
    const after = [Value.i32(0)];
    instance.getExport(store, 'div')!.intoFunc()!.call(store, [Value.i32(84), Value.i32(2)], after);
    expectEqual(outcomes, {
      div: 'IntegerDivisionByZero',
      overflow: 'IntegerOverflow',
      load: 'MemoryOutOfBounds',
      boom: 'UnreachableCodeReached',
      deep: 'StackOverflow',
      host: 'HostFailure',
    }, 'trap codes');
    expectEqual(after[0]!.value, 42, 'a call after the traps');
    return `${Object.values(outcomes).join(', ')}; then div(84, 2) = ${after[0]!.value}`;
  },
};
