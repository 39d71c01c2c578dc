import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Trap, TrapCode, Value } from '@wrl/core';
import { instantiate } from './test-helpers.js';

const TRAPS = `(module
  (memory 1)
  (table 2 funcref)
  (type $v (func))
  (func $nop)
  (elem (i32.const 0) $nop)
  (func (export "unreachable") unreachable)
  (func (export "oob") (result i32) i32.const 65536 i32.load)
  (func (export "div0") (result i32) i32.const 1 i32.const 0 i32.div_s)
  (func (export "overflow") (result i32) i32.const 0x80000000 i32.const -1 i32.div_s)
  (func (export "nan2int") (result i32) f32.const nan i32.trunc_f32_s)
  (func (export "null") i32.const 1 call_indirect (type $v))
  (func (export "undefined") i32.const 7 call_indirect (type $v))
  (func (export "sig") (result i32) i32.const 0 call_indirect (result i32))
  (func $rec (export "recurse") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec)
  (func (export "ok") (result i32) i32.const 7))`;

describe('wasm3 traps', () => {
  it.each([
    ['unreachable', TrapCode.UnreachableCodeReached],
    ['oob', TrapCode.MemoryOutOfBounds],
    ['div0', TrapCode.IntegerDivisionByZero],
    ['overflow', TrapCode.IntegerOverflow],
    ['nan2int', TrapCode.BadConversionToInteger],
    ['null', TrapCode.IndirectCallToNull],
    ['undefined', TrapCode.TableOutOfBounds],
    ['sig', TrapCode.BadSignature],
  ])('%s traps with %s and the instance stays usable', async (name, code) => {
    const { store, instance } = await instantiate(TRAPS);
    const f = instance.getExport(store, name)!.intoFunc()!;
    const results = f.ty(store).results.map((t) => Value.default(t));
    let caught: unknown;
    try {
      f.call(store, [], results);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Trap);
    expect((caught as Trap).code).toBe(code);
    const ok = instance.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']);
    expect(ok.call(store)).toBe(7);
  });

  it('ends unbounded recursion in Trap(StackOverflow), then runs on', async () => {
    const { store, instance } = await instantiate(TRAPS);
    const recurse = instance.getExport(store, 'recurse')!.intoFunc()!.typed(store, ['i32'], ['i32']);
    for (let i = 0; i < 3; i++) {
      let caught: unknown;
      try {
        recurse.call(store, 0);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Trap);
      expect((caught as Trap).code).toBe(TrapCode.StackOverflow);
    }
    expect(instance.getExport(store, 'ok')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(7);
  });

  it('ends recursion through a host function in a trap or the host stack error, never a crash', async () => {
    let depth = 0;
    let down: (n: number) => number = () => 0;
    const { store, instance } = await instantiate(
      `(module (import "env" "down" (func $down (param i32) (result i32)))
        (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $down))`,
      (s) =>
        new Imports().define('env', 'down', Func.wrap(s, new FuncType(['i32'], ['i32']), (_c, n: number) => {
          depth = Math.max(depth, n + 1e9);
          return n >= 0 ? n : down(n);
        })),
    );
    const f = instance.getExport(store, 'f')!.intoFunc()!.typed(store, ['i32'], ['i32']);
    down = (n) => f.call(store, n);
    let caught: unknown;
    try {
      f.call(store, -1e9);
    } catch (e) {
      caught = e;
    }
    // V8's own limit (RangeError) or wasm3's native stack budget (Trap) ends it.
    expect(caught instanceof RangeError || (caught instanceof Trap && caught.code === TrapCode.StackOverflow)).toBe(true);
    expect(depth).toBeGreaterThan(100);
    expect(f.call(store, -5)).toBe(0);
  });

  it('traps in a start function fail instantiation with the Trap', async () => {
    await expect(instantiate('(module (func $s unreachable) (start $s))')).rejects.toMatchObject({ code: TrapCode.UnreachableCodeReached });
  });

  it('out-of-bounds data segments trap at instantiation', async () => {
    await expect(instantiate('(module (memory 1) (data (i32.const 65535) "ab"))')).rejects.toMatchObject({ code: TrapCode.MemoryOutOfBounds });
  });
});
