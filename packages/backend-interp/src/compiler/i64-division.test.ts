/**
 * i64 division and remainder in the JS tier against BigInt arithmetic: the
 * word-wise long division for divisors below 2^32 (unsigned) or of an int32's
 * magnitude (signed), the int32 shortcut and the BigInt path, with the
 * boundaries of each.
 */
import { describe, expect, it } from 'vitest';
import { outcome, instantiateWat } from '../test-wat.js';

const S = (x: bigint): bigint => BigInt.asIntN(64, x);
const U = (x: bigint): bigint => BigInt.asUintN(64, x);

const MODULE = `(module
  ${['div_s', 'div_u', 'rem_s', 'rem_u'].map((op) => `(func (export "${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))`).join('\n  ')}
  (func (export "rem_u_prime") (param i64) (result i64) (i64.rem_u (local.get 0) (i64.const 1000000007)))
  (func (export "div_s_ten") (param i64) (result i64) (i64.div_s (local.get 0) (i64.const -10))))`;

function reference(op: string, a: bigint, b: bigint): bigint | string {
  if (b === 0n) return 'trap IntegerDivisionByZero';
  if (op === 'div_s' && a === -(1n << 63n) && b === -1n) return 'trap IntegerOverflow';
  if (op.endsWith('_u')) return S(op.startsWith('div') ? U(a) / U(b) : U(a) % U(b));
  return S(op.startsWith('div') ? a / b : a % b);
}

/** xorshift64: values of every magnitude, deterministically. */
function* randoms(n: number): Generator<bigint> {
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < n; i++) {
    x ^= U(x << 13n);
    x ^= x >> 7n;
    x ^= U(x << 17n);
    // shift some right so small and mid-sized values occur too
    yield S(x >> BigInt((i * 7) % 64));
  }
}

const EDGES = [
  0n, 1n, -1n, 2n, -2n, 7n, 10n, -10n, 0x7fffffffn, -0x80000000n, 0x80000000n, 0xffffffffn, -0xffffffffn, 0x100000000n,
  0x100000001n, -0x100000001n, 0xffffffff_ffffn, (1n << 63n) - 1n, -(1n << 63n), -(1n << 63n) + 1n, 1000000007n, -1000000007n,
  0x1_0000_ffffn, 0xfffe_0001_0000_0000n,
].map(S);

describe('JS tier i64 division', () => {
  it('matches BigInt quotients and remainders, traps included', async () => {
    const s = await instantiateWat(MODULE, undefined, { jsTier: true, jsTierHotness: 1 });
    const fns = ['div_s', 'div_u', 'rem_s', 'rem_u'].map((op) => [op, s.func(op).typed(s.store, ['i64', 'i64'], ['i64'])] as const);
    const values = [...EDGES, ...randoms(160)];
    const wrong: string[] = [];
    for (const a of values) {
      for (const b of values) {
        for (const [op, f] of fns) {
          const want = reference(op, a, b);
          const got = outcome(() => f.call(s.store, a, b));
          if (got !== want) wrong.push(`${op}(${a}, ${b}) = ${String(got)}, want ${String(want)}`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const prime = s.func('rem_u_prime').typed(s.store, ['i64'], ['i64']);
    const ten = s.func('div_s_ten').typed(s.store, ['i64'], ['i64']);
    for (const a of values) {
      expect(prime.call(s.store, a)).toBe(S(U(a) % 1000000007n));
      expect(ten.call(s.store, a)).toBe(S(a / -10n));
    }
  });
});
