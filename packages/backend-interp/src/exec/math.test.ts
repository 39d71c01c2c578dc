import { describe, expect, it } from 'vitest';
import { mul64Hi } from './math.js';

const EDGES = [0n, 1n, 2n, 0xffffn, 0x10000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x123456789abcdefn,
  0x7fffffffffffffffn, -0x8000000000000000n, -1n, -2n, 0x9e3779b97f4a7c15n, 0x2545f4914f6cdd1dn, 0x100000001b3n];

function halves(x: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, x)), Number(BigInt.asIntN(32, x >> 32n))];
}

describe('mul64Hi', () => {
  it('gives the high word of the wrapped 64-bit product for edge values and random pairs', () => {
    let seed = 0x12345678n;
    const rand = (): bigint => (seed = BigInt.asIntN(64, seed * 6364136223846793005n + 1442695040888963407n));
    const values = [...EDGES, ...Array.from({ length: 40 }, rand)];
    for (const a of values) {
      for (const b of values) {
        const [alo, ahi] = halves(a);
        const [blo, bhi] = halves(b);
        const want = halves(BigInt.asIntN(64, a * b));
        expect([Math.imul(alo, blo), mul64Hi(alo, ahi, blo, bhi)]).toEqual(want);
      }
    }
  });
});
