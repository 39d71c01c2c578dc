import { Func, FuncType, Imports, Instance, Module, Trap, TrapCode, Value, type Store } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { setup, wat } from './test-helpers.js';
import { trapCodeOf } from './traps.js';

const TRAPS = `(module
  (type $t (func (result i32)))
  (memory 1) (table 3 funcref) (elem (i32.const 1) $noResult $answer)
  (data $d "abc") (elem $e func $answer)
  (func $noResult)
  (func $answer (result i32) (i32.const 42))
  (func (export "unreachable") unreachable)
  (func (export "load") (drop (i32.load (i32.const 65534))))
  (func (export "store") (i64.store (i32.const -1) (i64.const 0)))
  (func (export "div_s") (drop (i32.div_s (i32.const 1) (i32.const 0))))
  (func (export "div_u64") (drop (i64.div_u (i64.const 1) (i64.const 0))))
  (func (export "rem_s") (drop (i32.rem_s (i32.const 1) (i32.const 0))))
  (func (export "overflow") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))
  (func (export "overflow64") (drop (i64.div_s (i64.const 0x8000000000000000) (i64.const -1))))
  (func (export "trunc_nan") (drop (i32.trunc_f32_s (f32.const nan))))
  (func (export "trunc_big") (drop (i64.trunc_f64_u (f64.const 1e30))))
  (func (export "call_oob") (drop (call_indirect (type $t) (i32.const 7))))
  (func (export "call_null") (drop (call_indirect (type $t) (i32.const 0))))
  (func (export "call_sig") (drop (call_indirect (type $t) (i32.const 1))))
  (func (export "call_ok") (result i32) (call_indirect (type $t) (i32.const 2)))
  (func $rec (export "recurse") (call $rec))
  (func (export "table_get") (drop (table.get 0 (i32.const 3))))
  (func (export "table_set") (table.set 0 (i32.const 3) (ref.null func)))
  (func (export "table_fill") (table.fill 0 (i32.const 1) (ref.null func) (i32.const 3)))
  (func (export "table_copy") (table.copy (i32.const 0) (i32.const 2) (i32.const 2)))
  (func (export "table_init") (table.init $e (i32.const 3) (i32.const 0) (i32.const 1)))
  (func (export "memory_init") (memory.init $d (i32.const 65535) (i32.const 0) (i32.const 3)))
  (func (export "memory_fill") (memory.fill (i32.const 65535) (i32.const 0) (i32.const 2)))
  (func (export "memory_copy") (memory.copy (i32.const 0) (i32.const 65535) (i32.const 2)))
)`;

async function instance(store: Store<null>, text: string, imports = new Imports()) {
  return new Instance(store, new Module(store.engine, await wat(text)), imports);
}

function trapOf(f: () => void): Trap {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Trap);
    return e as Trap;
  }
  throw new Error('expected a trap');
}

describe('traps', () => {
  it('maps every trap V8 raises to its TrapCode', async () => {
    const { store } = setup();
    const inst = await instance(store, TRAPS);
    const expected: Record<string, TrapCode> = {
      unreachable: TrapCode.UnreachableCodeReached,
      load: TrapCode.MemoryOutOfBounds,
      store: TrapCode.MemoryOutOfBounds,
      div_s: TrapCode.IntegerDivisionByZero,
      div_u64: TrapCode.IntegerDivisionByZero,
      rem_s: TrapCode.IntegerDivisionByZero,
      overflow: TrapCode.IntegerOverflow,
      overflow64: TrapCode.IntegerOverflow,
      trunc_nan: TrapCode.BadConversionToInteger,
      trunc_big: TrapCode.BadConversionToInteger,
      call_oob: TrapCode.TableOutOfBounds,
      // V8 reports both as "null function or function signature mismatch".
      call_null: TrapCode.IndirectCallToNull,
      call_sig: TrapCode.IndirectCallToNull,
      recurse: TrapCode.StackOverflow,
      table_get: TrapCode.TableOutOfBounds,
      table_set: TrapCode.TableOutOfBounds,
      table_fill: TrapCode.TableOutOfBounds,
      table_copy: TrapCode.TableOutOfBounds,
      table_init: TrapCode.TableOutOfBounds,
      memory_init: TrapCode.MemoryOutOfBounds,
      memory_fill: TrapCode.MemoryOutOfBounds,
      memory_copy: TrapCode.MemoryOutOfBounds,
    };
    for (const [name, code] of Object.entries(expected)) {
      const f = inst.getExport(store, name)!.intoFunc()!;
      const trap = trapOf(() => f.call(store, [], []));
      expect(trap.code, name).toBe(code);
      expect(trap.cause, name).toBeInstanceOf(Error);
      // The typed fast path maps traps too.
      expect(trapOf(() => f.typed(store, [], []).call(store)).code, name).toBe(code);
    }
    // The store still works after every trap, including stack overflow.
    const out = [Value.i32(0)];
    inst.getExport(store, 'call_ok')!.intoFunc()!.call(store, [], out);
    expect(out[0]).toEqual(Value.i32(42));
  });

  it('maps traps in the start function and segment initialisation', async () => {
    const { store } = setup();
    await expect(instance(store, '(module (func unreachable) (start 0))')).rejects.toMatchObject({ code: TrapCode.UnreachableCodeReached });
    await expect(instance(store, '(module (memory 1) (data (i32.const 65535) "ab"))')).rejects.toMatchObject({ code: TrapCode.MemoryOutOfBounds });
    await expect(instance(store, '(module (table 1 funcref) (func) (elem (i32.const 1) 0))')).rejects.toMatchObject({ code: TrapCode.TableOutOfBounds });
  });

  it('passes host exceptions through unchanged, even RuntimeErrors and stack overflows', async () => {
    const { store } = setup();
    const thrown = [new Error('host says no'), new WebAssembly.RuntimeError('unreachable'), new RangeError('Maximum call stack size exceeded'), new Trap(TrapCode.OutOfFuel)];
    for (const err of thrown) {
      const host = new Func(store, new FuncType([], []), () => {
        throw err;
      });
      const inst = await instance(store, '(module (import "env" "h" (func $h)) (func (export "f") (call $h)))', new Imports().define('env', 'h', host));
      const f = inst.getExport(store, 'f')!.intoFunc()!;
      expect(() => f.call(store, [], [])).toThrow(err);
      let caught: unknown;
      try {
        f.typed(store, [], []).call(store);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBe(err);
    }
    const typed = Func.wrap(store, new FuncType([], []), () => {
      throw new WebAssembly.RuntimeError('divide by zero');
    });
    const inst = await instance(store, '(module (import "env" "h" (func $h)) (func (export "f") (call $h)))', new Imports().define('env', 'h', typed));
    expect(() => inst.getExport(store, 'f')!.intoFunc()!.call(store, [], [])).toThrow(WebAssembly.RuntimeError);
    // And the store is still usable.
    const ok = await instance(store, '(module (func (export "one") (result i32) (i32.const 1)))');
    expect(ok.getExport(store, 'one')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(1);
  });

  it('knows the messages of other engines', () => {
    const rt = (m: string) => new WebAssembly.RuntimeError(m);
    expect(trapCodeOf(rt('integer divide by zero'))).toBe(TrapCode.IntegerDivisionByZero); // SpiderMonkey
    expect(trapCodeOf(rt('indirect call to null'))).toBe(TrapCode.IndirectCallToNull);
    expect(trapCodeOf(rt('indirect call signature mismatch'))).toBe(TrapCode.BadSignature);
    expect(trapCodeOf(rt('call_indirect to a signature that does not match'))).toBe(TrapCode.BadSignature);
    expect(trapCodeOf(rt('index out of bounds'))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCodeOf(rt('Out of bounds call_indirect'))).toBe(TrapCode.TableOutOfBounds); // JavaScriptCore
    expect(trapCodeOf(rt('invalid index into function table'))).toBe(TrapCode.TableOutOfBounds); // older V8
    expect(trapCodeOf(rt('Out of bounds Trunc operation'))).toBe(TrapCode.BadConversionToInteger);
    expect(trapCodeOf(rt('call_indirect to a null table entry'))).toBe(TrapCode.IndirectCallToNull);
    expect(trapCodeOf(Object.assign(new Error('too much recursion'), { name: 'InternalError' }))).toBe(TrapCode.StackOverflow);
    expect(trapCodeOf(new TypeError('unreachable'))).toBeUndefined();
  });
});
