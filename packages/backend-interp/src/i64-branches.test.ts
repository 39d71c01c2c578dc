import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { instantiateWat, irOpcodes } from './test-wat.js';

const INPUTS = [0n, 1n, -1n, 0x100000000n, 0xffffffffn, -0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x1_0000_0001n]
  .map((x) => BigInt.asIntN(64, x));
const u = (x: bigint): bigint => BigInt.asUintN(64, x);
const COMPARES: readonly [string, (a: bigint, b: bigint) => boolean][] = [
  ['eq', (a, b) => a === b], ['ne', (a, b) => a !== b],
  ['lt_s', (a, b) => a < b], ['lt_u', (a, b) => u(a) < u(b)],
  ['gt_s', (a, b) => a > b], ['gt_u', (a, b) => u(a) > u(b)],
  ['le_s', (a, b) => a <= b], ['le_u', (a, b) => u(a) <= u(b)],
  ['ge_s', (a, b) => a >= b], ['ge_u', (a, b) => u(a) >= u(b)],
];

describe('i64 compare-and-branch', () => {
  it('br_if and if/else on every i64 comparison, both halves deciding', async () => {
    const funcs = COMPARES.map(([name]) => `
      (func (export "br_${name}") (param $a i64) (param $b i64) (result i32)
        (block $yes (br_if $yes (i64.${name} (local.get $a) (local.get $b))) (return (i32.const 20)))
        (i32.const 10))
      (func (export "if_${name}") (param $a i64) (param $b i64) (result i32)
        (if (result i32) (i64.${name} (local.get $a) (local.get $b)) (then (i32.const 1)) (else (i32.const 2))))`);
    const s = await instantiateWat(`(module ${funcs.join('\n')})`);
    for (const [name, ref] of COMPARES) {
      const br = s.func(`br_${name}`).typed(s.store, ['i64', 'i64'], ['i32']);
      const iff = s.func(`if_${name}`).typed(s.store, ['i64', 'i64'], ['i32']);
      for (const a of INPUTS) for (const b of INPUTS) {
        expect(br.call(s.store, a, b), `${name} ${a} ${b}`).toBe(ref(a, b) ? 10 : 20);
        expect(iff.call(s.store, a, b), `${name} ${a} ${b}`).toBe(ref(a, b) ? 1 : 2);
      }
    }
    const seen = irOpcodes(s);
    for (let k = 0; k < 10; k++) expect(seen.has(Op.BrIfI64Base + k), COMPARES[k]![0]).toBe(true);
    for (let op = 0x51; op <= 0x5a; op++) expect(seen.has(op)).toBe(false);
  });

  it('a loop exit test on an i64 counter (rotated to the back edge)', async () => {
    const s = await instantiateWat(`(module
      (func (export "count") (param $from i64) (param $to i64) (result i32) (local $n i32)
        (block $done (loop $l
          (br_if $done (i64.ge_u (local.get $from) (local.get $to)))
          (local.set $from (i64.add (local.get $from) (i64.const 0x100000000)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $n)))`);
    const count = s.func('count').typed(s.store, ['i64', 'i64'], ['i32']);
    expect(count.call(s.store, 0n, 5n << 32n)).toBe(5);
    expect(count.call(s.store, 7n, (5n << 32n) + 8n)).toBe(6);
    expect(count.call(s.store, 5n << 32n, 0n)).toBe(0);
    expect(count.call(s.store, -(3n << 32n), -(1n << 32n))).toBe(2);
    const seen = irOpcodes(s);
    expect(seen.has(Op.BrIfI64Base + (0x5a - 0x51))).toBe(true);
    expect(seen.has(Op.BrIfI64Base + (0x54 - 0x51))).toBe(true);
  });
});
