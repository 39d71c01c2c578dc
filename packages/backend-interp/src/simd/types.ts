import type { ValueType } from '@wrl/core/backend';

/** Which immediate follows the 0xFD sub-opcode in the binary format. */
export type SimdImmediate = 'none' | 'memarg' | 'memarg_lane' | 'lane' | 'v128const' | 'shuffle';

/** Whether an instruction touches memory, and how. */
export type SimdKind = 'pure' | 'load' | 'store' | 'load_lane' | 'store_lane';

/**
 * Which execution table implements a pure instruction (see README.md):
 * v128 -> SIMD_EXEC, splat -> SIMD_SPLAT, extract -> SIMD_EXTRACT,
 * replace -> SIMD_REPLACE, shift -> SIMD_SHIFT, test -> SIMD_TEST,
 * shuffle -> simdShuffle, const -> copy the immediate. Memory instructions
 * have form 'memory' and are run by the helpers in memory.ts.
 */
export type SimdForm = 'v128' | 'splat' | 'extract' | 'replace' | 'shift' | 'test' | 'shuffle' | 'const' | 'memory';

export interface SimdOpInfo {
  readonly name: string;
  readonly imm: SimdImmediate;
  /** Operand types, bottom of the stack first. */
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly kind: SimdKind;
  readonly form: SimdForm;
  /** Bytes read or written by a memory instruction. */
  readonly memBytes?: number;
  /** log2 of the natural alignment: a memarg with a larger alignment is invalid. */
  readonly maxAlign?: number;
  /** Lane immediates must be < lanes (for i8x16.shuffle each of the 16 indices must be < 32). */
  readonly lanes?: number;
}

/** A 128-bit value: 16 bytes, lane 0 first, each lane little-endian. */
export type V128 = Uint8Array;

/** An instruction whose operands and result are all v128 (unary ops ignore b and c, binary ops ignore c). */
export type V128Op = (out: V128, a: V128, b: V128, c: V128) => void;

/**
 * The same instruction on the shared registers (SIMD_REGS): reads A (and B, C
 * by arity), writes R. R never aliases an operand register.
 */
export type V128Core = () => void;

/**
 * Scalar operands and results: i32 as a number (accepted signed or unsigned,
 * returned signed), i64 as a signed bigint (accepted signed or unsigned),
 * f32 as its raw bits in a uint32 number, f64 as its raw bits in an unsigned bigint.
 */
export type SimdScalar = number | bigint;

export type SplatOp = (out: V128, x: SimdScalar) => void;
export type ExtractOp = (a: V128, lane: number) => SimdScalar;
export type ReplaceOp = (out: V128, a: V128, lane: number, x: SimdScalar) => void;
export type ShiftOp = (out: V128, a: V128, count: number) => void;
export type TestOp = (a: V128) => number;
