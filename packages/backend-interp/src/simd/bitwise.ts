import { A, B, C, R, in1, in2, load, out } from './scratch.js';
import type { TestOp, V128Op } from './types.js';

/* Whole-vector bitwise instructions, computed on 32-bit words. */

export const BITWISE: Record<string, V128Op> = {
  'v128.not': (o, a) => { in1(a); for (let i = 0; i < 4; i++) R.u32[i] = ~A.u32[i]; out(o); },
  'v128.and': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & B.u32[i]; out(o); },
  'v128.andnot': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] & ~B.u32[i]; out(o); },
  'v128.or': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] | B.u32[i]; out(o); },
  'v128.xor': (o, a, b) => { in2(a, b); for (let i = 0; i < 4; i++) R.u32[i] = A.u32[i] ^ B.u32[i]; out(o); },
  // Bits of a where the mask c is 1, bits of b where it is 0.
  'v128.bitselect': (o, a, b, c) => {
    in2(a, b);
    load(C, c);
    for (let i = 0; i < 4; i++) R.u32[i] = (A.u32[i] & C.u32[i]) | (B.u32[i] & ~C.u32[i]);
    out(o);
  },
};

export const BITWISE_TEST: Record<string, TestOp> = {
  'v128.any_true': (a) => { in1(a); return (A.u32[0] | A.u32[1] | A.u32[2] | A.u32[3]) !== 0 ? 1 : 0; },
};
