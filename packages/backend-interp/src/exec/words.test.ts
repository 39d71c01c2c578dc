import { describe, expect, it } from 'vitest';
import { BR_IMM_DELTA, Op } from '../ir/ops.js';
import { I32_COMPARES } from '../test-wat.js';
import { i32BranchTaken } from './words.js';

/** The compare-and-branch opcode of each wasm i32 comparison (register form). */
const BRANCH_OF: Record<string, number> = {
  lt_s: Op.BrIfI32LtS, lt_u: Op.BrIfI32LtU, ge_s: Op.BrIfI32GeS, ge_u: Op.BrIfI32GeU, ne: Op.BrIfI32Ne,
  eq: Op.BrIfI32Eq, gt_s: Op.BrIfI32GtS, le_s: Op.BrIfI32LeS, gt_u: Op.BrIfI32GtU, le_u: Op.BrIfI32LeU,
};

const INPUTS = [0, 1, -1, 2, -2, 0x7fffffff, -0x80000000, 12345];

describe('i32BranchTaken', () => {
  it('branches as every i32 compare-and-branch does, with a register or an immediate', () => {
    const i32 = new Int32Array(8);
    for (const [name, ref] of I32_COMPARES) {
      for (const a of INPUTS) {
        for (const b of INPUTS) {
          i32[4] = a;
          i32[6] = b;
          // operands are frame-relative: fp 2, a at word 2, b at word 4 (or the immediate b)
          const reg = Int32Array.of(0, BRANCH_OF[name]!, 2, 4, 99);
          const imm = Int32Array.of(0, BRANCH_OF[name]! + BR_IMM_DELTA, 2, b, 99);
          expect(i32BranchTaken(reg, 1, i32, 2), `${name}(${a}, ${b})`).toBe(ref(a, b));
          expect(i32BranchTaken(imm, 1, i32, 2), `${name}(${a}, imm ${b})`).toBe(ref(a, b));
        }
      }
    }
  });
});
