/**
 * Fixed-width SIMD (the 0xFD prefix of WebAssembly 2.0) for the interpreter:
 * opcode metadata for decoding and validation, and allocation-free
 * implementations on 16-byte little-endian Uint8Arrays. See README.md.
 */
import { BITWISE, BITWISE_TEST } from './bitwise.js';
import { FLOAT } from './float.js';
import { INT64, INT64_SHIFT, INT64_TEST } from './int64.js';
import { INT_ARITH, INT_COMPARE, INT_SHIFT, INT_TEST } from './integer.js';
import { EXTRACT, MOVE, REPLACE, SPLAT } from './lanes.js';
import { SIMD_OPS } from './opcodes.js';
import { A, B, C, R, load, store, type Lanes } from './scratch.js';
import type { ExtractOp, ReplaceOp, ShiftOp, SimdForm, SplatOp, TestOp, V128Core, V128Op } from './types.js';
import { WIDEN } from './widen.js';

export { SIMD_OPS, SIMD_OPCODE_BY_NAME } from './opcodes.js';
export { simdShuffle } from './lanes.js';
export { simdLoad, simdLoadLane, simdStore, simdStoreLane } from './memory.js';
export { v128FromBigInt, v128ToBigInt } from './convert.js';
export type { Lanes } from './scratch.js';
export type { ExtractOp, ReplaceOp, ShiftOp, SimdForm, SimdImmediate, SimdKind, SimdOpInfo, SimdScalar, SplatOp, TestOp, V128, V128Core, V128Op } from './types.js';

/** Lays the implementations of one form out by opcode, checking every instruction of that form has exactly one. */
function byOpcode<T>(form: SimdForm, ...sources: Record<string, T>[]): ReadonlyArray<T | undefined> {
  const impls = new Map<string, T>();
  for (const source of sources) {
    for (const [name, fn] of Object.entries(source)) {
      if (impls.has(name)) throw new Error(`SIMD: ${name} implemented twice`);
      impls.set(name, fn);
    }
  }
  const table: (T | undefined)[] = new Array(SIMD_OPS.length).fill(undefined);
  SIMD_OPS.forEach((info, op) => {
    if (info === undefined || info.form !== form) return;
    const fn = impls.get(info.name);
    if (fn === undefined) throw new Error(`SIMD: no implementation of ${info.name}`);
    table[op] = fn;
    impls.delete(info.name);
  });
  if (impls.size > 0) throw new Error(`SIMD: ${[...impls.keys()].join(', ')} are not ${form} instructions`);
  return Object.freeze(table);
}

/** Instructions of form 'v128' on the shared registers: operands in SIMD_REGS.A/B/C, result in SIMD_REGS.R. */
export const SIMD_CORE: ReadonlyArray<V128Core | undefined> = byOpcode<V128Core>('v128', BITWISE, FLOAT, INT64, INT_ARITH, INT_COMPARE, MOVE, WIDEN);

/** Instructions of form 'v128' on byte arrays: (out, a, b, c); `out` may alias an operand. */
export const SIMD_EXEC: ReadonlyArray<V128Op | undefined> = Object.freeze(
  SIMD_CORE.map((core, op) => (core === undefined ? undefined : onBytes(core, SIMD_OPS[op]!.params.length))),
);

function onBytes(core: V128Core, arity: number): V128Op {
  switch (arity) {
    case 1: return (o, a) => { load(A, a); core(); store(o, R); };
    case 2: return (o, a, b) => { load(A, a); load(B, b); core(); store(o, R); };
    default: return (o, a, b, c) => { load(A, a); load(B, b); load(C, c); core(); store(o, R); };
  }
}

/** Form 'splat': (out, scalar). */
export const SIMD_SPLAT: ReadonlyArray<SplatOp | undefined> = byOpcode<SplatOp>('splat', SPLAT);
/** Form 'extract': (a, lane) => scalar. */
export const SIMD_EXTRACT: ReadonlyArray<ExtractOp | undefined> = byOpcode<ExtractOp>('extract', EXTRACT);
/** Form 'replace': (out, a, lane, scalar). */
export const SIMD_REPLACE: ReadonlyArray<ReplaceOp | undefined> = byOpcode<ReplaceOp>('replace', REPLACE);
/** Form 'shift': (out, a, count); the count is taken modulo the lane width. */
export const SIMD_SHIFT: ReadonlyArray<ShiftOp | undefined> = byOpcode<ShiftOp>('shift', INT_SHIFT, INT64_SHIFT);
/** Form 'test': (a) => i32 (any_true, all_true, bitmask). */
export const SIMD_TEST: ReadonlyArray<TestOp | undefined> = byOpcode<TestOp>('test', BITWISE_TEST, INT_TEST, INT64_TEST);

/**
 * The registers SIMD_CORE works on, each one 16-byte buffer with every lane
 * view (u8, i8, u16, i16, u32, i32, f32, f64, i64, u64). An interpreter that
 * keeps v128 values as words can write operands into A/B/C, call
 * SIMD_CORE[op]() and read R, skipping the byte copies of SIMD_EXEC.
 */
export const SIMD_REGS: { readonly A: Lanes; readonly B: Lanes; readonly C: Lanes; readonly R: Lanes } = Object.freeze({ A, B, C, R });
