import { Imports, Instance, Module, Trap, TrapCode } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { instantiateWat, wat } from './test-wat.js';

describe('returns', () => {
  it('store a call result to a local right away (direct, indirect, i64, f64 bits, recursive)', async () => {
    const s = await instantiateWat(`(module
      (type $bin (func (param i64 i64) (result i64)))
      (table 2 funcref) (elem (i32.const 0) $sub $pick)
      (func $sub (type $bin) (i64.sub (local.get 0) (local.get 1)))
      (func $pick (type $bin) (local.get 1))
      (func $nan (param $bits i64) (result f64) (f64.reinterpret_i64 (local.get $bits)))
      (func (export "calls") (param $a i64) (param $b i64) (result i64) (local $x i64) (local $y i64) (local $z f64)
        (local.set $x (call $sub (local.get $a) (local.get $b)))
        (local.set $y (call_indirect (type $bin) (local.get $x) (local.get $a) (i32.const 1)))
        (local.set $z (call $nan (local.get $b)))
        (i64.xor (i64.add (local.get $x) (local.get $y)) (i64.reinterpret_f64 (local.get $z))))
      (func $depth (export "depth") (param $n i32) (result i32) (local $r i32)
        (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
        (local.set $r (call $depth (i32.sub (local.get $n) (i32.const 1))))
        (i32.add (local.get $r) (i32.const 2))))`);
    const calls = s.func('calls').typed(s.store, ['i64', 'i64'], ['i64']);
    const snan = 0x7ff0000000000001n;
    for (const [a, b] of [[5n, 3n], [-1n, snan], [1n << 40n, -7n]]) {
      const x = BigInt.asIntN(64, a! - b!);
      expect(calls.call(s.store, a!, b!)).toBe(BigInt.asIntN(64, (x + a!) ^ b!));
    }
    expect(s.func('depth').typed(s.store, ['i32'], ['i32']).call(s.store, 300)).toBe(600);
  });

  it('see memory grown by a callee in the same instance, and by one in another instance sharing it', async () => {
    const { engine, store } = await instantiateWat('(module)');
    const lib = new Instance(store, new Module(engine, await wat(`(module (memory (export "mem") 1)
      (func (export "grow") (result i32) (memory.grow (i32.const 1))))`)), new Imports());
    const main = new Instance(store, new Module(engine, await wat(`(module
      (import "lib" "mem" (memory 1))
      (import "lib" "grow" (func $other_grow (result i32)))
      (func $grow (result i32) (memory.grow (i32.const 1)))
      (func $touch (param $p i32) (result i32) (i32.store (local.get $p) (i32.const 42)) (i32.load (local.get $p)))
      ;; grows through a callee of this instance, then of the other one, touching the new page after each return
      (func (export "run") (result i32) (local $a i32) (local $b i32)
        (local.set $a (call $grow))
        (i32.store (i32.const 0x1fff0) (i32.const 7))
        (local.set $b (call $other_grow))
        (i32.store (i32.const 0x2fff0) (i32.const 9))
        (i32.add (i32.add (local.get $a) (local.get $b))
          (i32.add (i32.load (i32.const 0x1fff0)) (i32.load (i32.const 0x2fff0)))))
      (func (export "past") (result i32) (call $touch (i32.const 0x3fffe))))`)), new Imports()
      .define('lib', 'mem', lib.getExport(store, 'mem')!)
      .define('lib', 'grow', lib.getExport(store, 'grow')!));
    const run = main.getExport(store, 'run')!.value as import('@wrl/core').Func;
    expect(run.typed(store, [], ['i32']).call(store)).toBe(1 + 2 + 7 + 9);
    const past = main.getExport(store, 'past')!.value as import('@wrl/core').Func;
    let err: unknown;
    try {
      past.typed(store, [], ['i32']).call(store);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
  });

  it('switch back to the caller instance\'s own memory after a call into another instance', async () => {
    const { engine, store } = await instantiateWat('(module)');
    const lib = new Instance(store, new Module(engine, await wat(`(module (memory 2)
      (func (export "poke") (param $p i32) (result i32) (i32.store (local.get $p) (i32.const 1000)) (i32.load (local.get $p))))`)), new Imports());
    const main = new Instance(store, new Module(engine, await wat(`(module
      (import "lib" "poke" (func $poke (param i32) (result i32)))
      (memory 1)
      (func (export "run") (result i32) (local $r i32)
        (i32.store (i32.const 64) (i32.const 5))
        (local.set $r (call $poke (i32.const 64)))
        (i32.add (local.get $r) (i32.load (i32.const 64))))
      (func (export "far") (result i32) (drop (call $poke (i32.const 0x1fff0))) (i32.load (i32.const 0x1fff0))))`)),
      new Imports().define('lib', 'poke', lib.getExport(store, 'poke')!));
    const run = main.getExport(store, 'run')!.value as import('@wrl/core').Func;
    expect(run.typed(store, [], ['i32']).call(store)).toBe(1005);
    const far = main.getExport(store, 'far')!.value as import('@wrl/core').Func;
    expect(() => far.typed(store, [], ['i32']).call(store)).toThrow(Trap);
  });
});
