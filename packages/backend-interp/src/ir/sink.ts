/**
 * Moves a shift or rotate by a constant down to the instruction that consumes
 * it, so the two can run as one fused pair.
 *
 * Wasm evaluates a binary operator's left operand first, so in
 * `(i32.xor (i32.rotl $a (i32.const 5)) (i32.add (i32.shr_u $x (i32.const 7)) $i))`
 * the rotate is emitted, then the right operand's instructions, and only then
 * the xor: the rotate never sits next to the instruction it feeds. Within a
 * straight run of pure i32 arithmetic nothing observes that order, so the
 * rotate can move past instructions that neither read nor write its result
 * nor overwrite its operand.
 */
import { Op } from './ops.js';
import { irLength, jumpTargets } from './length.js';

/** How many instructions a shift may move past (a bound on the scan; longer runs are rare). */
const MAX_SKIP = 4;

/**
 * Pure i32 instructions of the form [op, d, a, b] (two registers) or [op, d, a, imm], which cannot
 * trap: a shift may move past them.
 */
function aluKind(op: number): 'reg' | 'imm' | undefined {
  if ((op >= 0x46 && op <= 0x4f) || (op >= 0x6a && op <= 0x6c) || (op >= 0x71 && op <= 0x78)) return 'reg';
  // (the immediate forms: mul, and, or, xor, shifts and rotates; there are none of div and rem)
  if (op === Op.I32AddImm || op === Op.I32BinImmBase + 0x02 || (op >= Op.I32BinImmBase + 0x07 && op <= Op.I32BinImmBase + 0x0e)) return 'imm';
  if (op >= Op.I32CmpImmBase && op <= Op.I32CmpImmBase + 9) return 'imm';
  return undefined;
}

/**
 * For each first instruction of a fused pair whose second instruction reads two registers
 * (`partners`: first opcode -> second opcodes), moves it to just before a consumer that is
 * such a second instruction, when only movable instructions lie between and no jump lands
 * among them. Positions before and after the moved stretch stay where they were.
 */
export function sinkToConsumers(code: number[], partners: ReadonlyMap<number, ReadonlySet<number>>): void {
  let targets: Set<number> | undefined;
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
    const seconds = partners.get(code[pc]!);
    if (seconds === undefined) continue;
    const d = code[pc + 1]!;
    const src = code[pc + 2]!;
    const feeds = (q: number): boolean => seconds.has(code[q]!) && (code[q + 2] === d || code[q + 3] === d);
    if (feeds(pc + 4)) continue;
    targets ??= jumpTargets(code);
    for (let q = pc + 4, skipped = 0; skipped <= MAX_SKIP && q + 4 <= code.length && !targets.has(q); q += 4, skipped++) {
      if (feeds(q)) {
        const moved = code.slice(pc, pc + 4);
        code.copyWithin(pc, pc + 4, q);
        for (let k = 0; k < 4; k++) code[q - 4 + k] = moved[k]!;
        break;
      }
      const kind = aluKind(code[q]!);
      if (kind === undefined) break;
      const dq = code[q + 1]!;
      if (dq === d || dq === src || code[q + 2] === d || (kind === 'reg' && code[q + 3] === d)) break;
    }
  }
}
