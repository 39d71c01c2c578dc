import { Trap, TrapCode } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { instantiateWat, irOpcodes } from './test-wat.js';

const INPUTS = [0, 1, -1, 3, 0x1234567, -0x80000000, 0x7fffffff, -98765];

/**
 * Each case: a function of (a, b, c) built from an instruction pair the
 * translator runs in one dispatch, its JS meaning, and the fused opcode.
 * Memory holds byte i = i * 7 + 1 (mod 256) at 0..255.
 */
const CASES: { name: string; body: string; ref: (a: number, b: number, c: number) => number; op: number; mem?: boolean }[] = [
  { name: 'mul_add', op: Op.I32MulThenAdd, body: '(i32.add (i32.mul (local.get $a) (local.get $b)) (local.get $c))', ref: (a, b, c) => (Math.imul(a, b) + c) | 0 },
  { name: 'mulimm_addimm', op: Op.I32MulImmThenAddImm, body: '(i32.add (i32.mul (local.get $a) (i32.const 1664525)) (i32.const 1013904223))', ref: (a) => (Math.imul(a, 1664525) + 1013904223) | 0 },
  { name: 'shl_xor', op: Op.I32ShlImmThenXor, body: '(i32.xor (local.get $b) (i32.shl (local.get $a) (i32.const 45)))', ref: (a, b) => b ^ (a << 13) },
  { name: 'shru_xor', op: Op.I32ShrUImmThenXor, body: '(i32.xor (local.get $b) (i32.shr_u (local.get $a) (i32.const 17)))', ref: (a, b) => b ^ (a >>> 17) },
  { name: 'add_xor', op: Op.I32AddThenXor, body: '(i32.xor (i32.add (local.get $a) (local.get $b)) (local.get $c))', ref: (a, b, c) => ((a + b) | 0) ^ c },
  { name: 'xor_rotl', op: Op.I32XorThenRotlImm, body: '(i32.rotl (i32.xor (local.get $a) (local.get $b)) (i32.const 39))', ref: (a, b) => ((a ^ b) << 7) | ((a ^ b) >>> 25) },
  { name: 'xor_mulimm', op: Op.I32XorThenMulImm, body: '(i32.mul (i32.xor (local.get $a) (local.get $b)) (i32.const 0x01000193))', ref: (a, b) => Math.imul(a ^ b, 0x01000193) },
  { name: 'shl_load', op: Op.I32ShlImmThenLoad, mem: true, body: '(i32.load offset=1 (i32.shl (i32.and (local.get $a) (i32.const 15)) (i32.const 2)))', ref: (a) => load32(((a & 15) << 2) + 1) },
  { name: 'load8u_xor', op: Op.I32Load8UThenXor, mem: true, body: '(i32.xor (i32.load8_u offset=3 (i32.and (local.get $a) (i32.const 127))) (local.get $b))', ref: (a, b) => byte((a & 127) + 3) ^ b },
];

function byte(i: number): number {
  return (i * 7 + 1) & 0xff;
}

function load32(ea: number): number {
  return byte(ea) | (byte(ea + 1) << 8) | (byte(ea + 2) << 16) | (byte(ea + 3) << 24);
}

function module(): string {
  let data = '';
  for (let i = 0; i < 256; i++) data += `\\${byte(i).toString(16).padStart(2, '0')}`;
  const funcs = CASES.map((c) => `(func (export "${c.name}") (param $a i32) (param $b i32) (param $c i32) (result i32) ${c.body})`);
  return `(module (memory 1) (data (i32.const 0) "${data}")
    ${funcs.join('\n')}
    ;; an f64 dot product: f64.mul then f64.add, and i64/f64 loads at shifted indices
    (func (export "dot") (param $n i32) (result f64) (local $i i32) (local $s f64)
      (block $done (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load offset=1024 (i32.shl (local.get $i) (i32.const 3)))
                   (f64.load offset=2048 (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $s))
    (func (export "set") (param $i i32) (param $x f64) (param $y f64)
      (f64.store offset=1024 (i32.shl (local.get $i) (i32.const 3)) (local.get $x))
      (f64.store offset=2048 (i32.shl (local.get $i) (i32.const 3)) (local.get $y)))
    ;; stores at shifted or added addresses, read back through plain loads
    (func (export "store32") (param $i i32) (param $v i32) (result i32)
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $v))
      (i32.load offset=4096 (i32.shl (local.get $i) (i32.const 2))))
    (func (export "store_f32") (param $i i32) (param $v f32) (result f32)
      (f32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $v))
      (f32.load offset=4096 (i32.shl (local.get $i) (i32.const 2))))
    (func (export "store64") (param $i i32) (param $v i64) (result i64)
      (i64.store offset=8192 (i32.shl (local.get $i) (i32.const 3)) (local.get $v))
      (i64.load offset=8192 (i32.shl (local.get $i) (i32.const 3))))
    (func (export "add_store_load") (param $p i32) (param $i i32) (param $v i32) (result i32)
      (i32.store offset=2 (i32.add (local.get $p) (local.get $i)) (local.get $v))
      (i32.load offset=2 (i32.add (local.get $p) (local.get $i))))
    ;; f64 loads keep NaN payloads (signalling ones included)
    (func (export "f64_bits") (param $i i32) (param $bits i64) (result i64)
      (i64.store offset=1024 (i32.shl (local.get $i) (i32.const 3)) (local.get $bits))
      (i64.reinterpret_f64 (f64.load offset=1024 (i32.shl (local.get $i) (i32.const 3)))))
    (func (export "f64_bits_plain") (param $a i32) (param $bits i64) (result i64)
      (i64.store (local.get $a) (local.get $bits))
      (i64.reinterpret_f64 (f64.load (local.get $a))))
    (func (export "load64") (param $i i32) (result i64)
      (i64.load (i32.shl (local.get $i) (i32.const 3))))
    ;; the i32.add after the i32.mul is also a loop start, reached by a jump on later iterations
    (func (export "mul_then_loop") (param $a i32) (param $b i32) (result i32) (local $t i32) (local $n i32) (local $r i32)
      (local.set $t (i32.mul (local.get $a) (local.get $b)))
      (loop $l
        (local.set $r (i32.add (local.get $t) (local.get $r)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $n) (i32.const 3))))
      (local.get $r)))`;
}

describe('instruction pairs run in one dispatch', () => {
  it('compute like the separate instructions', async () => {
    const s = await instantiateWat(module());
    for (const c of CASES) {
      const f = s.func(c.name).typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
      for (const a of INPUTS) for (const b of INPUTS) expect(f.call(s.store, a, b, b ^ 0x55), `${c.name}(${a}, ${b})`).toBe(c.ref(a, b, b ^ 0x55));
    }
    const set = s.func('set').typed(s.store, ['i32', 'f64', 'f64'], []);
    const xs = [1.5, -0.25, 1e300, 3, Number.NaN, 7];
    const ys = [2, 4, 1e10, -0, 1, 0.1];
    for (let i = 0; i < xs.length; i++) set.call(s.store, i, xs[i]!, ys[i]!);
    const dot = s.func('dot').typed(s.store, ['i32'], ['f64']);
    let want = 0;
    for (let i = 0; i < 4; i++) want += xs[i]! * ys[i]!;
    expect(dot.call(s.store, 4)).toBe(want);
    expect(dot.call(s.store, 6)).toBeNaN();
    const load64 = s.func('load64').typed(s.store, ['i32'], ['i64']);
    expect(load64.call(s.store, 1)).toBe(BigInt.asIntN(64, BigInt(load32(8) >>> 0) | (BigInt(load32(12) >>> 0) << 32n)));
    const loop = s.func('mul_then_loop').typed(s.store, ['i32', 'i32'], ['i32']);
    for (const a of INPUTS) expect(loop.call(s.store, a, 7)).toBe(Math.imul(Math.imul(a, 7), 3) | 0);
    const store32 = s.func('store32').typed(s.store, ['i32', 'i32'], ['i32']);
    for (const v of INPUTS) expect(store32.call(s.store, 5, v)).toBe(v);
    const storeF32 = s.func('store_f32').typed(s.store, ['i32', 'f32'], ['f32']);
    expect(storeF32.call(s.store, 6, 1.5)).toBe(1.5);
    const store64 = s.func('store64').typed(s.store, ['i32', 'i64'], ['i64']);
    for (const v of [0n, -1n, 0x123456789abcdefn, -0x8000000000000000n]) expect(store64.call(s.store, 9, v)).toBe(v);
    const addStoreLoad = s.func('add_store_load').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    for (const v of INPUTS) expect(addStoreLoad.call(s.store, 5000, 17, v)).toBe(v);
    expect(addStoreLoad.call(s.store, -1, 7, 99)).toBe(99); // the address wraps around to 6
    const f64Bits = s.func('f64_bits').typed(s.store, ['i32', 'i64'], ['i64']);
    const f64BitsPlain = s.func('f64_bits_plain').typed(s.store, ['i32', 'i64'], ['i64']);
    for (const bits of [0x7ff4000000000001n, -0x7ffffffffffedcn, 0x7ff0000000000000n, 1n, -1n, 0x3ff8000000000000n]) {
      expect(f64Bits.call(s.store, 3, bits), bits.toString(16)).toBe(bits);
      expect(f64BitsPlain.call(s.store, 12345, bits), bits.toString(16)).toBe(bits);
    }
    const seen = irOpcodes(s);
    for (const c of CASES) expect(seen.has(c.op), c.name).toBe(true);
    for (const op of [Op.F64MulThenAdd, Op.I32ShlImmThenLoad64, Op.I32ShlImmThenStore, Op.I32ShlImmThenStore64, Op.I32AddThenLoad, Op.I32AddThenStore]) {
      expect(seen.has(op), `0x${op.toString(16)}`).toBe(true);
    }
  });

  it('trap when the load of a pair is out of bounds', async () => {
    const s = await instantiateWat(module());
    const load64 = s.func('load64').typed(s.store, ['i32'], ['i64']);
    expect(load64.call(s.store, 8191)).toBeTypeOf('bigint');
    for (const i of [8192, -1, 0x1fffffff]) {
      try {
        load64.call(s.store, i);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(Trap);
        expect((e as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
      }
    }
    const traps = (f: () => unknown) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect((e as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
      }
    };
    const store32 = s.func('store32').typed(s.store, ['i32', 'i32'], ['i32']);
    traps(() => store32.call(s.store, 15360, 1));
    const store64 = s.func('store64').typed(s.store, ['i32', 'i64'], ['i64']);
    traps(() => store64.call(s.store, 7168, 1n));
    expect(store64.call(s.store, 7167, 5n)).toBe(5n);
    const addStoreLoad = s.func('add_store_load').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    traps(() => addStoreLoad.call(s.store, 65530, 1, 1));
    expect(addStoreLoad.call(s.store, 65529, 1, 3)).toBe(3);
    const shlLoad = s.func('shl_load').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    expect(shlLoad.call(s.store, 15, 0, 0)).toBe(load32(61));
  });
});
