import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { I32_COMPARES, instantiateWat, irOpcodes } from './test-wat.js';

const I32_INPUTS = [0, 1, -1, 2, -2, 0x7fffffff, -0x80000000, 12345, -98765];
const I64_INPUTS = [0n, 1n, -1n, 0x100000000n, 0xffffffffn, -0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x9e3779b97f4a7c15n]
  .map((x) => BigInt.asIntN(64, x));
const I64_COMPARES: readonly [string, (a: bigint, b: bigint) => boolean][] = [
  ['eq', (a, b) => a === b], ['ne', (a, b) => a !== b],
  ['lt_s', (a, b) => a < b], ['lt_u', (a, b) => BigInt.asUintN(64, a) < BigInt.asUintN(64, b)],
  ['gt_s', (a, b) => a > b], ['gt_u', (a, b) => BigInt.asUintN(64, a) > BigInt.asUintN(64, b)],
  ['le_s', (a, b) => a <= b], ['le_u', (a, b) => BigInt.asUintN(64, a) <= BigInt.asUintN(64, b)],
  ['ge_s', (a, b) => a >= b], ['ge_u', (a, b) => BigInt.asUintN(64, a) >= BigInt.asUintN(64, b)],
];
/** Immediates for the i32 compare-with-immediate forms (both signs, both ends of the range). */
const IMMS = [0, 1, -1, 0x7fffffff, -0x80000000, 12345];

describe('a comparison feeding a select runs as one instruction', () => {
  it('i32 compares of two values, each choosing between two i32s and two i64s', async () => {
    const funcs = I32_COMPARES.map(([name]) => `
      (func (export "s_${name}") (param $x i32) (param $y i32) (param $a i32) (param $b i32) (result i32)
        (select (local.get $a) (local.get $b) (i32.${name} (local.get $x) (local.get $y))))
      (func (export "s64_${name}") (param $x i32) (param $y i32) (param $a i64) (param $b i64) (result i64)
        (select (local.get $a) (local.get $b) (i32.${name} (local.get $x) (local.get $y))))`);
    const s = await instantiateWat(`(module ${funcs.join('\n')})`);
    I32_COMPARES.forEach(([name, ref]) => {
      const f = s.func(`s_${name}`).typed(s.store, ['i32', 'i32', 'i32', 'i32'], ['i32']);
      const g = s.func(`s64_${name}`).typed(s.store, ['i32', 'i32', 'i64', 'i64'], ['i64']);
      for (const x of I32_INPUTS) for (const y of I32_INPUTS) {
        expect(f.call(s.store, x, y, 111, -222), `${name} ${x} ${y}`).toBe(ref(x, y) ? 111 : -222);
        expect(g.call(s.store, x, y, -1n << 40n, 5n), `${name} ${x} ${y}`).toBe(ref(x, y) ? -1n << 40n : 5n);
      }
    });
    const seen = irOpcodes(s);
    for (let k = 0; k < 10; k++) expect(seen.has(Op.SelectI32CmpBase + k), I32_COMPARES[k]![0]).toBe(true);
    expect(seen.has(Op.Select)).toBe(false);
  });

  it('i32 compares with a constant', async () => {
    const funcs: string[] = [];
    I32_COMPARES.forEach(([name]) => IMMS.forEach((k, i) => funcs.push(`
      (func (export "s_${name}_${i}") (param $x i32) (param $a i32) (param $b i32) (result i32)
        (select (local.get $a) (local.get $b) (i32.${name} (local.get $x) (i32.const ${k}))))`)));
    const s = await instantiateWat(`(module ${funcs.join('\n')})`);
    I32_COMPARES.forEach(([name, ref]) => IMMS.forEach((k, i) => {
      const f = s.func(`s_${name}_${i}`).typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
      for (const x of I32_INPUTS) expect(f.call(s.store, x, 7, 9), `${name} ${x} ${k}`).toBe(ref(x, k) ? 7 : 9);
    }));
    const seen = irOpcodes(s);
    for (let k = 0; k < 10; k++) expect(seen.has(Op.SelectI32CmpImmBase + k), I32_COMPARES[k]![0]).toBe(true);
  });

  it('i64 compares, over both halves (signed and unsigned)', async () => {
    const funcs = I64_COMPARES.map(([name]) => `
      (func (export "s_${name}") (param $x i64) (param $y i64) (result i32)
        (select (i32.const -1) (i32.const 1) (i64.${name} (local.get $x) (local.get $y))))`);
    const s = await instantiateWat(`(module ${funcs.join('\n')})`);
    I64_COMPARES.forEach(([name, ref]) => {
      const f = s.func(`s_${name}`).typed(s.store, ['i64', 'i64'], ['i32']);
      for (const x of I64_INPUTS) for (const y of I64_INPUTS) expect(f.call(s.store, x, y), `${name} ${x} ${y}`).toBe(ref(x, y) ? -1 : 1);
    });
    const seen = irOpcodes(s);
    for (let k = 0; k < 10; k++) expect(seen.has(Op.SelectI64CmpBase + k), I64_COMPARES[k]![0]).toBe(true);
  });

  it('a three-way compare of u64 keys (as C compilers emit it)', async () => {
    const s = await instantiateWat(`(module (memory 1)
      (func (export "cmp") (param $a i32) (param $b i32) (result i32) (local $x i64) (local $y i64)
        (select (i32.const -1)
          (i64.gt_u (local.tee $x (i64.load (local.get $a))) (local.tee $y (i64.load (local.get $b))))
          (i64.lt_u (local.get $x) (local.get $y))))
      (func (export "put") (param $p i32) (param $v i64) (i64.store (local.get $p) (local.get $v))))`);
    const cmp = s.func('cmp').typed(s.store, ['i32', 'i32'], ['i32']);
    const put = s.func('put').typed(s.store, ['i32', 'i64'], []);
    for (const x of I64_INPUTS) for (const y of I64_INPUTS) {
      put.call(s.store, 8, x);
      put.call(s.store, 16, y);
      const ux = BigInt.asUintN(64, x), uy = BigInt.asUintN(64, y);
      expect(cmp.call(s.store, 8, 16), `${x} ${y}`).toBe(ux < uy ? -1 : ux > uy ? 1 : 0);
    }
    expect(irOpcodes(s).has(Op.SelectI64CmpBase + (0x54 - 0x51))).toBe(true);
  });

  it('keeps NaN payloads of f32/f64 operands, and `select(a, b, eqz x)` swaps the operands', async () => {
    const s = await instantiateWat(`(module
      (func (export "f64") (param $x i32) (param $y i32) (param $a i64) (param $b i64) (result i64)
        (i64.reinterpret_f64 (select (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b)) (i32.lt_s (local.get $x) (local.get $y)))))
      (func (export "f32") (param $x i64) (param $y i64) (param $a i32) (param $b i32) (result i32)
        (i32.reinterpret_f32 (select (f32.reinterpret_i32 (local.get $a)) (f32.reinterpret_i32 (local.get $b)) (i64.ne (local.get $x) (local.get $y)))))
      (func (export "eqz") (param $x i32) (param $a i32) (param $b i32) (result i32)
        (select (local.get $a) (local.get $b) (i32.eqz (local.get $x)))))`);
    const f64 = s.func('f64').typed(s.store, ['i32', 'i32', 'i64', 'i64'], ['i64']);
    const f32 = s.func('f32').typed(s.store, ['i64', 'i64', 'i32', 'i32'], ['i32']);
    const eqz = s.func('eqz').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    const snan64 = 0x7ff0000000000001n, qnan64 = -0x7fffffffffff0n;
    expect(f64.call(s.store, 1, 2, snan64, qnan64)).toBe(snan64);
    expect(f64.call(s.store, 2, 1, snan64, qnan64)).toBe(qnan64);
    expect(f32.call(s.store, 1n, 1n << 32n, 0x7f800001, -0x3fffff)).toBe(0x7f800001);
    expect(f32.call(s.store, 5n, 5n, 0x7f800001, -0x3fffff)).toBe(-0x3fffff);
    for (const x of [0, 1, -1, 0x100]) expect(eqz.call(s.store, x, 10, 20)).toBe(x === 0 ? 10 : 20);
    const seen = irOpcodes(s);
    expect(seen.has(Op.SelectI32CmpBase + (0x48 - 0x46))).toBe(true);
    expect(seen.has(Op.SelectI64CmpBase + (0x52 - 0x51))).toBe(true);
    expect(seen.has(0x45)).toBe(false);
  });

  it('leaves a compare whose result is also kept alone, and fuses nothing across a block boundary', async () => {
    const s = await instantiateWat(`(module
      (func (export "tee") (param $x i32) (param $y i32) (result i32) (local $c i32)
        (i32.add (select (i32.const 100) (i32.const 200) (local.tee $c (i32.lt_u (local.get $x) (local.get $y)))) (local.get $c)))
      (func (export "blk") (param $x i32) (param $y i32) (result i32)
        (select (i32.const 100) (i32.const 200) (block (result i32) (i32.gt_s (local.get $x) (local.get $y))))))`);
    const tee = s.func('tee').typed(s.store, ['i32', 'i32'], ['i32']);
    const blk = s.func('blk').typed(s.store, ['i32', 'i32'], ['i32']);
    expect(tee.call(s.store, 1, 2)).toBe(101);
    expect(tee.call(s.store, -1, 2)).toBe(200);
    expect(blk.call(s.store, 3, 2)).toBe(100);
    expect(blk.call(s.store, 2, 3)).toBe(200);
  });
});
