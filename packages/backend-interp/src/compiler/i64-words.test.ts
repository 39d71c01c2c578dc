import { describe, expect, it } from 'vitest';
import { Func, FuncType, Imports, Value, type PublicValue } from '@wrl/core';
import { i64ToF32, u64ToF32 } from '../exec/math.js';
import { outcome, instantiateWat, type Setup } from '../test-wat.js';

// The JS tier keeps an i64 as two int32 words (numeric.ts). These tests hold
// its results against BigInt arithmetic on operands chosen where the word
// split matters: carries and borrows across bit 31, high halves of products,
// shift counts at 0/31/32/63, unsigned compares of words with the top bit
// set. Each operator runs with operands from locals (inline expressions),
// from call results (slot variables), and with constant right operands.

const S = (x: bigint): bigint => BigInt.asIntN(64, x);
const U = (x: bigint): bigint => BigInt.asUintN(64, x);

const EDGES: bigint[] = [
  0n, 1n, -1n, 2n, 31n, 32n, 33n, 63n, 64n, 95n,
  0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x1ffffffffn,
  -0x80000000n, -0x80000001n, -0x100000000n,
  0x7fffffffffffffffn, -0x8000000000000000n, S(0xffffffff00000000n), S(0x8000000000000001n), S(0x80000000ffffffffn),
  S(0x2545f4914f6cdd1dn), 0x100000001b3n, -(1n << 53n), (1n << 53n) + 1n, 0xffffn, 0x10000n, S(0xffff0000ffff0000n),
  // just above an f32 rounding midpoint by a bit that a double drops: to f32 only in one rounding
  (1n << 53n) + (1n << 29n) + 1n, -((1n << 53n) + (1n << 29n) + 1n), (1n << 62n) + (1n << 38n) + 1n, S((1n << 63n) + (1n << 39n) + 1n),
];

let seed = 987654321;
const rnd32 = (): bigint => BigInt((seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 0);
const rnd64 = (): bigint => S((rnd32() << 32n) | rnd32());

const VALUES = [...EDGES, ...Array.from({ length: 12 }, rnd64)];

type Ref = (a: bigint, b: bigint) => bigint | string;

const rotl = (a: bigint, b: bigint): bigint => {
  const k = b & 63n;
  return S((U(a) << k) | (U(a) >> ((64n - k) & 63n)));
};

const BIN: Record<string, Ref> = {
  add: (a, b) => S(a + b),
  sub: (a, b) => S(a - b),
  mul: (a, b) => S(a * b),
  div_s: (a, b) => (b === 0n ? 'trap IntegerDivisionByZero' : a === -(2n ** 63n) && b === -1n ? 'trap IntegerOverflow' : a / b),
  div_u: (a, b) => (b === 0n ? 'trap IntegerDivisionByZero' : S(U(a) / U(b))),
  rem_s: (a, b) => (b === 0n ? 'trap IntegerDivisionByZero' : a % b),
  rem_u: (a, b) => (b === 0n ? 'trap IntegerDivisionByZero' : S(U(a) % U(b))),
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  shl: (a, b) => S(a << (b & 63n)),
  shr_s: (a, b) => a >> (b & 63n),
  shr_u: (a, b) => S(U(a) >> (b & 63n)),
  rotl,
  rotr: (a, b) => rotl(a, 64n - (b & 63n)),
};

const CMP: Record<string, (a: bigint, b: bigint) => boolean> = {
  eq: (a, b) => a === b, ne: (a, b) => a !== b,
  lt_s: (a, b) => a < b, lt_u: (a, b) => U(a) < U(b),
  gt_s: (a, b) => a > b, gt_u: (a, b) => U(a) > U(b),
  le_s: (a, b) => a <= b, le_u: (a, b) => U(a) <= U(b),
  ge_s: (a, b) => a >= b, ge_u: (a, b) => U(a) >= U(b),
};

const SHIFT_COUNTS = [0n, 1n, 7n, 16n, 31n, 32n, 33n, 48n, 63n, 64n, 65n, -1n];
const CONSTANTS = [0n, 1n, -1n, 0xffffffffn, 0x80000000n, 0x100000000n, S(0x2545f4914f6cdd1dn), 0x100000001b3n, 0xffffn, 0x10000n, -0x8000000000000000n];

interface Case {
  name: string;
  body: string;
  params: 'i64' | 'i64 i64';
  result: 'i64' | 'i32';
  ref: (a: bigint, b: bigint) => unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  // operands from locals, from calls (materialised slots), and one of each
  const shapes: [string, string, string][] = [
    ['l', '(local.get 0)', '(local.get 1)'],
    ['s', '(call $id (local.get 0))', '(call $id (local.get 1))'],
    ['m', '(local.get 0)', '(call $id (local.get 1))'],
  ];
  for (const [op, ref] of Object.entries(BIN)) {
    for (const [shape, a, b] of shapes) out.push({ name: `${op}.${shape}`, body: `(i64.${op} ${a} ${b})`, params: 'i64 i64', result: 'i64', ref });
  }
  for (const [op, ref] of Object.entries(CMP)) {
    for (const [shape, a, b] of shapes) {
      out.push({ name: `${op}.${shape}`, body: `(i64.${op} ${a} ${b})`, params: 'i64 i64', result: 'i32', ref: (x, y) => (ref(x, y) ? 1 : 0) });
      // as a branch condition, the comparison stays a JS boolean
      out.push({ name: `${op}.${shape}.if`, body: `(if (result i32) (i64.${op} ${a} ${b}) (then (i32.const 7)) (else (i32.const 9)))`, params: 'i64 i64', result: 'i32', ref: (x, y) => (ref(x, y) ? 7 : 9) });
    }
  }
  for (const op of ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr']) {
    for (const k of SHIFT_COUNTS) {
      for (const [shape, a] of [['l', '(local.get 0)'], ['s', '(call $id (local.get 0))']]) {
        out.push({ name: `${op}.k${k}.${shape}`, body: `(i64.${op} ${a} (i64.const ${k}))`, params: 'i64', result: 'i64', ref: (x) => BIN[op]!(x, k) });
      }
    }
  }
  for (const op of ['mul', 'add', 'sub']) {
    for (const k of CONSTANTS) {
      out.push({ name: `${op}.k${k}`, body: `(i64.${op} (local.get 0) (i64.const ${k}))`, params: 'i64', result: 'i64', ref: (x) => BIN[op]!(x, k) });
      out.push({ name: `${op}.${k}k`, body: `(i64.${op} (i64.const ${k}) (call $id (local.get 0)))`, params: 'i64', result: 'i64', ref: (x) => BIN[op]!(k, x) });
    }
  }
  const un: [string, string, (a: bigint) => unknown][] = [
    ['eqz', '(i64.eqz (local.get 0))', (a) => (a === 0n ? 1 : 0)],
    ['clz', '(i64.clz (local.get 0))', (a) => BigInt(64 - U(a).toString(2).replace(/^0$/, '').length)],
    ['ctz', '(i64.ctz (local.get 0))', (a) => (a === 0n ? 64n : BigInt(U(a).toString(2).length - 1 - U(a).toString(2).lastIndexOf('1')))],
    ['popcnt', '(i64.popcnt (call $id (local.get 0)))', (a) => BigInt([...U(a).toString(2)].filter((c) => c === '1').length)],
    ['extend8_s', '(i64.extend8_s (local.get 0))', (a) => BigInt.asIntN(8, a)],
    ['extend16_s', '(i64.extend16_s (call $id (local.get 0)))', (a) => BigInt.asIntN(16, a)],
    ['extend32_s', '(i64.extend32_s (local.get 0))', (a) => BigInt.asIntN(32, a)],
    ['wrap_extend_s', '(i64.extend_i32_s (i32.wrap_i64 (local.get 0)))', (a) => BigInt.asIntN(32, a)],
    ['wrap_extend_u', '(i64.extend_i32_u (i32.wrap_i64 (call $id (local.get 0))))', (a) => BigInt.asUintN(32, a)],
    ['f64_s', '(i64.reinterpret_f64 (f64.convert_i64_s (local.get 0)))', (a) => f64BitsOf(Number(a))],
    ['f64_u', '(i64.reinterpret_f64 (f64.convert_i64_u (local.get 0)))', (a) => f64BitsOf(Number(U(a)))],
    ['f32_s', '(i64.extend_i32_u (i32.reinterpret_f32 (f32.convert_i64_s (local.get 0))))', (a) => BigInt(f32BitsOf(i64ToF32(a)))],
    ['f32_u', '(i64.extend_i32_u (i32.reinterpret_f32 (f32.convert_i64_u (local.get 0))))', (a) => BigInt(f32BitsOf(u64ToF32(U(a))))],
    ['trunc_s', '(i64.trunc_f64_s (f64.convert_i64_s (local.get 0)))', (a) => (Number(a) >= 2 ** 63 ? 'trap IntegerOverflow' : BigInt(Number(a)))],
    ['trunc_u', '(i64.trunc_f64_u (f64.convert_i64_u (local.get 0)))', (a) => (Number(U(a)) >= 2 ** 64 ? 'trap IntegerOverflow' : S(BigInt(Number(U(a)))))],
    ['trunc_sat_s', '(i64.trunc_sat_f64_s (f64.convert_i64_s (local.get 0)))', (a) => (Number(a) >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(Number(a)))],
    ['trunc_sat_u', '(i64.trunc_sat_f64_u (f64.convert_i64_s (local.get 0)))', (a) => (a < 0n ? 0n : Number(a) >= 2 ** 64 ? -1n : S(BigInt(Number(a))))],
    ['bits', '(i64.reinterpret_f64 (f64.reinterpret_i64 (local.get 0)))', (a) => a],
  ];
  for (const [name, body, ref] of un) {
    out.push({ name, body, params: 'i64', result: name === 'eqz' ? 'i32' : 'i64', ref: (a) => ref(a) });
  }
  return out;
}

const buf = new DataView(new ArrayBuffer(8));
function f64BitsOf(x: number): bigint {
  buf.setFloat64(0, x);
  return buf.getBigInt64(0);
}
function f32BitsOf(x: number): number {
  buf.setFloat32(0, x);
  return buf.getUint32(0);
}

function moduleOf(cs: Case[]): string {
  const funcs = cs.map((c) => `(func (export "${c.name}") (param ${c.params}) (result ${c.result}) ${c.body})`);
  return `(module (func $id (param i64) (result i64) (local.get 0))\n${funcs.join('\n')})`;
}

describe('JS tier i64 words against BigInt arithmetic', () => {
  it('computes every i64 operator exactly on edge operands, inline, from slots and with constants', async () => {
    const cs = cases();
    const s = await instantiateWat(moduleOf(cs), undefined, { jsTier: true, jsTierHotness: 1 });
    let compared = 0;
    for (const c of cs) {
      const binary = c.params === 'i64 i64';
      const f = s.func(c.name).typed(s.store, (binary ? ['i64', 'i64'] : ['i64']) as never, [c.result] as never) as unknown as {
        call(st: unknown, ...a: bigint[]): unknown;
      };
      for (const a of VALUES) {
        for (const b of binary ? VALUES : [0n]) {
          const expected = outcome(() => c.ref(a, b));
          const got = outcome(() => f.call(s.store, a, b));
          if (got !== expected) expect(got, `${c.name}(${a}, ${b})`).toBe(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    const defs = (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;
    expect(defs.every((d) => typeof d.factory === 'function')).toBe(true);
  });

  it('keeps 64-bit state exact through a loop (xorshift64* into a multiplicative hash)', async () => {
    const HASH = `(module (func (export "run") (param $n i32) (result i64)
      (local $i i32) (local $x i64) (local $h i64)
      (local.set $x (i64.const 0x9e3779b97f4a7c15))
      (local.set $h (i64.const 0xcbf29ce484222325))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (local.set $x (i64.xor (local.get $x) (i64.rotl (local.get $x) (i64.extend_i32_u (local.get $i)))))
        (local.set $h (i64.add (i64.mul (i64.xor (local.get $h) (i64.mul (local.get $x) (i64.const 0x2545f4914f6cdd1d))) (i64.const 0x100000001b3))
                               (i64.sub (i64.const 0) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $h)))`;
    let x = S(0x9e3779b97f4a7c15n);
    let h = S(0xcbf29ce484222325n);
    for (let i = 0; i < 1000; i++) {
      x ^= S(U(x) >> 12n);
      x = S(x ^ (x << 25n));
      x ^= rotl(x, BigInt(i));
      h = S(S((h ^ S(x * 0x2545f4914f6cdd1dn)) * 0x100000001b3n) - x);
    }
    for (const jsTier of [true, false]) {
      const s = await instantiateWat(HASH, undefined, { jsTier, jsTierHotness: 1 });
      expect(s.func('run').typed(s.store, ['i32'], ['i64']).call(s.store, 1000)).toBe(h);
    }
  });
});

const MEM = `(module (memory 1)
  (func (export "st") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "st4") (param i32 i64) (i64.store offset=4 (local.get 0) (local.get 1)))
  (func (export "ld") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "ld4") (param i32) (result i64) (i64.load offset=4 (local.get 0)))
  (func (export "ld8s") (param i32) (result i64) (i64.load8_s (local.get 0)))
  (func (export "ld8u") (param i32) (result i64) (i64.load8_u (local.get 0)))
  (func (export "ld16s") (param i32) (result i64) (i64.load16_s (local.get 0)))
  (func (export "ld16u") (param i32) (result i64) (i64.load16_u (local.get 0)))
  (func (export "ld32s") (param i32) (result i64) (i64.load32_s (local.get 0)))
  (func (export "ld32u") (param i32) (result i64) (i64.load32_u (local.get 0)))
  (func (export "st8") (param i32 i64) (i64.store8 (local.get 0) (local.get 1)))
  (func (export "st16") (param i32 i64) (i64.store16 (local.get 0) (local.get 1)))
  (func (export "st32") (param i32 i64) (i64.store32 (local.get 0) (local.get 1))))`;

describe('JS tier i64 memory access as two words', () => {
  it('traps an 8-byte access when any byte is out of bounds, writing nothing', async () => {
    const s = await instantiateWat(MEM, undefined, { jsTier: true, jsTierHotness: 1 });
    const fn = (name: string, p: string[], r: string[]) => s.func(name).typed(s.store, p as never, r as never) as unknown as { call(st: unknown, ...a: unknown[]): unknown };
    const st = fn('st', ['i32', 'i64'], []);
    const st4 = fn('st4', ['i32', 'i64'], []);
    const ld = fn('ld', ['i32'], ['i64']);
    const ld4 = fn('ld4', ['i32'], ['i64']);
    // the ends of memory: a high word that wrapped around would land at address 0
    const EDGE = [0, 8, 65512, 65520, 65528];
    const tail = (): bigint[] => EDGE.map((a) => ld.call(s.store, a) as bigint);
    const PATTERN = S(0x1122334455667788n);
    const reset = (): void => {
      for (const a of EDGE) st.call(s.store, a, PATTERN);
    };
    reset();
    expect(tail()).toEqual(EDGE.map(() => PATTERN));
    const V = S(0xa1b2c3d4e5f60718n);
    // the last in-bounds address, then every address where some of the 8 bytes fall outside
    expect(outcome(() => st.call(s.store, 65528, V))).toBeUndefined();
    expect(ld.call(s.store, 65528)).toBe(V);
    expect(ld4.call(s.store, 65524)).toBe(V);
    for (const a of [65529, 65531, 65532, 65535, 65536, -1, -4, -8]) {
      reset();
      expect(outcome(() => st.call(s.store, a, V)), `store at ${a}`).toBe('trap MemoryOutOfBounds');
      expect(tail(), `bytes after a store at ${a}`).toEqual(EDGE.map(() => PATTERN));
      expect(outcome(() => ld.call(s.store, a)), `load at ${a}`).toBe('trap MemoryOutOfBounds');
    }
    for (const a of [65525, 65528, 65531, 65532, -4, -8]) {
      reset();
      expect(outcome(() => st4.call(s.store, a, V)), `store offset=4 at ${a}`).toBe('trap MemoryOutOfBounds');
      expect(tail()).toEqual(EDGE.map(() => PATTERN));
      expect(outcome(() => ld4.call(s.store, a)), `load offset=4 at ${a}`).toBe('trap MemoryOutOfBounds');
    }
    expect(outcome(() => st4.call(s.store, 65524, V))).toBeUndefined();
    expect(ld.call(s.store, 65528)).toBe(V);
    // both words land little-endian, also at an unaligned address
    st.call(s.store, 3, V);
    expect(fn('ld32u', ['i32'], ['i64']).call(s.store, 3)).toBe(BigInt.asUintN(32, V));
    expect(fn('ld32u', ['i32'], ['i64']).call(s.store, 7)).toBe(BigInt.asUintN(32, V >> 32n));
  });

  it('extends narrow loads and truncates narrow stores on the words', async () => {
    const s = await instantiateWat(MEM, undefined, { jsTier: true, jsTierHotness: 1 });
    const fn = (name: string, p: string[], r: string[]) => s.func(name).typed(s.store, p as never, r as never) as unknown as { call(st: unknown, ...a: unknown[]): unknown };
    const st = fn('st', ['i32', 'i64'], []);
    const ld = fn('ld', ['i32'], ['i64']);
    for (const v of [S(0x80ff8000ffff8081n), 0x7f7f7f7f7f7f7f7fn, -1n, 0n]) {
      st.call(s.store, 100, v);
      expect(fn('ld8s', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asIntN(8, v));
      expect(fn('ld8u', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asUintN(8, v));
      expect(fn('ld16s', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asIntN(16, v));
      expect(fn('ld16u', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asUintN(16, v));
      expect(fn('ld32s', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asIntN(32, v));
      expect(fn('ld32u', ['i32'], ['i64']).call(s.store, 100)).toBe(BigInt.asUintN(32, v));
      for (const [name, bits] of [['st8', 8n], ['st16', 16n], ['st32', 32n]] as const) {
        st.call(s.store, 200, -1n);
        fn(name, ['i32', 'i64'], []).call(s.store, 200, v);
        const mask = (1n << bits) - 1n;
        expect(ld.call(s.store, 200), `${name} ${v}`).toBe(S((U(-1n) & ~mask) | (v & mask)));
      }
    }
  });
});

const CALLS = `(module
  (import "env" "typed" (func $typed (param i64 i32 i64) (result i64)))
  (import "env" "multi" (func $multi (param i64) (result i64 i32 i64)))
  (type $un (func (param i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $neg $typed1)
  (global $g (mut i64) (i64.const -2))
  (func $neg (param i64) (result i64) (i64.sub (i64.const 0) (local.get 0)))
  (func $typed1 (param i64) (result i64) (call $typed (local.get 0) (i32.const 3) (i64.const 0x100000000)))
  (func $swap (param i64 i64) (result i64 i64) (local.get 1) (local.get 0))
  ;; no loop: stays in the interpreter while the hotness is high
  (func $plain (param $a i64) (param $b i64) (result i64) (i64.sub (local.get $a) (i64.mul (local.get $b) (i64.const 3))))
  ;; a loop: compiled on its first call
  (func $loopy (export "loopy") (param $a i64) (param $n i32) (result i64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $a (call $plain (local.get $a) (i64.const 0xffffffff)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $a))
  (func (export "interp_to_compiled") (param i64 i32) (result i64) (call $loopy (local.get 0) (local.get 1)))
  (func (export "host") (param i64 i64) (result i64)
    (local $r i32)
    (loop $l (br_if $l (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 2))))
    (call $typed (local.get 0) (local.get $r) (local.get 1)))
  (func (export "multi") (param i64) (result i64)
    (local $x i64) (local $k i32)
    (loop $l (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 2))))
    (call $multi (local.get 0))
    (local.set $x)
    (i64.extend_i32_s)
    (i64.xor (local.get $x))
    (i64.add))
  (func (export "swap") (param i64 i64) (result i64 i64) (call $swap (local.get 0) (local.get 1)))
  (func (export "swap_loop") (param i64 i64) (result i64 i64)
    (local $k i32)
    (loop $l (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 2))))
    (call $swap (local.get 0) (local.get 1)))
  (func (export "indirect") (param i64 i32) (result i64) (call_indirect (type $un) (local.get 0) (local.get 1)))
  (func (export "global") (param i64) (result i64)
    (global.set $g (i64.add (global.get $g) (local.get 0)))
    (global.get $g))
  (func (export "select") (param i64 i64 i32) (result i64)
    (select (i64.add (local.get 0) (i64.const 1)) (call $neg (local.get 1)) (local.get 2)))
  (func (export "br_table") (param i64 i64 i32) (result i64)
    (block $a (result i64)
      (block $b (result i64)
        (br_table $a $b (i64.mul (local.get 0) (local.get 1)) (local.get 2)))
      (i64.const 0x123456789)
      (i64.xor))))`;

describe('JS tier i64 across calling conventions', () => {
  it('passes i64 words between compiled code, the interpreter, hosts and callers exactly', async () => {
    const seen: unknown[][] = [];
    const imports = (store: never) => new Imports()
      .define('env', 'typed', Func.wrap(store, new FuncType(['i64', 'i32', 'i64'], ['i64']), (_c, a: bigint, r: number, b: bigint) => {
        seen.push([a, r, b]);
        // an out-of-range answer: the result wraps to 64 bits
        return a * 0x100000000n + b + BigInt(r) + (1n << 70n);
      }))
      .define('env', 'multi', new Func(store, new FuncType(['i64'], ['i64', 'i32', 'i64']), (_c, args, results) => {
        const a = args[0]!.value as bigint;
        results[0] = Value.i64(S(a + 1n));
        results[1] = Value.i32(-5);
        results[2] = Value.i64(S(~a));
      }));
    const out: unknown[][] = [];
    // the interpreter; every function compiled; only functions with a loop compiled (the others interpreted)
    for (const [jsTier, jsTierHotness] of [[false, 1], [true, 1], [true, 1000]] as const) {
      seen.length = 0;
      const s: Setup = await instantiateWat(CALLS, imports as never, { jsTier, jsTierHotness });
      const f = (name: string, p: string[], r: string[]) => s.func(name).typed(s.store, p as never, r as never) as unknown as { call(st: unknown, ...a: unknown[]): unknown };
      const row: unknown[] = [];
      for (const a of [0n, -1n, 0x7fffffffffffffffn, S(0x80000000ffffffffn), 0x123456789abcdefn]) {
        row.push(f('interp_to_compiled', ['i64', 'i32'], ['i64']).call(s.store, a, 5));
        row.push(f('loopy', ['i64', 'i32'], ['i64']).call(s.store, a, 3));
        row.push(f('host', ['i64', 'i64'], ['i64']).call(s.store, a, S(a ^ 0x5555555555555555n)));
        row.push(f('multi', ['i64'], ['i64']).call(s.store, a));
        row.push(f('swap', ['i64', 'i64'], ['i64', 'i64']).call(s.store, a, S(a + 0x100000000n)));
        row.push(f('swap_loop', ['i64', 'i64'], ['i64', 'i64']).call(s.store, S(a - 0x100000000n), a));
        row.push(f('indirect', ['i64', 'i32'], ['i64']).call(s.store, a, 0), f('indirect', ['i64', 'i32'], ['i64']).call(s.store, a, 1));
        row.push(f('global', ['i64'], ['i64']).call(s.store, a));
        row.push(f('select', ['i64', 'i64', 'i32'], ['i64']).call(s.store, a, 0x80000000n, 1), f('select', ['i64', 'i64', 'i32'], ['i64']).call(s.store, a, 0x80000000n, 0));
        row.push(f('br_table', ['i64', 'i64', 'i32'], ['i64']).call(s.store, a, -3n, 0), f('br_table', ['i64', 'i64', 'i32'], ['i64']).call(s.store, a, -3n, 1));
        // the dynamic call path (Values in and out) through f.js's BigInt form
        const res: PublicValue[] = [Value.i64(0n), Value.i64(0n)];
        s.func('swap').call(s.store, [Value.i64(a), Value.i64(7n)], res);
        row.push(res.map((v) => v.value));
      }
      row.push([...seen]);
      out.push(row);
    }
    expect(out[1]).toEqual(out[0]);
    expect(out[2]).toEqual(out[0]);
    // spot checks against BigInt arithmetic
    const plain = (a: bigint): bigint => S(a - 0xffffffffn * 3n);
    const row = out[1]!;
    const a = -1n;
    // the row of a = -1n: 14 results per operand
    const [i2c, loopy, host, multi, swap, swapLoop, ind0, ind1, glob, sel1, sel0, bt0, bt1, dyn] = row.slice(14, 28);
    expect(i2c).toBe(plain(plain(plain(plain(plain(a))))));
    expect(loopy).toBe(plain(plain(plain(a))));
    expect(host).toBe(S(a * 0x100000000n + S(a ^ 0x5555555555555555n) + 2n));
    expect(multi).toBe(S(S(a + 1n) + (-5n ^ ~a)));
    expect(swap).toEqual([S(a + 0x100000000n), a]);
    expect(swapLoop).toEqual([a, S(a - 0x100000000n)]);
    expect([ind0, ind1]).toEqual([1n, S(a * 0x100000000n + 0x100000000n + 3n)]);
    expect(glob).toBe(-3n);
    expect([sel1, sel0]).toEqual([0n, -0x80000000n]);
    expect([bt0, bt1]).toEqual([S(a * -3n), S(a * -3n) ^ 0x123456789n]);
    expect(dyn).toEqual([7n, a]);
    expect(row.at(-1)).toContainEqual([a, 2, S(a ^ 0x5555555555555555n)]);
  });

  it('keeps i64 words through recursion deeper than compiled code goes (the interpreter takes over)', async () => {
    const REC = `(module (func $sum (export "sum") (param $n i64) (param $step i64) (result i64)
      (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 0x7fffffff00000001))
        (else (i64.add (local.get $step) (call $sum (i64.sub (local.get $n) (i64.const 1)) (local.get $step)))))))`;
    const step = S(0x80000000fffffffdn);
    const s = await instantiateWat(REC, undefined, { jsTier: true, jsTierHotness: 1, maxCallDepth: 50_000 });
    const sum = s.func('sum').typed(s.store, ['i64', 'i64'], ['i64']);
    for (const n of [1n, 999n, 3000n]) expect(sum.call(s.store, n, step)).toBe(S(0x7fffffff00000001n + n * step));
  });
});
