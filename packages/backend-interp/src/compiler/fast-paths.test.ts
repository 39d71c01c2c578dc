/**
 * The inline fast paths of generated code (call_indirect straight into
 * compiled code, integer division by a constant) against the interpreter and
 * exact arithmetic: every case a fast path must hand to a helper (or may not
 * take at all) is exercised, with compiled callees where skipping a check
 * would return a value instead of trapping.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Func, FuncType, Imports, Instance, Memory, Module } from '@wrl/core';
import { outcome, instantiateWat, wat, type Setup } from '../test-wat.js';
import { helpers } from './link.js';

type Typed = { call(st: unknown, ...a: unknown[]): unknown };
const typed = (s: Setup, name: string, p: string[], r: string[]): Typed => s.func(name).typed(s.store, p as never, r as never) as unknown as Typed;

const OTHER = `(module
  (func (export "f") (param i32) (result i32) (local $k i32)
    (loop $l (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 2))))
    (i32.sub (local.get 0) (i32.const 7))))`;

// the callers have a loop, so they compile on their first call whatever the hotness
const SPIN = '(local $k i32) (loop $l (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 2))))';

const TABLE = `(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (import "env" "host64" (func $host64 (param i64) (result i64)))
  (import "other" "f" (func $other (param i32) (result i32)))
  (type $i (func (param i32) (result i32)))
  (type $i_again (func (param i32) (result i32)))
  (type $w (func (param i64) (result i64)))
  (table $t 11 funcref)
  ;; 8..10 stay null
  (elem (i32.const 0) $hot $host $wrongsig $cold $other $hot64 $host64 $cold64)
  (func $hot (param i32) (result i32) (i32.add (local.get 0) (i32.const 100)))
  (func $wrongsig (param i64) (result i32) (i32.const 555))
  (func $cold (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $hot64 (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x100000000)))
  (func $cold64 (param i64) (result i64) (i64.mul (local.get 0) (i64.const -3)))
  (func (export "warm") (local $k i32)
    (loop $l
      (drop (call $hot (i32.const 1)))
      (drop (call $wrongsig (i64.const 1)))
      (drop (call $hot64 (i64.const 1)))
      (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 10)))))
  (func (export "call") (param $i i32) (param $x i32) (result i32) ${SPIN}
    (call_indirect (type $i) (local.get $x) (local.get $i)))
  (func (export "call_again") (param $i i32) (param $x i32) (result i32) ${SPIN}
    ;; a computed index: the lookup and the fallback see the same value
    (call_indirect (type $i_again) (local.get $x) (i32.xor (local.get $i) (i32.const 0))))
  (func (export "call64") (param $i i32) (param $x i64) (result i64) ${SPIN}
    (call_indirect (type $w) (local.get $x) (local.get $i)))
  (func (export "clear") (param i32) (table.set $t (local.get 0) (ref.null func))))`;

describe('JS tier call_indirect fast path', () => {
  afterEach(() => vi.restoreAllMocks());

  async function setup(jsTier: boolean): Promise<Setup> {
    const engineOpts = { jsTier, jsTierHotness: 5 };
    const other = await instantiateWat(OTHER, undefined, engineOpts);
    const otherF = other.func('f');
    // the same engine and store for both instances: the table holds a function of the other instance
    const module = new Module(other.engine, await wat(TABLE));
    const imports = new Imports()
      .define('env', 'host', Func.wrap(other.store, new FuncType(['i32'], ['i32']), (_c, n: number) => n + 1000))
      .define('env', 'host64', Func.wrap(other.store, new FuncType(['i64'], ['i64']), (_c, n: bigint) => BigInt.asIntN(64, n << 1n)))
      .define('other', 'f', otherF);
    const instance = new Instance(other.store, module, imports);
    return {
      engine: other.engine, store: other.store, instance,
      func(name) {
        const e = instance.getExport(other.store, name);
        if (e?.kind !== 'func') throw new Error(`no function export ${name}`);
        return e.value as Func;
      },
    };
  }

  function run(s: Setup): unknown[] {
    typed(s, 'warm', [], []).call(s.store);
    const call = typed(s, 'call', ['i32', 'i32'], ['i32']);
    const again = typed(s, 'call_again', ['i32', 'i32'], ['i32']);
    const call64 = typed(s, 'call64', ['i32', 'i64'], ['i64']);
    const row: unknown[] = [];
    for (let round = 0; round < 8; round++) {
      // in order: compiled, host, wrong signature (compiled), not compiled at first, another instance's function, null
      for (const i of [0, 1, 2, 3, 4, 8]) row.push(outcome(() => call.call(s.store, i, 5 + round)), outcome(() => again.call(s.store, i, -round)));
      // out of bounds: just past the end, and indexes that are negative as int32
      for (const i of [11, 12, -1, -2147483648]) row.push(outcome(() => call.call(s.store, i, 1)));
      // i64 signatures: compiled (word form through `.p`), host, not compiled at first, an i32 function
      for (const i of [5, 6, 7, 0, 9]) row.push(outcome(() => call64.call(s.store, i, -0x1_0000_0001n * BigInt(round + 1))));
    }
    // a slot cleared after the call site has run: the next call sees null
    typed(s, 'clear', ['i32'], []).call(s.store, 0);
    row.push(outcome(() => call.call(s.store, 0, 1)), outcome(() => call.call(s.store, 3, 1)));
    return row;
  }

  it('traps and calls like the interpreter, for every kind of element', async () => {
    const interp = run(await setup(false));
    const js = run(await setup(true));
    expect(js).toEqual(interp);
    const first = js.slice(0, 12 + 4 + 5);
    expect(first).toEqual([
      105, 100, 1005, 1000, 'trap BadSignature', 'trap BadSignature', 15, 0, -2, -7, 'trap IndirectCallToNull', 'trap IndirectCallToNull',
      'trap TableOutOfBounds', 'trap TableOutOfBounds', 'trap TableOutOfBounds', 'trap TableOutOfBounds',
      -0x1_0000_0001n + 0x1_0000_0000n, -0x2_0000_0002n, 0x3_0000_0003n, 'trap BadSignature', 'trap IndirectCallToNull',
    ]);
    expect(js.slice(-2)).toEqual(['trap IndirectCallToNull', 3]);
  });

  it('calls compiled code of the expected signature without the helper, and everything else through it', async () => {
    const s = await setup(true);
    typed(s, 'warm', [], []).call(s.store);
    const call = typed(s, 'call', ['i32', 'i32'], ['i32']);
    const call64 = typed(s, 'call64', ['i32', 'i64'], ['i64']);
    // compile the callers first: an entry from the host may go through the interpreter once
    call.call(s.store, 0, 0);
    call64.call(s.store, 5, 0n);
    // the other instance's function compiles on its first call (it has a loop)
    call.call(s.store, 4, 0);
    const callee = vi.spyOn(helpers, 'callee');
    const calleeWide = vi.spyOn(helpers, 'calleeWide');
    expect(call.call(s.store, 0, 1)).toBe(101);
    expect(call.call(s.store, 4, 1)).toBe(-6);
    expect(call64.call(s.store, 5, 1n)).toBe(0x1_0000_0001n);
    expect(callee).not.toHaveBeenCalled();
    expect(calleeWide).not.toHaveBeenCalled();
    expect(call.call(s.store, 1, 1)).toBe(1001);
    expect(outcome(() => call.call(s.store, 2, 1))).toBe('trap BadSignature');
    expect(outcome(() => call.call(s.store, 8, 1))).toBe('trap IndirectCallToNull');
    expect(outcome(() => call.call(s.store, 99, 1))).toBe('trap TableOutOfBounds');
    expect(callee).toHaveBeenCalledTimes(4);
    expect(call64.call(s.store, 6, 3n)).toBe(6n);
    expect(calleeWide).toHaveBeenCalledTimes(1);
  });
});

/** `n` functions of one signature in the table (up to 4 get a branch of their own), then one of another signature. */
const many = (n: number): string => `(module
  (type $i (func (param i32) (result i32)))
  (table $t 10 funcref)
  (elem (i32.const 0) ${Array.from({ length: n }, (_, k) => `$f${k}`).join(' ')} $other)
  ${Array.from({ length: n }, (_, k) => `(func $f${k} (param i32) (result i32) (i32.add (local.get 0) (i32.const ${10 + k})))`).join('\n  ')}
  (func $other (param f64) (result i32) (i32.const -1))
  (func (export "call") (param $i i32) (param $x i32) (result i32) ${SPIN}
    (call_indirect (type $i) (local.get $x) (local.get $i)))
  (func (export "move") (param $to i32) (param $from i32) (table.set $t (local.get $to) (table.get $t (local.get $from)))))`;

// instances of one module on one table: the element segment of the second overwrites the first's functions
const SHARED = `(module
  (import "env" "t" (table $t 4 funcref))
  (type $v (func (result i32)))
  (global $id (mut i32) (i32.const 0))
  (elem (i32.const 0) $mine $twice)
  (func $mine (result i32) (global.get $id))
  (func $twice (result i32) (i32.mul (global.get $id) (i32.const 2)))
  (func (export "set_id") (param i32) (global.set $id (local.get 0)))
  (func (export "call") (param $i i32) (result i32) ${SPIN}
    (call_indirect (type $v) (local.get $i))))`;

describe('JS tier call_indirect dispatch on the functions of element segments', () => {
  for (const n of [3, 6]) {
    it(`calls whatever the table holds now (${n} candidates), also after the table changed`, async () => {
      const rows: unknown[][] = [];
      for (const jsTier of [false, true]) {
        const s = await instantiateWat(many(n), undefined, { jsTier, jsTierHotness: 2 });
        const call = typed(s, 'call', ['i32', 'i32'], ['i32']);
        const move = typed(s, 'move', ['i32', 'i32'], []);
        const row: unknown[] = [];
        for (let round = 0; round < 4; round++) for (let i = 0; i < 11; i++) row.push(outcome(() => call.call(s.store, i, round)));
        // slot 0 gets the last function, slot 9 (null) the second, slot 1 the wrong signature
        move.call(s.store, 0, n - 1);
        move.call(s.store, 9, 1);
        move.call(s.store, 1, n);
        for (let i = 0; i < 11; i++) row.push(outcome(() => call.call(s.store, i, 100)));
        rows.push(row);
      }
      expect(rows[1]).toEqual(rows[0]);
      const fs = Array.from({ length: n }, (_, k) => 10 + k);
      const nulls = (from: number) => Array.from({ length: 10 - from }, () => 'trap IndirectCallToNull');
      expect(rows[1]!.slice(0, 11)).toEqual([...fs, 'trap BadSignature', ...nulls(n + 1), 'trap TableOutOfBounds']);
      const after = [100 + 10 + n - 1, 'trap BadSignature', ...fs.slice(2).map((x) => 100 + x), 'trap BadSignature', ...nulls(n + 1).slice(1), 111, 'trap TableOutOfBounds'];
      expect(rows[1]!.slice(-11)).toEqual(after);
    });
  }

  it("calls another instance's function of the same module (not this instance's twin)", async () => {
    const results: unknown[][] = [];
    for (const jsTier of [false, true]) {
      const holder = await instantiateWat('(module (table (export "t") 4 funcref))', undefined, { jsTier, jsTierHotness: 1 });
      const table = holder.instance.getExport(holder.store, 't')!;
      const module = new Module(holder.engine, await wat(SHARED));
      const make = () => new Instance(holder.store, module, new Imports().define('env', 't', table.value as never));
      const a = make();
      const callA = a.getExport(holder.store, 'call')!.value as Func;
      const setA = a.getExport(holder.store, 'set_id')!.value as Func;
      setA.typed(holder.store, ['i32'], []).call(holder.store, 3);
      const ta = callA.typed(holder.store, ['i32'], ['i32']);
      const row: unknown[] = [ta.call(holder.store, 0), ta.call(holder.store, 1), ta.call(holder.store, 0)];
      const b = make();
      (b.getExport(holder.store, 'set_id')!.value as Func).typed(holder.store, ['i32'], []).call(holder.store, 50);
      row.push(ta.call(holder.store, 0), ta.call(holder.store, 1), outcome(() => ta.call(holder.store, 2)));
      results.push(row);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]).toEqual([3, 6, 3, 50, 100, 'trap IndirectCallToNull']);
  });
});

// ---- integer division by constants ----

const I32_MIN = -2147483648;
const DIVISORS = [1, -1, 2, -2, 3, 7, 10, -10, 16, 0x40000000, I32_MIN, 0x7fffffff, 0xfffffff9 | 0, 0];
const DIVIDENDS = [
  0, 1, -1, 2, -2, 3, 7, -7, 9, 10, -10, 99, -99, 0x7fffffff, I32_MIN, I32_MIN + 1, 0x80000001 | 0, 0xfffffff6 | 0,
  123456789, -123456789, 0x7ffffffe, 0xfffffffe | 0, 0x40000000,
];
const OPS = ['div_s', 'div_u', 'rem_s', 'rem_u'] as const;
type DivOp = (typeof OPS)[number];

/** The wasm result of `a op k` by exact arithmetic, or its trap. */
function reference(op: DivOp, a: number, k: number): number | string {
  if (k === 0) return 'trap IntegerDivisionByZero';
  if (op === 'div_s' && a === I32_MIN && k === -1) return 'trap IntegerOverflow';
  const signed = op.endsWith('_s');
  const x = BigInt(signed ? a : a >>> 0);
  const y = BigInt(signed ? k : k >>> 0);
  // BigInt division truncates toward zero and the remainder takes the dividend's sign, as in wasm
  return Number(BigInt.asIntN(32, op.startsWith('div') ? x / y : x % y));
}

const name = (op: DivOp, k: number, shape: string): string => `${op}_${shape}_${k >>> 0}`;

const DIV_MODULE = `(module
  (func $id (param i32) (result i32) (local.get 0))
  ${OPS.flatMap((op) => DIVISORS.map((k) => `
  (func (export "${name(op, k, 'local')}") (param i32) (result i32) (i32.${op} (local.get 0) (i32.const ${k})))
  (func (export "${name(op, k, 'nested')}") (param i32) (result i32)
    (i32.sub (i32.const 0) (i32.${op} (i32.xor (local.get 0) (i32.const 0)) (i32.const ${k}))))
  (func (export "${name(op, k, 'slot')}") (param i32) (result i32) (i32.${op} (call $id (local.get 0)) (i32.const ${k})))`)).join('')})`;

describe('JS tier integer division by a constant', () => {
  it('computes exact quotients and remainders, and traps for 0 and for -2^31 / -1', async () => {
    const tiers = await Promise.all([false, true].map((jsTier) => instantiateWat(DIV_MODULE, undefined, { jsTier, jsTierHotness: 1 })));
    const wrong: string[] = [];
    for (const op of OPS) {
      for (const k of DIVISORS) {
        for (const shape of ['local', 'nested', 'slot']) {
          for (const a of DIVIDENDS) {
            const ref = reference(op, a, k);
            const want = shape === 'nested' && typeof ref === 'number' ? -ref | 0 : ref;
            for (const s of tiers) {
              const got = outcome(() => typed(s, name(op, k, shape), ['i32'], ['i32']).call(s.store, a));
              if (got !== want) wrong.push(`${op} ${shape} ${a} by ${k}: ${String(got)}, want ${String(want)}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('inlines constant divisors that cannot trap and keeps the helper for 0 and -1', async () => {
    const s = await instantiateWat(DIV_MODULE, undefined, { jsTier: true, jsTierHotness: 1 });
    const spies = [vi.spyOn(helpers, 'divS32'), vi.spyOn(helpers, 'divU32'), vi.spyOn(helpers, 'remS32'), vi.spyOn(helpers, 'remU32')];
    for (const op of OPS) for (const k of [2, 3, 7, 10, I32_MIN]) typed(s, name(op, k, 'local'), ['i32'], ['i32']).call(s.store, 12345);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(outcome(() => typed(s, name('div_s', -1, 'local'), ['i32'], ['i32']).call(s.store, I32_MIN))).toBe('trap IntegerOverflow');
    expect(spies[0]).toHaveBeenCalledTimes(1);
    expect(outcome(() => typed(s, name('rem_u', 0, 'local'), ['i32'], ['i32']).call(s.store, 5))).toBe('trap IntegerDivisionByZero');
    expect(spies[3]).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});

// ---- short memory.copy and memory.fill ----

const BULK = `(module
  (memory (export "mem") 1)
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))`;

describe('JS tier short memory.copy and memory.fill', () => {
  it('copy like memmove (overlap either way), fill with the low byte, and trap before writing anything', async () => {
    const s = await instantiateWat(BULK, undefined, { jsTier: true, jsTierHotness: 1 });
    const mem = s.instance.getExport(s.store, 'mem')!.value as Memory;
    const get = (off: number, n: number): Uint8Array => {
      const b = new Uint8Array(n);
      mem.read(s.store, off, b);
      return b;
    };
    const pattern = Uint8Array.from({ length: 256 }, (_, k) => (k * 7 + 1) & 0xff);
    const copy = typed(s, 'copy', ['i32', 'i32', 'i32'], []);
    const fill = typed(s, 'fill', ['i32', 'i32', 'i32'], []);
    for (const n of [0, 1, 2, 5, 16, 31, 32, 33, 40]) {
      for (const [d, src] of [[10, 13], [13, 10], [20, 20], [100, 3], [3, 100]]) {
        mem.write(s.store, 0, pattern);
        const want = pattern.slice();
        want.copyWithin(d!, src!, src! + n);
        copy.call(s.store, d, src, n);
        expect(get(0, 256)).toEqual(want);
      }
      mem.write(s.store, 0, pattern);
      const want = pattern.slice();
      want.fill(0xab, 50, 50 + n);
      fill.call(s.store, 50, 0x12ab, n);
      fill.call(s.store, 50 + n, -1, 0);
      expect(get(0, 256)).toEqual(want);
    }
    const size = 65536;
    mem.write(s.store, size - 8, new Uint8Array(8).fill(9));
    expect(outcome(() => copy.call(s.store, size - 4, 0, 5))).toBe('trap MemoryOutOfBounds');
    expect(outcome(() => copy.call(s.store, 0, size - 4, 5))).toBe('trap MemoryOutOfBounds');
    expect(outcome(() => fill.call(s.store, size - 4, 0, 5))).toBe('trap MemoryOutOfBounds');
    expect(outcome(() => fill.call(s.store, -1, 0, 2))).toBe('trap MemoryOutOfBounds');
    expect([...get(size - 8, 8)]).toEqual([9, 9, 9, 9, 9, 9, 9, 9]);
    expect([...get(0, 4)]).toEqual([...pattern.slice(0, 4)]);
    // at the very end, and empty at the end: no trap
    copy.call(s.store, size - 4, 0, 4);
    fill.call(s.store, size, 0, 0);
    expect([...get(size - 8, 8)]).toEqual([9, 9, 9, 9, ...pattern.slice(0, 4)]);
  });
});
