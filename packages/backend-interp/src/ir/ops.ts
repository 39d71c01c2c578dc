/**
 * Opcodes of the internal register IR. Operands are word offsets (4 bytes)
 * from the frame pointer; every scalar value takes 2 words, a v128 takes 4.
 *
 * Numeric instructions, loads and stores keep their WebAssembly opcode as IR
 * opcode (so `0x6a` is i32.add in both); `0xfc xx` instructions become
 * `0x100 + xx`; everything else the IR needs lives from 0x120 upwards.
 * The interpreter's switch uses these numbers as literals (so V8 builds a jump
 * table), hence they must never change without updating `exec/run.ts`.
 *
 * Formats: unary `[op, d, a]`, binary `[op, d, a, b]`, load `[op, d, addr, offset]`,
 * store `[op, addr, value, offset]`.
 */
export const Op = {
  Unreachable: 0x00,
  FcBase: 0x100,
  MemoryInit: 0x108, // [op, data, d, s, n]
  DataDrop: 0x109, // [op, data]
  MemoryCopy: 0x10a, // [op, d, s, n]
  MemoryFill: 0x10b, // [op, d, v, n]
  TableInit: 0x10c, // [op, table, elem, d, s, n]
  ElemDrop: 0x10d, // [op, elem]
  TableCopy: 0x10e, // [op, dstTable, srcTable, d, s, n]
  TableGrow: 0x10f, // [op, d, table, init, delta]
  TableSize: 0x110, // [op, d, table]
  TableFill: 0x111, // [op, table, i, v, n]

  Copy: 0x120, // [op, d, s]: 2 words
  CopyRef: 0x121,
  CopyV128: 0x122,
  Const32: 0x123, // [op, d, bits]
  Const64: 0x124, // [op, d, lo, hi]
  ConstV128: 0x125, // [op, d, w0, w1, w2, w3]
  RefNull: 0x126, // [op, d]
  RefFunc: 0x127, // [op, d, func]
  Br: 0x128, // [op, target]
  BrIf: 0x129, // [op, cond, target]
  BrUnless: 0x12a, // [op, cond, target]
  BrTable: 0x12b, // [op, index, n, target0..targetN] (the last target is the default)
  Return: 0x12c, // [op]
  Call: 0x12d, // [op, func, argBase]
  CallIndirect: 0x12e, // [op, sig, table, index, argBase]
  ReturnCall: 0x12f, // [op, func, argBase]
  ReturnCallIndirect: 0x130, // [op, sig, table, index, argBase]
  Select: 0x131, // [op, d, a, b, cond]
  SelectRef: 0x132,
  SelectV128: 0x133,
  GlobalGet: 0x134, // [op, d, global]
  GlobalGetRef: 0x135,
  GlobalGetV128: 0x136,
  GlobalSet: 0x137, // [op, global, s]
  GlobalSetRef: 0x138,
  GlobalSetV128: 0x139,
  TableGet: 0x13a, // [op, d, table, i]
  TableSet: 0x13b, // [op, table, i, v]
  MemorySize: 0x13c, // [op, d]
  MemoryGrow: 0x13d, // [op, d, delta]
  RefIsNull: 0x13e, // [op, d, s]
  Fuel: 0x13f, // [op, amount]
  SimdPure: 0x140, // [op, d, simdOp, nargs, a0.., imm words...]
  SimdLoad: 0x141, // [op, d, simdOp, addr, offset]
  SimdStore: 0x142, // [op, simdOp, addr, v, offset]
  SimdLoadLane: 0x143, // [op, d, simdOp, addr, v, offset, lane]
  SimdStoreLane: 0x144, // [op, simdOp, addr, v, offset, lane]
  /** [op, memory]: the following memory instructions use this memory (multi-memory); memory 0 is the default. */
  UseMem: 0x145,
  MemoryCopyBetween: 0x146, // [op, dstMemory, srcMemory, d, s, n]
  // Fused forms the translator emits for common patterns.
  I32AddImm: 0x150, // [op, d, a, imm]
  BrIfI32LtS: 0x152, // [op, a, b, target]
  BrIfI32LtU: 0x153,
  BrIfI32GeS: 0x154,
  BrIfI32GeU: 0x155,
  BrIfI32Ne: 0x156,
  BrIfI32Eq: 0x157,
  BrIfI32GtS: 0x158,
  BrIfI32LeS: 0x159,
  BrIfI32GtU: 0x15a,
  BrIfI32LeU: 0x15b,
  /**
   * [op, target, 0, 0]: a backward `br` to a loop, with room to be rewritten
   * into the loop's exit test (see Translator.threadJumps).
   */
  BrLoop: 0x15d,
  /** [op, a, target]: jump if the i64 at a is zero / not zero (i64.eqz feeding br_if or if). */
  BrI64Zero: 0x17a,
  BrI64NonZero: 0x17b,
  /** [op]: does nothing; pads a rotated i64 loop test (3 words) to the 4 of the back edge it replaced. */
  Nop: 0x17d,
  /**
   * [op, d, s]: a copy, then the copy that follows it (which stays in place, so
   * jumps to it still work): one dispatch for two moves.
   */
  CopyThenCopy: 0x17e,
  /** [op, d, a, imm]: i32.add with an immediate, then the `call` after it (kept in place, like the fused branches). */
  I32AddImmThenCall: 0x17f,
  /** [op, d, a, lo, hi]: i64.add with an immediate (i64.sub becomes the negated immediate). */
  I64AddImm: 0x17c,
  /** [op, s]: copies one scalar result (2 words) to the frame base, then returns. */
  ReturnScalar: 0x15c,
  /** i32 comparisons with an immediate right operand: [op, d, a, imm]; 0x160 + (wasm opcode - 0x46). */
  I32CmpImmBase: 0x160,
  /**
   * [op, d, a, imm]: i32.add with an immediate, then runs the compare-and-branch
   * that follows it (which stays in place, so jumps to it still work): one
   * dispatch for a counted loop's `i += k; if (i < n) continue`.
   * 0x180 + (branch opcode - 0x152) for a register compare, 0x18a + (branch
   * opcode - 0x170) for one with an immediate.
   */
  I32AddImmThenBrBase: 0x180,
  /**
   * i32 binary operations with an immediate right operand, [op, d, a, imm]:
   * 0x1a0 + (wasm opcode - 0x6a) for mul, and, or, xor, shl, shr_s, shr_u,
   * rotl and rotr (add and sub use I32AddImm). Shift and rotate counts are
   * stored already masked to 0..31.
   */
  I32BinImmBase: 0x1a0,
  // Pairs run in one dispatch: [first instruction's words], the second stays in
  // place after it (a jump to it still lands on a whole instruction).
  /** i32.mul, then the i32.add after it (index arithmetic `i * n + j`). */
  I32MulThenAdd: 0x1b0,
  /** i32.shl by an immediate, then the i32.load after it (`a[i]` with 4-byte elements). */
  I32ShlImmThenLoad: 0x1b1,
  /** i32.shl by an immediate, then the i64.load or f64.load after it (8-byte elements). */
  I32ShlImmThenLoad64: 0x1b2,
  /** f64.mul, then the f64.add after it (multiply-accumulate; both still round separately). */
  F64MulThenAdd: 0x1b3,
  /** i32.mul by an immediate, then the i32.add of an immediate after it (`x * a + c`, LCGs, strides). */
  I32MulImmThenAddImm: 0x1b4,
  /** i32.shl by an immediate, then the i32.xor after it (xorshift steps). */
  I32ShlImmThenXor: 0x1b5,
  /** i32.shr_u by an immediate, then the i32.xor after it (xorshift steps, hash mixing). */
  I32ShrUImmThenXor: 0x1b6,
  /** i32.xor, then the i32.mul by an immediate after it (FNV-style hashing). */
  I32XorThenMulImm: 0x1b7,
  /** i32.load8_u, then the i32.xor after it (byte-wise hashing). */
  I32Load8UThenXor: 0x1b8,
  /** i32.shl by an immediate, then the i32.store or f32.store after it (`a[i] = x` with 4-byte elements). */
  I32ShlImmThenStore: 0x1ba,
  /** i32.shl by an immediate, then the i64.store or f64.store after it (8-byte elements). */
  I32ShlImmThenStore64: 0x1bb,
  /** i32.add, then the i32.load after it (`*(p + i)`). */
  I32AddThenLoad: 0x1bc,
  /** i32.add, then the i32.store after it. */
  I32AddThenStore: 0x1bd,
  /** i32.add with an immediate, then the br_if / br_unless after it (`if (--n) continue`). */
  I32AddImmThenBrIf: 0x1be,
  I32AddImmThenBrUnless: 0x1bf,
  /** [op, d, a, lo, hi]: i64.add with an immediate, then the BrI64Zero / BrI64NonZero after it (i64 countdown loops). */
  I64AddImmThenBrZero: 0x1d4,
  I64AddImmThenBrNonZero: 0x1d5,
  /** i32.add, then the i32.xor after it (add-rotate-xor mixing: ChaCha, BLAKE2, SipHash). */
  I32AddThenXor: 0x1d6,
  /** i32.xor, then the i32.rotl by an immediate after it (add-rotate-xor mixing). */
  I32XorThenRotlImm: 0x1d7,
  /** i32.add, then the ReturnScalar after it (`return a + b`). */
  I32AddThenReturn: 0x1b9,
  /**
   * A compare-and-branch whose fall-through is a ReturnScalar, returning when
   * the branch is not taken (`if (n < 2) return n`): 0x1c0 + (opcode - 0x170)
   * for one with an immediate, 0x1ca + (opcode - 0x152) for a register compare.
   */
  BrIfElseReturnBase: 0x1c0,
  /**
   * i64 binary operations with a constant right operand: 0x1e0 + (wasm opcode - 0x7c).
   * Shifts and rotates are [op, d, a, k] with k already masked to 0..63; mul,
   * and, or and xor are [op, d, a, lo, hi]. (add and sub use I64AddImm.)
   */
  I64BinImmBase: 0x1e0,
  /** i64.shl by a constant, then the i64.xor after it (xorshift64 steps). */
  I64ShlImmThenXor: 0x1f0,
  /** i64.shr_u by a constant, then the i64.xor after it (xorshift64 steps, splitmix-style mixing). */
  I64ShrUImmThenXor: 0x1f1,
  /** i32.load, then the i32.load after it (two fields of a struct, two operands from memory). */
  I32LoadThenLoad: 0x1f2,
  /** i64.load or f64.load, then the i64.load or f64.load after it. */
  I64LoadThenLoad: 0x1f3,
  /** i64.load or f64.load, then the i64.store or f64.store after it (8-byte copies: struct assignment, swaps). */
  I64LoadThenStore: 0x1f4,
  /** i32.add with an immediate, then the i32.load after it (a pointer plus a field or table offset). */
  I32AddImmThenLoad: 0x1f5,
  /** i32.add with an immediate, then the i64.load or f64.load after it. */
  I32AddImmThenLoad64: 0x1f6,
  /**
   * i32.add with an immediate, then the copy after it (`p += k` kept in two locals, `local.tee` +
   * `local.set`), or both copies of a CopyThenCopy after it (`i++`, then copies of call arguments).
   */
  I32AddImmThenCopy: 0x1f7,
  /** i32.load, then the i32.store after it (4-byte copies). */
  I32LoadThenStore: 0x1f8,
  /**
   * A comparison feeding a select, run as one instruction: [op, d, a, b, x, y], d = (x cmp y) ? a : b
   * (a and b scalars). 0x200 + (wasm opcode - 0x46) for i32 compares of two slots, 0x20a + (wasm
   * opcode - 0x46) for i32 compares with an immediate y, 0x214 + (wasm opcode - 0x51) for i64 compares.
   */
  SelectI32CmpBase: 0x200,
  SelectI32CmpImmBase: 0x20a,
  SelectI64CmpBase: 0x214,
  /**
   * i64 comparisons feeding br_if or if, as compare-and-branch: [op, a, b, target];
   * 0x222 + (wasm opcode - 0x51) (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u).
   */
  BrIfI64Base: 0x222,
  /** [op, d, bits]: a 32-bit constant, then the one after it (`c ? -1 : 1`, constant call arguments). */
  Const32ThenConst32: 0x22c,
  /**
   * [op, target, amount, 0]: with fuel metering, a loop's back edge that charges the fuel of the
   * loop's first block itself and jumps past that block's Fuel instruction (one dispatch less per
   * iteration; the charge and a trap for lack of fuel happen where the Fuel instruction's would).
   */
  BrLoopFuel: 0x22d,
  /** [op, amount]: a Fuel instruction, then the ReturnScalar after it (the end of an if/else that returns). */
  FuelThenReturnScalar: 0x22e,
  /** i32.shr_u by an immediate, then the i32.add after it (`h + (h >>> k)`; often met by sinking, ir/sink.ts). */
  I32ShrUImmThenAdd: 0x22f,
  /** i32.rotl by an immediate, then the i32.xor after it (add-rotate-xor mixing). */
  I32RotlImmThenXor: 0x230,
  /**
   * [op, test, amount, 0]: with fuel metering, the back edge of a loop whose first block starts
   * with an i32 compare-and-branch (at `test`, usually the loop's exit test): charges that block's
   * fuel, then runs the test, branching where it branches or going on after it, in one dispatch.
   */
  BrLoopFuelTest: 0x231,
  /** [op, d, a, imm]: i32.add with an immediate, then the BrLoopFuelTest after it (`i++` at a metered loop's end). */
  I32AddImmThenBrLoopFuelTest: 0x232,
} as const;

/** Wasm i64 binary opcodes with a form taking a constant right operand, [op, d, a, lo, hi] (0x1e0 + op - 0x7c). */
export const I64_BIN_IMM_OPS: ReadonlySet<number> = new Set([0x7e, 0x83, 0x84, 0x85]);
/** Wasm i64 shift and rotate opcodes with a form taking a constant count, [op, d, a, k] (0x1e0 + op - 0x7c). */
export const I64_SHIFT_IMM_OPS: ReadonlySet<number> = new Set([0x86, 0x87, 0x88, 0x89, 0x8a]);

/** Wasm i32 binary opcodes that have a form with an immediate right operand at I32BinImmBase + (op - 0x6a). */
export const I32_BIN_IMM_OPS: ReadonlySet<number> = new Set([0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78]);

/**
 * Offset from a register compare-and-branch opcode (BrIfI32LtS..BrIfI32LeU) to
 * its form with an immediate right operand, [op, a, imm, target] (0x170..0x179).
 */
export const BR_IMM_DELTA = 0x1e;

/** Whether `op` is an i32 compare-and-branch, [op, a, b or imm, target] (0x152..0x15b, 0x170..0x179). */
export function isI32CompareBranch(op: number): boolean {
  return (op >= 0x152 && op <= 0x15b) || (op >= 0x152 + BR_IMM_DELTA && op <= 0x15b + BR_IMM_DELTA);
}

/**
 * Words of zeros after a function's last instruction. The interpreter reads the three words after
 * every opcode before it dispatches (one load each instead of one per use in every case), so those
 * reads must stay inside the array even for the last instruction.
 */
export const CODE_PADDING = 3;

/** The finished code of a function: its words, then CODE_PADDING zeros. */
export function padCode(words: ArrayLike<number>): Int32Array {
  const code = new Int32Array(words.length + CODE_PADDING);
  code.set(words);
  return code;
}
