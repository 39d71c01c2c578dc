/**
 * Runs the SIMD IR instructions with the implementations from `src/simd/`:
 * operands are copied from the frame into preallocated 16-byte registers,
 * so nothing allocates and results may overwrite operands.
 */
import { TrapCode } from '@wrl/core/backend';
import type { ValueStack } from '../runtime/stack.js';
import {
  SIMD_CORE, SIMD_EXTRACT, SIMD_OPS, SIMD_REGS, SIMD_REPLACE, SIMD_SHIFT, SIMD_SPLAT, SIMD_TEST,
  simdLoad, simdLoadLane, simdShuffle, simdStore, simdStoreLane,
} from '../simd/index.js';
import { register16 } from '../simd/scratch.js';
import { trap } from './math.js';

const [A8, A32] = register16();
const [B8, B32] = register16();
const [O8, O32] = register16();
const [L8, L32] = register16();
const CORE_IN = [SIMD_REGS.A.i32, SIMD_REGS.B.i32, SIMD_REGS.C.i32];
const CORE_OUT = SIMD_REGS.R.i32;

/** Immediate words after the operands of a SimdPure instruction, by sub-opcode. */
const IMM_WORDS: readonly number[] = SIMD_OPS.map((info) => (info === undefined ? 0 : info.imm === 'lane' ? 1 : info.imm === 'shuffle' || info.imm === 'v128const' ? 4 : 0));

export function simdImmWords(sub: number): number {
  return IMM_WORDS[sub]!;
}

function readV(i32: Int32Array, w: number, into: Int32Array): void {
  into[0] = i32[w]!; into[1] = i32[w + 1]!; into[2] = i32[w + 2]!; into[3] = i32[w + 3]!;
}

function writeV(i32: Int32Array, w: number, from: Int32Array): void {
  i32[w] = from[0]!; i32[w + 1] = from[1]!; i32[w + 2] = from[2]!; i32[w + 3] = from[3]!;
}

function readScalar(s: ValueStack, t: string, w: number): number | bigint {
  switch (t) {
    case 'i64': return s.i64[w >> 1]!;
    case 'f64': return s.u64[w >> 1]!;
    case 'f32': return s.u32[w]!;
    default: return s.i32[w]!;
  }
}

function writeScalar(s: ValueStack, t: string, w: number, v: number | bigint): void {
  switch (t) {
    case 'i64': s.i64[w >> 1] = v as bigint; return;
    case 'f64': s.u64[w >> 1] = BigInt.asUintN(64, v as bigint); return;
    default: s.i32[w] = v as number;
  }
}

/** SimdPure: [op, d, sub, nargs, args..., immediates...]. */
export function execSimd(code: Int32Array, pc: number, s: ValueStack, fp: number): void {
  const i32 = s.i32;
  const d = fp + code[pc + 1]!;
  const sub = code[pc + 2]!;
  const n = code[pc + 3]!;
  const info = SIMD_OPS[sub]!;
  const imm = pc + 4 + n;
  switch (info.form) {
    case 'v128':
      // straight into the registers SIMD_CORE works on: SIMD_EXEC would copy the bytes in and out once more
      for (let k = 0; k < n; k++) readV(i32, fp + code[pc + 4 + k]!, CORE_IN[k]!);
      SIMD_CORE[sub]!();
      writeV(i32, d, CORE_OUT);
      return;
    case 'splat':
      SIMD_SPLAT[sub]!(O8, readScalar(s, info.params[0]!, fp + code[pc + 4]!));
      writeV(i32, d, O32);
      return;
    case 'extract':
      readV(i32, fp + code[pc + 4]!, A32);
      writeScalar(s, info.results[0]!, d, SIMD_EXTRACT[sub]!(A8, code[imm]!));
      return;
    case 'replace':
      readV(i32, fp + code[pc + 4]!, A32);
      SIMD_REPLACE[sub]!(O8, A8, code[imm]!, readScalar(s, info.params[1]!, fp + code[pc + 5]!));
      writeV(i32, d, O32);
      return;
    case 'shift':
      readV(i32, fp + code[pc + 4]!, A32);
      SIMD_SHIFT[sub]!(O8, A8, i32[fp + code[pc + 5]!]!);
      writeV(i32, d, O32);
      return;
    case 'test':
      readV(i32, fp + code[pc + 4]!, A32);
      i32[d] = SIMD_TEST[sub]!(A8);
      return;
    case 'shuffle':
      readV(i32, fp + code[pc + 4]!, A32);
      readV(i32, fp + code[pc + 5]!, B32);
      L32[0] = code[imm]!; L32[1] = code[imm + 1]!; L32[2] = code[imm + 2]!; L32[3] = code[imm + 3]!;
      simdShuffle(O8, A8, B8, L8);
      writeV(i32, d, O32);
      return;
    case 'const':
      i32[d] = code[imm]!; i32[d + 1] = code[imm + 1]!; i32[d + 2] = code[imm + 2]!; i32[d + 3] = code[imm + 3]!;
      return;
    default:
      throw new Error(`interp: SIMD instruction ${info.name} is not pure`);
  }
}

/** SimdLoad [op, d, sub, addr, offset] and SimdLoadLane [op, d, sub, addr, v, offset, lane]. */
export function simdLoadOp(code: Int32Array, pc: number, s: ValueStack, fp: number, mem: Uint8Array, ea: number): void {
  const sub = code[pc + 2]!;
  const info = SIMD_OPS[sub]!;
  if (ea + info.memBytes! > mem.length) trap(TrapCode.MemoryOutOfBounds);
  if (info.kind === 'load') simdLoad(sub, mem, ea, O8);
  else {
    readV(s.i32, fp + code[pc + 4]!, A32);
    simdLoadLane(sub, mem, ea, A8, code[pc + 6]!, O8);
  }
  writeV(s.i32, fp + code[pc + 1]!, O32);
}

/** SimdStore [op, sub, addr, v, offset] and SimdStoreLane [op, sub, addr, v, offset, lane]. */
export function simdStoreOp(code: Int32Array, pc: number, s: ValueStack, fp: number, mem: Uint8Array, ea: number): void {
  const sub = code[pc + 1]!;
  const info = SIMD_OPS[sub]!;
  if (ea + info.memBytes! > mem.length) trap(TrapCode.MemoryOutOfBounds);
  readV(s.i32, fp + code[pc + 3]!, A32);
  if (info.kind === 'store') simdStore(mem, ea, A8);
  else simdStoreLane(sub, mem, ea, A8, code[pc + 5]!);
}
