import { describe, expect, it } from 'vitest';
import { SIMD_CORE, SIMD_EXEC, SIMD_OPS, SIMD_REGS } from './index.js';

/* SIMD_CORE (register form) and SIMD_EXEC (byte form) must be the same instructions. */
describe('SIMD_CORE', () => {
  it('covers exactly the v128-form instructions', () => {
    SIMD_OPS.forEach((info, op) => expect(SIMD_CORE[op] !== undefined, info?.name ?? String(op)).toBe(info?.form === 'v128'));
  });

  it('computes what SIMD_EXEC computes, reading A/B/C and writing R', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    const operands = [new Uint8Array(16), new Uint8Array(16), new Uint8Array(16)];
    const viaBytes = new Uint8Array(16);
    const { A, B, C, R } = SIMD_REGS;
    SIMD_OPS.forEach((info, op) => {
      if (info?.form !== 'v128') return;
      for (let round = 0; round < 50; round++) {
        for (const v of operands) for (let i = 0; i < 16; i++) v[i] = rand();
        SIMD_EXEC[op]!(viaBytes, operands[0]!, operands[1]!, operands[2]!);
        A.u8.set(operands[0]!);
        B.u8.set(operands[1]!);
        C.u8.set(operands[2]!);
        SIMD_CORE[op]!();
        expect([...R.u8], info.name).toEqual([...viaBytes]);
      }
    });
  });
});
