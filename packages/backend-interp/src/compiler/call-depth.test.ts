import { describe, expect, it } from 'vitest';
import { Engine, Func, FuncType, Global, Imports, Instance, Module, Store, Table, TableType, Trap, Value } from '@wrl/core';
import { InterpEngine } from '../engine.js';
import { wat } from '../test-wat.js';

/**
 * The JS tier passes the call depth as a hidden argument and publishes it to
 * the store only where the interpreter or the host can see it. These chains
 * cross every kind of call (direct, call_indirect into other instances,
 * compiled to interpreted and back, host functions that re-enter) and must
 * overflow at exactly the interpreter's depth.
 */

// n === 0: ask the host; else 1 + table[(n - 1) % 3](n - 1)
const BODY = `
    (if (result i32) (i32.eqz (local.get 0)) (then (call $h (i32.const 0)))
      (else (i32.add (i32.const 1)
        (call_indirect (type $i) (i32.sub (local.get 0) (i32.const 1))
          (i32.rem_u (i32.sub (local.get 0) (i32.const 1)) (i32.const 3))))))`;

const HEAD = `
  (import "env" "h" (func $h (param i32) (result i32)))
  (import "env" "t" (table 3 funcref))
  (import "env" "slot" (global i32))
  (type $i (func (param i32) (result i32)))
  (elem (global.get 0) $f)`;

const COMPILED = `(module ${HEAD}
  (func $f (export "f") (param i32) (result i32) ${BODY}))`;

// the SIMD keeps this one in the interpreter
const INTERPRETED = `(module ${HEAD}
  (func $f (export "f") (param i32) (result i32)
    (i32x4.extract_lane 0 (i32x4.splat ${BODY}))))`;

type Outcome = number | string;

const outcome = (fn: () => number): Outcome => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Trap) return `trap ${e.code}`;
    throw e;
  }
};

interface Chain {
  /** Through `typed()`. */
  typed(n: number): Outcome;
  /** Through `Func.call` with Values. */
  values(n: number): Outcome;
  /** The host function re-enters the chain with this many frames (0: it does not). */
  reenter: number;
}

async function chain(jsTier: boolean, maxCallDepth: number, mixed = true): Promise<Chain> {
  const engine = new Engine(new InterpEngine({ jsTier, jsTierHotness: 1, maxCallDepth }));
  const store = new Store(engine, undefined as unknown);
  const table = new Table(store, new TableType('funcref', 3), Value.funcref(null));
  let entry: ((n: number) => number) | undefined;
  const state: Chain = {
    reenter: 0,
    typed: (n) => outcome(() => entry!(n)),
    values: (n) => outcome(() => {
      const out = [Value.i32(0)];
      first.call(store, [Value.i32(n)], out);
      return out[0]!.value as number;
    }),
  };
  const h = Func.wrap(store, new FuncType(['i32'], ['i32']), () => {
    const k = state.reenter;
    if (k === 0) return 7;
    state.reenter = 0;
    try {
      // the nested chain's own host call answers 7
      return entry!(k) * 100;
    } finally {
      state.reenter = k;
    }
  });
  const funcs: Func[] = [];
  // slot 0 and 1: two instances of the compiled module; slot 2: the interpreted one (when mixed)
  for (const [slot, text] of [[0, COMPILED], [1, COMPILED], [2, mixed ? INTERPRETED : COMPILED]] as const) {
    const module = new Module(engine, await wat(text));
    const imports = new Imports()
      .define('env', 'h', h)
      .define('env', 't', table)
      .define('env', 'slot', new Global(store, Value.i32(slot), false));
    const e = new Instance(store, module, imports).getExport(store, 'f');
    funcs.push(e!.value as Func);
  }
  const first = funcs[0]!;
  const typed = first.typed(store, ['i32'], ['i32']);
  entry = (n) => typed.call(store, n) as number;
  return state;
}

/** The first chain length that does not return normally, with everything seen up to there. */
function probe(call: (n: number) => Outcome, limit: number): Outcome[] {
  const seen: Outcome[] = [];
  for (let n = 0; n <= limit; n++) {
    const r = call(n);
    seen.push(r);
    if (typeof r === 'string') {
      // the store is usable after the trap, at the full depth again
      seen.push(call(n - 1));
      break;
    }
  }
  return seen;
}

describe('JS tier call depth across calling conventions', () => {
  it('overflows at the interpreter depth through call_indirect across instances and tiers', async () => {
    for (const maxCallDepth of [23, 61]) {
      const runs: Outcome[][] = [];
      for (const jsTier of [false, true]) {
        const c = await chain(jsTier, maxCallDepth);
        // warm up so that the compiled modules run compiled code
        for (let i = 0; i < 3; i++) c.typed(6);
        runs.push([...probe(c.typed, 200), ...probe(c.values, 200)]);
      }
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[1]).toContain('trap StackOverflow');
      // the first call returning normally that also used every frame up to the limit
      expect(runs[1]!.indexOf('trap StackOverflow')).toBe(maxCallDepth);
    }
  });

  it('starts a host re-entry at the depth of the calling frame', async () => {
    for (const reenter of [1, 5]) {
      const runs: Outcome[][] = [];
      for (const jsTier of [false, true]) {
        const c = await chain(jsTier, 47);
        for (let i = 0; i < 3; i++) c.typed(6);
        c.reenter = reenter;
        runs.push([...probe(c.typed, 200), ...probe(c.values, 200)]);
      }
      expect(runs[1]).toEqual(runs[0]);
      // the nested chain's frames count: it overflows that many frames earlier
      const ok = runs[1]!.filter((r) => typeof r === 'number' && r >= 100);
      expect(ok.length).toBeGreaterThan(0);
      expect(runs[1]!.indexOf('trap StackOverflow')).toBe(47 - reenter - 1);
    }
  });

  it("hands deep chains to the interpreter's frame stack and still overflows exactly", async () => {
    const runs: Outcome[][] = [];
    for (const jsTier of [false, true]) {
      const c = await chain(jsTier, 1500, false);
      for (let i = 0; i < 3; i++) c.typed(6);
      runs.push([c.typed(1498), c.typed(1499), c.typed(1500), c.values(1499), c.values(1500), c.typed(10)]);
      c.reenter = 3;
      runs.push([c.typed(1495), c.typed(1496), c.values(1496), c.typed(10)]);
    }
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[3]).toEqual(runs[1]);
    expect(runs[2]).toContain('trap StackOverflow');
    expect(runs[3]).toContain('trap StackOverflow');
  });

  // every third frame interpreted: each run of the interpreter inside compiled code is a large JS
  // frame, and without a cap on their nesting the JS stack ran out after about 800 frames
  it('reaches the default maxCallDepth in a chain that alternates between the tiers', async () => {
    const runs: Outcome[][] = [];
    for (const jsTier of [false, true]) {
      const c = await chain(jsTier, 20_000);
      for (let i = 0; i < 3; i++) c.typed(6);
      runs.push([c.typed(19_999), c.typed(20_000), c.values(19_999), c.typed(10)]);
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[1]).toEqual([19_999 + 7, 'trap StackOverflow', 19_999 + 7, 10 + 7]);
  });
});
