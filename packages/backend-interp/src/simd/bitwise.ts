import { A, B, C, R, in1 } from './scratch.js';
import type { TestOp, V128Core } from './types.js';

/* Whole-vector bitwise instructions, computed on 32-bit words. */

export const BITWISE: Record<string, V128Core> = {
  'v128.not': () => { for (let i = 0; i < 4; i++) R.u32[i] = ~A.u32[i]; },
  'v128.and': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & B.u32[i]; },
  'v128.andnot': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & ~B.u32[i]; },
  'v128.or': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] | B.u32[i]; },
  'v128.xor': () => { for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] ^ B.u32[i]; },
  // Bits of a where the mask c is 1, bits of b where it is 0.
  'v128.bitselect': () => {
    for (let i = 0; i < 4; i++) R.u32[i] = (A.u32[i] & C.u32[i]) | (B.u32[i] & ~C.u32[i]);
  },
};

export const BITWISE_TEST: Record<string, TestOp> = {
  'v128.any_true': (a) => { in1(a); return (A.u32[0] | A.u32[1] | A.u32[2] | A.u32[3]) !== 0 ? 1 : 0; },
};
