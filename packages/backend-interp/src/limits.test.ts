import { describe, expect, it } from 'vitest';
import { Engine, Imports, Instance, LinkError, Module, Store, Trap } from '@wrl/core';
import { InterpEngine } from './engine.js';
import { Op } from './ir/ops.js';
import { irLength } from './ir/length.js';
import { instantiateWat, wat } from './test-wat.js';

const trapCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return undefined;
};

describe('fuel', () => {
  const LOOP = `(module
    (func (export "spin") (loop $l (br $l)))
    (func (export "count") (param i32) (result i32) (local i32)
      (block $d (loop $l
        (br_if $d (i32.eqz (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $l)))
      (local.get 1)))`;

  it('stops an infinite loop with OutOfFuel and keeps the store usable', async () => {
    const s = await instantiateWat(LOOP, undefined, { fuel: true });
    s.store.setFuel(10_000);
    expect(trapCode(() => s.func('spin').typed(s.store, [], []).call(s.store))).toBe('OutOfFuel');
    expect(s.store.getFuel()).toBeLessThan(10_000n);
    s.store.setFuel(1_000_000);
    expect(s.func('count').typed(s.store, ['i32'], ['i32']).call(s.store, 1000)).toBe(1000);
  });

  it('consumes fuel in proportion to executed instructions', async () => {
    const s = await instantiateWat(LOOP, undefined, { fuel: true });
    const count = s.func('count').typed(s.store, ['i32'], ['i32']);
    s.store.setFuel(1_000_000);
    count.call(s.store, 10);
    const used10 = 1_000_000n - s.store.getFuel();
    s.store.setFuel(1_000_000);
    count.call(s.store, 100);
    const used100 = 1_000_000n - s.store.getFuel();
    expect(used10).toBeGreaterThan(10n * 5n);
    expect(used100).toBeGreaterThan(used10 * 8n);
  });

  it('costs nothing when off: no fuel instruction is emitted', async () => {
    const count = async (fuel: boolean) => {
      const s = await instantiateWat(LOOP, undefined, { fuel });
      if (fuel) s.store.setFuel(1000);
      s.func('count').typed(s.store, ['i32'], ['i32']).call(s.store, 3);
      const def = (s.instance.module.backend as unknown as { defs: { code: Int32Array }[] }).defs[1]!;
      let fuelOps = 0;
      for (let pc = 0; pc < def.code.length; pc += irLength(def.code, pc)) if (def.code[pc] === Op.Fuel) fuelOps++;
      return fuelOps;
    };
    expect(await count(true)).toBeGreaterThan(0);
    expect(await count(false)).toBe(0);
  });

  it('is not available when the engine was made without fuel', async () => {
    const s = await instantiateWat(LOOP);
    expect(s.engine.hasCapability('fuel')).toBe(false);
    expect(() => s.store.setFuel(10)).toThrow(/fuel/);
  });
});

describe('call depth', () => {
  const REC = `(module
    (func $r (export "r") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))))
    (func $t (export "t") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
        (else (return_call $t (i32.sub (local.get 0) (i32.const 1)))))))`;

  it('traps with StackOverflow at maxCallDepth, not a JS RangeError', async () => {
    const s = await instantiateWat(REC, undefined, { maxCallDepth: 100 });
    const r = s.func('r').typed(s.store, ['i32'], ['i32']);
    expect(r.call(s.store, 90)).toBe(90);
    expect(trapCode(() => r.call(s.store, 200))).toBe('StackOverflow');
    expect(r.call(s.store, 50)).toBe(50);
  });

  it('runs unbounded recursion into StackOverflow with the default limits', async () => {
    const s = await instantiateWat(REC);
    expect(trapCode(() => s.func('r').typed(s.store, ['i32'], ['i32']).call(s.store, -1))).toBe('StackOverflow');
  });

  it('tail calls do not grow the stack', async () => {
    const s = await instantiateWat(REC, undefined, { maxCallDepth: 10 });
    expect(s.func('t').typed(s.store, ['i32'], ['i32']).call(s.store, 1_000_000)).toBe(7);
  });
});

describe('memory and table limits', () => {
  const MOD = `(module
    (memory (export "mem") 1)
    (table (export "tab") 1 funcref)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`;

  it('memory.grow returns -1 beyond maxMemoryPages', async () => {
    const s = await instantiateWat(MOD, undefined, { maxMemoryPages: 4 });
    const grow = s.func('grow').typed(s.store, ['i32'], ['i32']);
    expect(grow.call(s.store, 2)).toBe(1);
    expect(grow.call(s.store, 2)).toBe(-1);
    expect(grow.call(s.store, 1)).toBe(3);
  });

  it('table.grow returns -1 beyond maxTableElements', async () => {
    const s = await instantiateWat(MOD, undefined, { maxTableElements: 10 });
    const grow = s.func('tgrow').typed(s.store, ['i32'], ['i32']);
    expect(grow.call(s.store, 9)).toBe(1);
    expect(grow.call(s.store, 1)).toBe(-1);
  });

  it('asks the limiter before growing', async () => {
    const asked: number[][] = [];
    const s = await instantiateWat(MOD, undefined, {
      limiter: {
        memoryGrowing: (cur, want) => (asked.push([cur, want]), want <= 2),
        tableGrowing: () => false,
      },
    });
    const grow = s.func('grow').typed(s.store, ['i32'], ['i32']);
    expect(grow.call(s.store, 1)).toBe(1);
    expect(grow.call(s.store, 1)).toBe(-1);
    expect(asked).toEqual([[1, 2], [2, 3]]);
    expect(s.func('tgrow').typed(s.store, ['i32'], ['i32']).call(s.store, 1)).toBe(-1);
  });

  it('reports a module table or memory beyond the limits as a LinkError, and the store stays usable', async () => {
    const engine = new Engine(new InterpEngine({ maxMemoryPages: 4 }));
    const store = new Store(engine, undefined);
    const failure = async (text: string) => {
      try {
        new Instance(store, new Module(engine, await wat(text)), new Imports());
      } catch (e) {
        return e;
      }
      return undefined;
    };
    for (const text of ['(module (table 0xffffffff funcref))', '(module (memory 5))']) {
      const e = await failure(text);
      expect(e).toBeInstanceOf(LinkError);
      expect((e as LinkError).cause).toBeInstanceOf(RangeError);
    }
    const ok = new Instance(store, new Module(engine, await wat('(module (func (export "f") (result i32) (i32.const 7)))')), new Imports());
    expect(ok.getExport(store, 'f')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(7);
  });
});
