import { describe, expect, it } from 'vitest';
import { SIMD_SHIFT, SIMD_TEST } from './index.js';
import { asI64, asU64, i32, i64, opcode, run } from './test-helpers.js';

const MIN = -(1n << 63n), MAX = (1n << 63n) - 1n;
const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

const shift = (name: string, a: Uint8Array, count: number): bigint[] => {
  const out = new Uint8Array(16);
  SIMD_SHIFT[opcode(name)]!(out, a, count);
  return asI64(out);
};

describe('i64x2 arithmetic in 32-bit limbs', () => {
  it('add carries and sub borrows across the word boundary, wrapping at 2^64', () => {
    expect(asI64(run('i64x2.add', i64(0xffffffffn, MAX), i64(1n, 1n)))).toEqual([0x100000000n, MIN]);
    expect(asI64(run('i64x2.add', i64(-1n, 0xffffffffffn), i64(-1n, 0xffffff0001n)))).toEqual([-2n, 0x1ffffff0000n]);
    expect(asI64(run('i64x2.sub', i64(0x100000000n, MIN), i64(1n, 1n)))).toEqual([0xffffffffn, MAX]);
    expect(asI64(run('i64x2.sub', i64(0n, 5n), i64(1n, 0x100000005n)))).toEqual([-1n, -0x100000000n]);
  });

  it('mul keeps the low 64 bits of the product', () => {
    const cases: [bigint, bigint][] = [
      [0xffffffffn, 0xffffffffn], [-1n, -1n], [MIN, -1n], [MAX, MAX], [0x123456789abcdefn, 0xfedcba987654321n],
      [-0x7654321012345678n, 0x1111111122222222n], [0x100000000n, 0x100000000n], [3n, -5n],
    ];
    for (const [x, y] of cases) expect(asI64(run('i64x2.mul', i64(x, y), i64(y, x))), `${x} * ${y}`).toEqual([wrap(x * y), wrap(x * y)]);
  });

  it('neg and abs wrap at the minimum', () => {
    expect(asI64(run('i64x2.neg', i64(MIN, 1n)))).toEqual([MIN, -1n]);
    expect(asI64(run('i64x2.neg', i64(0n, 0x100000000n)))).toEqual([0n, -0x100000000n]);
    expect(asI64(run('i64x2.abs', i64(MIN, -0x100000000n)))).toEqual([MIN, 0x100000000n]);
    expect(asI64(run('i64x2.abs', i64(-1n, MAX)))).toEqual([1n, MAX]);
  });

  it('compares signed, looking at the low word only when the high words match', () => {
    const a = i64(-1n, 0x1ffffffffn), b = i64(1n, 0x100000000n);
    expect(asI64(run('i64x2.lt_s', a, b))).toEqual([-1n, 0n]);
    expect(asI64(run('i64x2.gt_s', a, b))).toEqual([0n, -1n]);
    expect(asI64(run('i64x2.le_s', i64(MIN, 7n), i64(MAX, 7n)))).toEqual([-1n, -1n]);
    expect(asI64(run('i64x2.ge_s', i64(MIN, 7n), i64(MAX, 7n)))).toEqual([0n, -1n]);
    expect(asI64(run('i64x2.eq', i64(0x100000000n, 5n), i64(0n, 5n)))).toEqual([0n, -1n]);
    expect(asI64(run('i64x2.ne', i64(0x100000000n, 5n), i64(0n, 5n)))).toEqual([-1n, 0n]);
  });

  it('extends i32 lanes and multiplies them to exact 64-bit products', () => {
    const a = i32(-1, -2147483648, 0x7fffffff, 3);
    expect(asI64(run('i64x2.extend_low_i32x4_s', a))).toEqual([-1n, -2147483648n]);
    expect(asI64(run('i64x2.extend_high_i32x4_s', a))).toEqual([0x7fffffffn, 3n]);
    expect(asU64(run('i64x2.extend_low_i32x4_u', a))).toEqual([0xffffffffn, 0x80000000n]);
    expect(asU64(run('i64x2.extend_high_i32x4_u', a))).toEqual([0x7fffffffn, 3n]);
    const b = i32(-1, -2147483648, -2, 0x7fffffff);
    expect(asI64(run('i64x2.extmul_low_i32x4_s', a, b))).toEqual([1n, 1n << 62n]);
    expect(asI64(run('i64x2.extmul_high_i32x4_s', a, b))).toEqual([-2n * 0x7fffffffn, 3n * 0x7fffffffn]);
    expect(asU64(run('i64x2.extmul_low_i32x4_u', a, b))).toEqual([0xffffffffn * 0xffffffffn, 0x80000000n * 0x80000000n]);
    expect(asU64(run('i64x2.extmul_high_i32x4_u', a, b))).toEqual([0x7fffffffn * 0xfffffffen, 3n * 0x7fffffffn]);
  });
});

describe('i64x2 shifts', () => {
  const v = i64(-0x123456789abcdefn, 0x0fedcba987654321n);
  it.each([0, 1, 31, 32, 33, 63, 64, 65, -1])('by %i (modulo 64)', (n) => {
    const k = BigInt(((n % 64) + 64) % 64);
    const x = [-0x123456789abcdefn, 0x0fedcba987654321n];
    expect(shift('i64x2.shl', v, n)).toEqual(x.map((y) => wrap(y << k)));
    expect(shift('i64x2.shr_s', v, n)).toEqual(x.map((y) => y >> k));
    expect(shift('i64x2.shr_u', v, n)).toEqual(x.map((y) => wrap(BigInt.asUintN(64, y) >> k)));
  });
});

describe('i64x2 tests', () => {
  it('all_true and bitmask look at whole 64-bit lanes', () => {
    const t = (name: string, a: Uint8Array) => SIMD_TEST[opcode(name)]!(a);
    expect(t('i64x2.all_true', i64(0x100000000n, 1n))).toBe(1);
    expect(t('i64x2.all_true', i64(0n, 1n))).toBe(0);
    expect(t('i64x2.bitmask', i64(1n, MIN))).toBe(2);
    expect(t('i64x2.bitmask', i64(-1n, 0x80000000n))).toBe(1);
  });
});
