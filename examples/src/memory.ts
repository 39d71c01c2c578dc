import { Imports, Instance, Memory, MemoryType, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

/** The host writes a string into linear memory, wasm transforms it, the host reads it back. */
export const memory: Example = {
  name: 'memory',
  title: 'host reads and writes linear memory; wasm upper-cases it',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (memory (export "memory") 1 4)
      (func (export "upper") (param $ptr i32) (param $len i32) (local $c i32)
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $c (i32.load8_u (local.get $ptr)))
          (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
            (then (i32.store8 (local.get $ptr) (i32.sub (local.get $c) (i32.const 32)))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
          (local.set $len (i32.sub (local.get $len) (i32.const 1)))
          (br $next))))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`));
    const instance = new Instance(store, module, new Imports());
    const mem = instance.getExport(store, 'memory')!.intoMemory() as Memory;
    const text = new TextEncoder().encode('hello from the host');
    mem.write(store, 1024, text);
    instance.getExport(store, 'upper')!.intoFunc()!.call(store, [Value.i32(1024), Value.i32(text.length)], []);
    const out = new Uint8Array(text.length);
    mem.read(store, 1024, out);
    const upper = new TextDecoder().decode(out);
    expectEqual(upper, 'HELLO FROM THE HOST', 'upper-cased text');

    const previous = mem.grow(store, 1);
    const grown = [Value.i32(0)];
    instance.getExport(store, 'grow')!.intoFunc()!.call(store, [Value.i32(10)], grown);
    expectEqual([previous, mem.currentPages(store), grown[0]!.value], [1, 2, -1], 'grow from host, then past the maximum inside wasm');
    let hostGrowError = '';
    try {
      mem.grow(store, 10);
    } catch (e) {
      hostGrowError = (e as Error).name;
    }
    expectEqual(hostGrowError, 'RangeError', 'host grow past maximum');
    // A host-created memory has the same API, on engines that can create one (wasm3 cannot).
    if (engine.hasCapability('host-memories')) {
      const own = new Memory(store, new MemoryType(1, 1));
      own.write(store, 65535, new Uint8Array([7]));
      const byte = new Uint8Array(1);
      own.read(store, 65535, byte);
      expectEqual(byte[0], 7, 'host-created memory');
    }
    return `"${upper}"; pages ${mem.currentPages(store)}/${mem.ty(store).maximum}; wasm memory.grow past max -> -1; host grow -> RangeError`;
  },
};
