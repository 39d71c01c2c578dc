/**
 * Validates one function body (the spec's algorithm: an operand stack of
 * types and a stack of control frames) and, when asked, translates it to the
 * register IR in the same walk.
 *
 * Every operand-stack entry has a fixed frame slot, known statically; an
 * entry may instead still live in a local (after `local.get`, nothing is
 * copied until something would overwrite that local or control flow joins).
 * Instructions read their operands where they live and write their result to
 * the slot of the entry they push.
 */
import { isRefType, type FuncType, type ValueType } from '@wrl/core/backend';
import type { CodeInfo, ModuleInfo } from '../binary/info.js';
import { readValueType, valueTypeOf } from '../binary/decode.js';
import { Reader, invalid, malformed } from '../binary/reader.js';
import { NUMERIC_SIG } from './numeric.js';
import { irLength, jumpTargets } from './length.js';
import { sinkToConsumers } from './sink.js';
import { BR_IMM_DELTA, I32_BIN_IMM_OPS, I64_BIN_IMM_OPS, I64_SHIFT_IMM_OPS, Op, isI32CompareBranch, padCode } from './ops.js';
import type { SimdTable } from './simd-info.js';
import { memIndex, memoryAccess, prefixFC, useMem } from './translate-memory.js';
import { prefixFD } from './translate-simd.js';
import { wordsOf } from './sig.js';

type VT = ValueType | 'unknown';

export interface TranslateEnv {
  readonly module: ModuleInfo;
  readonly simd: SimdTable | undefined;
  readonly fuel: boolean;
  readonly tailCall: boolean;
  /** Memory indices in memargs and memory instructions (the multi-memory proposal). */
  readonly multiMemory: boolean;
  /** Whether the engine's JS tier is on (it compiles wasm bytecode, not this IR, so translation ignores it). */
  readonly jsTier: boolean;
  /** Canonical signature id per type index. */
  readonly sigs: readonly number[];
}

export interface Translation {
  readonly code: Int32Array | undefined;
  /** Words the frame needs: locals plus the highest operand stack. */
  readonly frameWords: number;
  /** Whether the body has a `loop` (the JS tier compiles such functions on their first call). */
  readonly hasLoop: boolean;
  /**
   * The frame words of declared locals a call must zero, [zeroFrom, zeroTo): those of every local
   * that may be read before it is written (a local written first on every path needs no zeroing).
   */
  readonly zeroFrom: number;
  readonly zeroTo: number;
  /**
   * Code positions of loads without offset whose address was `x + k` (an i32.add of a constant
   * k >= 0), with k as their offset: such a load's out-of-bounds path wraps x + k at 2^32 as the
   * add did.
   */
  readonly wrapAt: ReadonlySet<number>;
}

interface Ctrl {
  readonly kind: 'block' | 'loop' | 'if' | 'else' | 'func';
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** Operand stack length at entry, below the params. */
  readonly height: number;
  /** Frame word offset of the first param/result. */
  readonly base: number;
  unreachable: boolean;
  /** Whether code was being emitted when the frame opened. */
  readonly live: boolean;
  /** Loop start, as a jump target. */
  readonly start: number;
  /** Code positions waiting for this frame's end pc. */
  readonly patches: number[];
  /** For `if`: the position of the jump to the else branch. */
  elsePatch: number;
  /** Length of Translator.initLog at entry: writes to locals inside count only until the end (or else). */
  readonly initMark: number;
}

/** A comparison removed from the code to be fused into the branch that consumes it. */
type FusedCompare =
  | { readonly op: number; readonly a: number; readonly b: number; readonly imm?: boolean }
  | { readonly op: 'eqz' | 'eqz64'; readonly a: number; readonly b?: undefined; readonly imm?: undefined };

const COMPARE_INVERSE: Record<number, number> = {
  [Op.BrIfI32LtS]: Op.BrIfI32GeS, [Op.BrIfI32GeS]: Op.BrIfI32LtS,
  [Op.BrIfI32LtU]: Op.BrIfI32GeU, [Op.BrIfI32GeU]: Op.BrIfI32LtU,
  [Op.BrIfI32GtS]: Op.BrIfI32LeS, [Op.BrIfI32LeS]: Op.BrIfI32GtS,
  [Op.BrIfI32GtU]: Op.BrIfI32LeU, [Op.BrIfI32LeU]: Op.BrIfI32GtU,
  [Op.BrIfI32Eq]: Op.BrIfI32Ne, [Op.BrIfI32Ne]: Op.BrIfI32Eq,
  // i64 (BrIfI64Base + wasm opcode - 0x51): eq/ne, lt_s/ge_s, lt_u/ge_u, gt_s/le_s, gt_u/le_u
  0x222: 0x223, 0x223: 0x222, 0x224: 0x22a, 0x22a: 0x224, 0x225: 0x22b, 0x22b: 0x225,
  0x226: 0x228, 0x228: 0x226, 0x227: 0x229, 0x229: 0x227,
};

/** i32 comparison opcodes and their fused compare-and-branch forms. */
const FUSED_COMPARE: Record<number, number> = {
  0x46: Op.BrIfI32Eq, 0x47: Op.BrIfI32Ne, 0x48: Op.BrIfI32LtS, 0x49: Op.BrIfI32LtU,
  0x4a: Op.BrIfI32GtS, 0x4b: Op.BrIfI32GtU, 0x4c: Op.BrIfI32LeS, 0x4d: Op.BrIfI32LeU,
  0x4e: Op.BrIfI32GeS, 0x4f: Op.BrIfI32GeU,
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [0x51 + i, Op.BrIfI64Base + i])),
};

/** First opcode -> second opcode -> the opcode that runs both (see ops.ts). */
const PAIRS: ReadonlyMap<number, ReadonlyMap<number, number>> = new Map<number, ReadonlyMap<number, number>>([
  [0x6c, new Map<number, number>([[0x6a, Op.I32MulThenAdd]])],
  [Op.I32BinImmBase + 0x0a, new Map<number, number>([[0x28, Op.I32ShlImmThenLoad], [0x29, Op.I32ShlImmThenLoad64], [0x2b, Op.I32ShlImmThenLoad64], [0x73, Op.I32ShlImmThenXor], [0x36, Op.I32ShlImmThenStore], [0x38, Op.I32ShlImmThenStore], [0x37, Op.I32ShlImmThenStore64], [0x39, Op.I32ShlImmThenStore64]])],
  [0xa2, new Map<number, number>([[0xa0, Op.F64MulThenAdd]])],
  [Op.I32BinImmBase + 0x02, new Map<number, number>([[Op.I32AddImm, Op.I32MulImmThenAddImm]])],
  [Op.I32BinImmBase + 0x0c, new Map<number, number>([[0x73, Op.I32ShrUImmThenXor], [0x6a, Op.I32ShrUImmThenAdd]])],
  [Op.I32BinImmBase + 0x0d, new Map<number, number>([[0x73, Op.I32RotlImmThenXor]])],
  [0x73, new Map<number, number>([[Op.I32BinImmBase + 0x02, Op.I32XorThenMulImm], [Op.I32BinImmBase + 0x0d, Op.I32XorThenRotlImm]])],
  [0x2d, new Map<number, number>([[0x73, Op.I32Load8UThenXor]])],
  [Op.I64BinImmBase + 0x0a, new Map<number, number>([[0x85, Op.I64ShlImmThenXor]])],
  [Op.I64BinImmBase + 0x0c, new Map<number, number>([[0x85, Op.I64ShrUImmThenXor]])],
  [0x28, new Map<number, number>([[0x28, Op.I32LoadThenLoad], [0x36, Op.I32LoadThenStore]])],
  ...[0x29, 0x2b].map((op): [number, Map<number, number>] => [op, new Map<number, number>([[0x29, Op.I64LoadThenLoad], [0x2b, Op.I64LoadThenLoad], [0x37, Op.I64LoadThenStore], [0x39, Op.I64LoadThenStore]])]),
  [Op.I32AddImm, new Map<number, number>([[0x28, Op.I32AddImmThenLoad], [0x29, Op.I32AddImmThenLoad64], [0x2b, Op.I32AddImmThenLoad64], [Op.Copy, Op.I32AddImmThenCopy], [Op.CopyThenCopy, Op.I32AddImmThenCopy]])],
  [0x6a, new Map<number, number>([[Op.ReturnScalar, Op.I32AddThenReturn], [0x28, Op.I32AddThenLoad], [0x36, Op.I32AddThenStore], [0x73, Op.I32AddThenXor]])],
  ...Array.from({ length: 10 }, (_, i): [number, Map<number, number>] => [0x170 + i, new Map([[Op.ReturnScalar, Op.BrIfElseReturnBase + i]])]),
  ...Array.from({ length: 10 }, (_, i): [number, Map<number, number>] => [0x152 + i, new Map([[Op.ReturnScalar, Op.BrIfElseReturnBase + 10 + i]])]),
]);

/** Shifts and rotates by a constant whose pair partner reads two registers: moved to meet it (sink.ts). */
const SINK_PARTNERS: ReadonlyMap<number, ReadonlySet<number>> = new Map(
  [Op.I32BinImmBase + 0x0a, Op.I32BinImmBase + 0x0c, Op.I32BinImmBase + 0x0d].map((first) => [first, new Set([...PAIRS.get(first)!.keys()].filter((op) => op === 0x6a || op === 0x73))]),
);

export function translateBody(env: TranslateEnv, funcIndex: number, type: FuncType, info: CodeInfo, emit: boolean): Translation {
  return new Translator(env, funcIndex, type, info, emit).run();
}

export class Translator {
  readonly m: ModuleInfo;
  readonly r: Reader;
  readonly localTypes: ValueType[];
  readonly localOffsets: number[] = [];
  readonly localsWords: number;
  readonly code: number[] = [];
  readonly ctrls: Ctrl[] = [];
  // The operand stack: type, where the value lives now, its own slot.
  readonly vt: VT[] = [];
  readonly vloc: number[] = [];
  readonly vslot: number[] = [];
  maxWords: number;
  popLoc = 0;
  /** The last emitted instruction, while it is the producer of the top entry and nothing followed it. */
  lpStart = -1;
  lpEntry = -1;
  lpOp = 0;
  fuelAt = -1;
  /** Memory index of the last memarg read. */
  argMem = 0;
  hasLoop = false;
  /** Positions of every `br` instruction, for jump threading. */
  readonly jumps: number[] = [];
  /** Positions of every backward `br` to a loop. */
  readonly loopJumps: number[] = [];
  /** See Translation.wrapAt. */
  readonly wrapAt = new Set<number>();
  /**
   * Per local: written on every path to here, by the rule of the function-references proposal for
   * non-defaultable locals (a write counts until the end of the block it happened in).
   */
  readonly inited: Uint8Array;
  /** The locals marked in `inited`, in order, so a block's end can unmark its own (see Ctrl.initMark). */
  readonly initLog: number[] = [];
  /** Per local: read somewhere it may not have been written yet (so a call must zero it). */
  readonly readUninit: Uint8Array;

  constructor(
    readonly env: TranslateEnv,
    readonly funcIndex: number,
    readonly type: FuncType,
    info: CodeInfo,
    readonly emit: boolean,
  ) {
    this.m = env.module;
    this.r = new Reader(env.module.bytes, info.start, info.end);
    this.localTypes = [...type.params, ...info.locals];
    let w = 0;
    for (const t of this.localTypes) {
      this.localOffsets.push(w);
      w += wordsOf(t);
    }
    this.localsWords = w;
    this.maxWords = w;
    this.inited = new Uint8Array(this.localTypes.length);
    this.readUninit = new Uint8Array(this.localTypes.length);
  }

  run(): Translation {
    const ty = this.type;
    this.ctrls.push(this.newCtrl('func', [], ty.results, this.emit, 0));
    this.newFuelGroup();
    const r = this.r;
    while (this.ctrls.length > 0) {
      if (r.pos >= r.end) malformed('unexpected end of section or function', r.pos);
      this.step();
    }
    if (r.pos !== r.end) malformed('section size mismatch', r.pos);
    if (this.emit) this.threadJumps();
    const [zeroFrom, zeroTo] = this.zeroRange();
    return { code: this.emit ? padCode(this.code) : undefined, frameWords: this.maxWords, hasLoop: this.hasLoop, zeroFrom, zeroTo, wrapAt: this.wrapAt };
  }

  /** Unmarks the locals written since `mark` (a block ends, or an `if` reaches its `else`). */
  forgetInits(mark: number): void {
    const log = this.initLog;
    while (log.length > mark) this.inited[log.pop()!] = 0;
  }

  /** The word range covering the declared numeric locals that may be read before written (see Translation). */
  zeroRange(): [number, number] {
    let from = this.localsWords;
    let to = 0;
    for (let x = this.type.params.length; x < this.localTypes.length; x++) {
      const t = this.localTypes[x]!;
      if (isRefType(t) || this.readUninit[x] === 0) continue;
      from = Math.min(from, this.localOffsets[x]!);
      to = Math.max(to, this.localOffsets[x]! + wordsOf(t));
    }
    return from < to ? [from, to] : [this.localsWords, this.localsWords];
  }


  /** Unconditional jumps to a jump or to a scalar return become that jump or return. */
  threadJumps(): void {
    const code = this.code;
    // with fuel, where each instruction starts and where jumps land (for the copy-then-jump case below)
    let copyAt: Map<number, number> | undefined;
    let labels: Set<number> | undefined;
    if (this.env.fuel) {
      copyAt = new Map();
      for (let pc = 0, prev = -1; pc < code.length; prev = pc, pc += irLength(code, pc)) if (prev >= 0 && code[prev] === Op.Copy) copyAt.set(pc, prev);
      labels = jumpTargets(code);
    }
    for (const at of this.jumps) {
      let target = code[at + 1]!;
      for (let hops = 0; hops < 8 && code[target] === Op.Br; hops++) target = code[target + 1]!;
      // (a 2-word jump only becomes a 2-word return, so the code stays a clean instruction sequence)
      if (code[target] === Op.ReturnScalar) {
        code[at] = Op.ReturnScalar;
        code[at + 1] = code[target + 1]!;
        continue;
      }
      code[at + 1] = target;
      // With fuel, `copy s -> d; br L` where L charges its block and returns d (an if/else result
      // that ends the function) becomes that charge and `return s`, in the copy's and jump's 5 words.
      // (A jump landing on the `br` itself would be cut off; with fuel every label starts with a
      // Fuel instruction, so none should, but the check keeps the rewrite safe regardless.)
      const copy = copyAt?.get(at);
      if (copy !== undefined && code[target] === Op.Fuel && code[target + 2] === Op.ReturnScalar && code[target + 3] === code[copy + 1] && !labels!.has(at)) {
        const s = code[copy + 2]!;
        code[copy] = Op.Fuel;
        code[copy + 1] = code[target + 1]!;
        code[copy + 2] = Op.ReturnScalar;
        code[copy + 3] = s;
        code[copy + 4] = Op.Nop;
      }
    }
    // Loop rotation: a back edge to a loop whose first instruction is a compare-and-branch that
    // leaves the loop to right after the back edge becomes that test, inverted, jumping to the
    // loop body; the usual `loop (br_if $exit cond) ... (br $loop)` then runs one branch per iteration.
    for (const at of this.loopJumps) {
      const target = code[at + 1]!;
      const op = code[target]!;
      if (op === Op.Fuel) {
        code[at] = isI32CompareBranch(code[target + 2]!) ? Op.BrLoopFuelTest : Op.BrLoopFuel;
        code[at + 1] = target + 2;
        code[at + 2] = code[target + 1]!;
        continue;
      }
      if ((op === Op.BrI64Zero || op === Op.BrI64NonZero) && code[target + 2] === at + 4) {
        code[at] = op === Op.BrI64Zero ? Op.BrI64NonZero : Op.BrI64Zero;
        code[at + 1] = code[target + 1]!;
        code[at + 2] = target + 3;
        code[at + 3] = Op.Nop;
        continue;
      }
      const reg = (op >= 0x152 && op <= 0x15b) || (op >= 0x222 && op <= 0x22b);
      const imm = op >= 0x170 && op <= 0x179;
      if (!(reg || imm) || code[target + 3] !== at + 4) continue;
      code[at] = imm ? COMPARE_INVERSE[op - BR_IMM_DELTA]! + BR_IMM_DELTA : COMPARE_INVERSE[op]!;
      code[at + 1] = code[target + 1]!;
      code[at + 2] = code[target + 2]!;
      code[at + 3] = target + 4;
    }
    // `copy s -> d; return d` (a block result copied, then returned) becomes `return s`, unless
    // something jumps to the return itself; a never-executed copy keeps the code well-formed.
    const targets = jumpTargets(code);
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
      if (code[pc] === Op.Copy && code[pc + 3] === Op.ReturnScalar && code[pc + 4] === code[pc + 1] && !targets.has(pc + 3)) {
        const s = code[pc + 2]!;
        code[pc] = Op.ReturnScalar;
        code[pc + 1] = s;
        code[pc + 2] = Op.Copy;
        code[pc + 3] = 0;
        code[pc + 4] = 0;
      }
    }
    sinkToConsumers(code, SINK_PARTNERS);
    // An i32.add with an immediate right before a compare-and-branch runs both in one dispatch.
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
      if (code[pc] !== Op.I32AddImm || pc + 4 >= code.length) continue;
      const next = code[pc + 4]!;
      if (next >= 0x152 && next <= 0x15b) code[pc] = Op.I32AddImmThenBrBase + (next - 0x152);
      else if (next >= 0x170 && next <= 0x179) code[pc] = Op.I32AddImmThenBrBase + 10 + (next - 0x170);
      else if (next === Op.Call) code[pc] = Op.I32AddImmThenCall;
      else if (next === Op.BrLoopFuelTest) code[pc] = Op.I32AddImmThenBrLoopFuelTest;
      else if (next === Op.BrIf) code[pc] = Op.I32AddImmThenBrIf;
      else if (next === Op.BrUnless) code[pc] = Op.I32AddImmThenBrUnless;
    }
    // Likewise an i64.add with an immediate before an i64 zero test (a rotated i64 countdown loop).
    for (let pc = 0; pc + 5 < code.length; pc += irLength(code, pc)) {
      if (code[pc] !== Op.I64AddImm) continue;
      if (code[pc + 5] === Op.BrI64Zero) code[pc] = Op.I64AddImmThenBrZero;
      else if (code[pc + 5] === Op.BrI64NonZero) code[pc] = Op.I64AddImmThenBrNonZero;
    }
    // Likewise two scalar copies in a row (local.set chains, block results, swaps), and two constants;
    // and with fuel metering, the Fuel instruction of a block that only returns a scalar.
    for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
      if (code[pc] === Op.Fuel && code[pc + 2] === Op.ReturnScalar) code[pc] = Op.FuelThenReturnScalar;
      else if (code[pc] === Op.Copy && code[pc + 3] === Op.Copy) code[pc] = Op.CopyThenCopy;
      else if (code[pc] === Op.Const32 && code[pc + 3] === Op.Const32) code[pc] = Op.Const32ThenConst32;
    }
    // And a few more common pairs (all first instructions are 4 words long).
    for (let pc = 0; pc + 4 < code.length; pc += irLength(code, pc)) {
      const fused = PAIRS.get(code[pc]!)?.get(code[pc + 4]!);
      if (fused !== undefined) code[pc] = fused;
    }
  }

  // ---- operand stack ----

  get top(): Ctrl {
    return this.ctrls[this.ctrls.length - 1]!;
  }

  live(): boolean {
    const c = this.top;
    return c.live && !c.unreachable;
  }

  nextSlot(): number {
    const n = this.vt.length;
    if (n === 0) return this.localsWords;
    const t = this.vt[n - 1]!;
    return this.vslot[n - 1]! + (t === 'v128' ? 4 : 2);
  }

  push(t: VT): number {
    const slot = this.nextSlot();
    this.vt.push(t);
    this.vloc.push(slot);
    this.vslot.push(slot);
    const end = slot + (t === 'v128' ? 4 : 2);
    if (end > this.maxWords && this.live()) this.maxWords = end;
    return slot;
  }

  pop(expect?: ValueType): VT {
    const c = this.top;
    if (this.vt.length === c.height) {
      if (c.unreachable) {
        this.popLoc = 0;
        return 'unknown';
      }
      invalid(`type mismatch: expected ${expect ?? 'a value'} but nothing on the stack`, this.r.pos);
    }
    const t = this.vt.pop()!;
    this.popLoc = this.vloc.pop()!;
    this.vslot.pop();
    if (expect !== undefined && t !== expect && t !== 'unknown') invalid(`type mismatch: expected ${expect}, got ${t}`, this.r.pos);
    return t;
  }

  popList(types: readonly ValueType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.pop(types[i]!);
  }

  pushList(types: readonly ValueType[]): void {
    for (const t of types) this.push(t);
  }

  /** Copies an entry from the local it still lives in to its own slot. */
  materialize(i: number): void {
    if (this.vloc[i] !== this.vslot[i]) {
      this.emitCopy(this.vt[i]!, this.vslot[i]!, this.vloc[i]!);
      this.vloc[i] = this.vslot[i]!;
    }
  }

  materializeFrom(from: number): void {
    for (let i = from; i < this.vt.length; i++) this.materialize(i);
  }

  // ---- emission ----

  e(...words: number[]): void {
    if (!this.live()) return;
    this.lpStart = -1;
    for (const w of words) this.code.push(w);
  }

  /** Emits an instruction whose only effect is writing the just-pushed top entry. */
  producer(...words: number[]): void {
    if (!this.live()) return;
    const start = this.code.length;
    for (const w of words) this.code.push(w);
    this.lpStart = start;
    this.lpEntry = this.vt.length - 1;
    this.lpOp = words[0]!;
  }

  emitCopy(t: VT, d: number, s: number): void {
    if (d === s) return;
    this.e(t === 'v128' ? Op.CopyV128 : t === 'funcref' || t === 'externref' ? Op.CopyRef : Op.Copy, d, s);
  }

  newFuelGroup(): void {
    if (!this.env.fuel || !this.live()) return;
    this.e(Op.Fuel, 0);
    this.fuelAt = this.code.length - 1;
  }

  chargeFuel(): void {
    if (this.fuelAt >= 0 && this.live()) this.code[this.fuelAt]!++;
  }

  // ---- control ----

  newCtrl(kind: Ctrl['kind'], params: readonly ValueType[], results: readonly ValueType[], live: boolean, start: number): Ctrl {
    const height = Math.max(0, this.vt.length - params.length);
    const base = height === 0 ? this.localsWords : this.vslot[height - 1]! + (this.vt[height - 1] === 'v128' ? 4 : 2);
    return { kind, params, results, height, base, unreachable: false, live, start, patches: [], elsePatch: -1, initMark: this.initLog.length };
  }

  setUnreachable(): void {
    const c = this.top;
    this.vt.length = c.height;
    this.vloc.length = c.height;
    this.vslot.length = c.height;
    c.unreachable = true;
    this.lpStart = -1;
  }

  labelTypes(c: Ctrl): readonly ValueType[] {
    return c.kind === 'loop' ? c.params : c.results;
  }

  label(depth: number, at: number): Ctrl {
    if (depth >= this.ctrls.length) invalid(`unknown label ${depth}`, at);
    return this.ctrls[this.ctrls.length - 1 - depth]!;
  }

  readBlockType(): { params: readonly ValueType[]; results: readonly ValueType[] } {
    const r = this.r;
    const at = r.pos;
    const b = r.bytes[r.pos];
    if (b === 0x40) {
      r.pos++;
      return { params: [], results: [] };
    }
    if (b !== undefined && valueTypeOf(b) !== undefined) {
      r.pos++;
      return { params: [], results: [valueTypeOf(b)!] };
    }
    const idx = r.s33();
    if (idx < 0) malformed('malformed value type', at);
    if (idx >= this.m.types.length) invalid(`unknown type ${idx}`, at);
    const ft = this.m.types[idx]!;
    return { params: ft.params, results: ft.results };
  }

  /**
   * Emits the copies moving the stack-top values of `types` to `base` (or,
   * with dryRun, emits nothing); returns whether any copy is needed.
   */
  transfer(types: readonly ValueType[], base: number, dryRun: boolean): boolean {
    const n = types.length;
    const len = this.vt.length;
    let needed = false;
    let d = base;
    for (let i = 0; i < n; i++) {
      const idx = len - n + i;
      const t = types[i]!;
      if (idx >= 0 && (this.vloc[idx] !== d)) needed = true;
      if (!dryRun && idx >= 0) this.emitCopy(t, d, this.vloc[idx]!);
      d += wordsOf(t);
    }
    return needed;
  }

  /**
   * Type-checks the label's values on the stack top and leaves them there:
   * as the label's types (br_if), or as they were found (br_table, where an
   * unknown value from unreachable code stays unknown).
   */
  checkLabelValues(types: readonly ValueType[], keepActual = false): void {
    const saved: { t: VT; loc: number }[] = [];
    for (let i = types.length - 1; i >= 0; i--) {
      const t = this.pop(types[i]!);
      saved.push({ t, loc: this.popLoc });
    }
    const dead = !this.live();
    for (let i = saved.length - 1; i >= 0; i--) {
      const s = saved[i]!;
      const slot = this.push(keepActual ? s.t : types[types.length - 1 - i]!);
      // a value that still lives in a local keeps living there
      this.vloc[this.vloc.length - 1] = dead ? slot : s.loc;
    }
  }

  /** Emits a jump to `c` with its label values; `c.kind === 'func'` means return. */
  emitBranch(c: Ctrl): void {
    if (c.kind === 'func') {
      this.emitReturn();
      return;
    }
    this.transfer(this.labelTypes(c), c.base, false);
    this.emitJump(Op.Br, [], c);
  }

  /** Emits `op ...args target` where target is `c`'s label (patched later for forward labels). */
  emitJump(op: number, args: number[], c: Ctrl): void {
    if (!this.live()) return;
    if (op === Op.Br && c.kind === 'loop') {
      this.loopJumps.push(this.code.length);
      this.e(Op.BrLoop, c.start, 0, 0);
      return;
    }
    if (op === Op.Br) this.jumps.push(this.code.length);
    this.e(op, ...args, c.kind === 'loop' ? c.start : -1);
    if (c.kind !== 'loop') c.patches.push(this.code.length - 1);
  }

  emitReturn(): void {
    const results = this.type.results;
    const n = results.length;
    const len = this.vt.length;
    let resultWords = 0;
    for (const t of results) resultWords += wordsOf(t);
    // Values still in locals that the result copies would overwrite go to their slots first.
    for (let i = Math.max(0, len - n); i < len; i++) {
      if (this.vloc[i]! < resultWords && this.vloc[i] !== this.vslot[i]) this.materialize(i);
    }
    if (n === 1 && results[0] !== 'v128' && !isRefType(results[0]!) && len > 0) {
      this.e(Op.ReturnScalar, this.vloc[len - 1]!);
      return;
    }
    this.transfer(results, 0, false);
    this.e(Op.Return);
  }

  /** Removes a just-emitted i32 comparison producing the top entry, returning the fused branch form. */
  takeFusedCompare(): FusedCompare | undefined {
    if (this.lpStart < 0 || this.lpEntry !== this.vt.length - 1 || !this.live()) return undefined;
    const code = this.code;
    const s = this.lpStart;
    if (this.lpOp === 0x45 || this.lpOp === 0x50) {
      const a = code[s + 2]!;
      const op = this.lpOp === 0x45 ? 'eqz' : 'eqz64';
      code.length = s;
      this.lpStart = -1;
      return { op, a };
    }
    const imm = this.lpOp >= Op.I32CmpImmBase && this.lpOp < Op.I32CmpImmBase + 10;
    const fused = FUSED_COMPARE[imm ? this.lpOp - Op.I32CmpImmBase + 0x46 : this.lpOp];
    if (fused === undefined) return undefined;
    if (imm) {
      const a = code[s + 2]!;
      const b = code[s + 3]!;
      code.length = s;
      this.lpStart = -1;
      return { op: fused, a, b, imm: true };
    }
    const a = code[s + 2]!;
    const b = code[s + 3]!;
    code.length = s;
    this.lpStart = -1;
    return { op: fused, a, b };
  }

  /** Emits a conditional jump to `c` taken when the condition is `when`. */
  emitCondJump(fused: ReturnType<Translator['takeFusedCompare']>, cond: number, when: boolean, c: Ctrl): void {
    if (fused === undefined) this.emitJump(when ? Op.BrIf : Op.BrUnless, [cond], c);
    else if (fused.op === 'eqz') this.emitJump(when ? Op.BrUnless : Op.BrIf, [fused.a], c);
    else if (fused.op === 'eqz64') this.emitJump(when ? Op.BrI64Zero : Op.BrI64NonZero, [fused.a], c);
    else if (typeof fused.op === 'number') this.emitJump((when ? fused.op : COMPARE_INVERSE[fused.op]!) + (fused.imm ? BR_IMM_DELTA : 0), [fused.a, fused.b], c);
  }

  /** Emits a conditional jump to a code position patched later; returns the position to patch. */
  emitCondSkip(fused: ReturnType<Translator['takeFusedCompare']>, cond: number, when: boolean): number {
    if (fused === undefined) this.e(when ? Op.BrIf : Op.BrUnless, cond, -1);
    else if (fused.op === 'eqz') this.e(when ? Op.BrUnless : Op.BrIf, fused.a, -1);
    else if (fused.op === 'eqz64') this.e(when ? Op.BrI64Zero : Op.BrI64NonZero, fused.a, -1);
    else if (typeof fused.op === 'number') this.e((when ? fused.op : COMPARE_INVERSE[fused.op]!) + (fused.imm ? BR_IMM_DELTA : 0), fused.a, fused.b, -1);
    return this.code.length - 1;
  }

  patchHere(pos: number): void {
    if (pos >= 0) this.code[pos] = this.code.length;
  }

  endFrame(c: Ctrl): void {
    const here = this.code.length;
    for (const p of c.patches) this.code[p] = here;
  }

  // ---- instructions ----

  step(): void {
    const r = this.r;
    const at = r.pos;
    const op = r.u8();
    this.chargeFuel();
    const sig = NUMERIC_SIG[op];
    if (sig !== undefined) {
      this.numeric(op, sig[0], sig[1]);
      return;
    }
    switch (op) {
      case 0x00:
        this.e(Op.Unreachable);
        this.setUnreachable();
        return;
      case 0x01:
        return;
      case 0x02:
      case 0x03: {
        if (op === 0x03) this.hasLoop = true;
        const bt = this.readBlockType();
        this.checkLabelValues(bt.params);
        this.materializeFrom(0);
        const live = this.live();
        const c = this.newCtrl(op === 0x02 ? 'block' : 'loop', bt.params, bt.results, live, this.code.length);
        this.lpStart = -1;
        this.ctrls.push(c);
        if (op === 0x03) this.newFuelGroup();
        return;
      }
      case 0x04: {
        const bt = this.readBlockType();
        this.pop('i32');
        const cond = this.popLoc;
        const fused = this.takeFusedCompare0(cond);
        this.checkLabelValues(bt.params);
        this.materializeFrom(0);
        const live = this.live();
        const c = this.newCtrl('if', bt.params, bt.results, live, this.code.length);
        if (live) c.elsePatch = this.emitCondSkip(fused, cond, false);
        this.lpStart = -1;
        this.ctrls.push(c);
        this.newFuelGroup();
        return;
      }
      case 0x05: {
        const c = this.top;
        if (c.kind !== 'if') malformed('else without if', at);
        this.endOfBlockValues(c);
        if (this.live()) {
          this.jumps.push(this.code.length);
          this.e(Op.Br, -1);
          c.patches.push(this.code.length - 1);
        }
        this.ctrls.pop();
        this.forgetInits(c.initMark);
        const e: Ctrl = { ...c, kind: 'else', unreachable: false, patches: c.patches, elsePatch: -1 };
        this.ctrls.push(e);
        if (c.live) this.patchHere(c.elsePatch);
        this.pushList(c.params);
        this.lpStart = -1;
        this.newFuelGroup();
        return;
      }
      case 0x0b: {
        const c = this.top;
        this.endOfBlockValues(c);
        if (c.kind === 'if') {
          if (c.params.length !== c.results.length || c.params.some((t, i) => t !== c.results[i])) invalid('type mismatch: if without else must leave its params', at);
          if (c.live) this.patchHere(c.elsePatch);
        }
        if (c.kind === 'func') {
          this.ctrls.pop();
          return;
        }
        this.ctrls.pop();
        this.forgetInits(c.initMark);
        if (c.live) this.endFrame(c);
        this.pushList(c.results);
        this.lpStart = -1;
        this.newFuelGroup();
        return;
      }
      case 0x0c: {
        const depth = r.u32();
        const c = this.label(depth, at);
        this.checkLabelValues(this.labelTypes(c));
        this.emitBranch(c);
        this.setUnreachable();
        return;
      }
      case 0x0d: {
        const depth = r.u32();
        const c = this.label(depth, at);
        this.pop('i32');
        const cond = this.popLoc;
        const types = this.labelTypes(c);
        this.checkLabelValues(types);
        if (!this.live()) return;
        const fused = this.takeFusedCompare0(cond);
        if (c.kind !== 'func' && !this.transfer(types, c.base, true)) {
          this.emitCondJump(fused, cond, true, c);
        } else {
          const skip = this.emitCondSkip(fused, cond, false);
          this.emitBranch(c);
          this.patchHere(skip);
        }
        this.lpStart = -1;
        return;
      }
      case 0x0e: {
        const n = r.u32();
        const depths: number[] = [];
        for (let i = 0; i <= n; i++) depths.push(r.u32());
        this.pop('i32');
        const index = this.popLoc;
        const dflt = this.label(depths[n]!, at);
        const arity = this.labelTypes(dflt).length;
        for (const d of depths) {
          const c = this.label(d, at);
          const types = this.labelTypes(c);
          if (types.length !== arity) invalid('type mismatch: br_table labels have different arities', at);
          this.checkLabelValues(types, true);
        }
        if (this.live()) {
          this.e(Op.BrTable, index, n);
          const tableAt = this.code.length;
          for (let i = 0; i <= n; i++) this.code.push(-1);
          for (let i = 0; i <= n; i++) {
            const c = this.label(depths[i]!, at);
            if (c.kind !== 'func' && !this.transfer(this.labelTypes(c), c.base, true)) {
              if (c.kind === 'loop') this.code[tableAt + i] = c.start;
              else c.patches.push(tableAt + i);
            } else {
              this.code[tableAt + i] = this.code.length;
              this.emitBranch(c);
            }
          }
        }
        this.setUnreachable();
        return;
      }
      case 0x0f: {
        this.checkLabelValues(this.type.results);
        if (this.live()) this.emitReturn();
        this.setUnreachable();
        return;
      }
      case 0x10: {
        const f = r.u32();
        if (f >= this.m.funcs.length) invalid(`unknown function ${f}`, at);
        this.call(this.m.types[this.m.funcs[f]!]!, Op.Call, [f]);
        return;
      }
      case 0x11: {
        const [ty, table] = this.readCallIndirect(at);
        this.pop('i32');
        const idx = this.popLoc;
        this.call(this.m.types[ty]!, Op.CallIndirect, [this.env.sigs[ty]!, table, idx]);
        return;
      }
      case 0x12:
      case 0x13: {
        if (!this.env.tailCall) malformed(`illegal opcode ${op.toString(16)}`, at);
        let ft: FuncType;
        let args: number[];
        let irop: number;
        if (op === 0x12) {
          const f = r.u32();
          if (f >= this.m.funcs.length) invalid(`unknown function ${f}`, at);
          ft = this.m.types[this.m.funcs[f]!]!;
          args = [f];
          irop = Op.ReturnCall;
        } else {
          const [ty, table] = this.readCallIndirect(at);
          this.pop('i32');
          ft = this.m.types[ty]!;
          args = [this.env.sigs[ty]!, table, this.popLoc];
          irop = Op.ReturnCallIndirect;
        }
        const mine = this.type.results;
        if (ft.results.length !== mine.length || ft.results.some((t, i) => t !== mine[i])) invalid('type mismatch: tail call results differ from the caller', at);
        this.call(ft, irop, args);
        this.setUnreachable();
        return;
      }
      case 0x1a:
        this.pop();
        this.lpStart = -1;
        return;
      case 0x1b:
      case 0x1c: {
        let want: ValueType | undefined;
        if (op === 0x1c) {
          const n = r.u32();
          if (n !== 1) invalid('invalid result arity', at);
          want = readValueType(r);
        }
        // the condition's producer, if it is the instruction just emitted (a comparison to fuse)
        const condProducer = this.lpStart >= 0 && this.lpEntry === this.vt.length - 1 && this.live() ? this.lpStart : -1;
        this.pop('i32');
        const c = this.popLoc;
        const t2 = this.pop(want);
        const b = this.popLoc;
        const t1 = this.pop(want);
        const a = this.popLoc;
        let t: VT = want ?? (t1 === 'unknown' ? t2 : t1);
        if (want === undefined) {
          if (t1 !== 'unknown' && t2 !== 'unknown' && t1 !== t2) invalid('type mismatch: select operands differ', at);
          if (t !== 'unknown' && isRefType(t)) invalid('type mismatch: select without a type needs numeric operands', at);
        }
        const d = this.push(t);
        if (t === 'unknown') t = 'i32';
        if (t !== 'v128' && !isRefType(t) && condProducer >= 0 && this.code[condProducer + 1] === c && this.fuseSelect(condProducer, d, a, b)) return;
        this.producer(t === 'v128' ? Op.SelectV128 : isRefType(t) ? Op.SelectRef : Op.Select, d, a, b, c);
        return;
      }
      case 0x20: {
        const x = this.localIndex(at);
        if (this.inited[x] === 0) this.readUninit[x] = 1;
        this.push(this.localTypes[x]!);
        this.vloc[this.vloc.length - 1] = this.localOffsets[x]!;
        this.lpStart = -1;
        return;
      }
      case 0x21:
      case 0x22: {
        const x = this.localIndex(at);
        if (this.inited[x] === 0) {
          this.inited[x] = 1;
          this.initLog.push(x);
        }
        const t = this.localTypes[x]!;
        const lpValid = this.lpStart >= 0 && this.lpEntry === this.vt.length - 1;
        this.pop(t);
        const src = this.popLoc;
        const off = this.localOffsets[x]!;
        if (this.live()) {
          let aliased = false;
          for (let i = 0; i < this.vt.length; i++) if (this.vloc[i] === off) aliased = true;
          if (!aliased && lpValid) {
            this.code[this.lpStart + 1] = off;
          } else {
            for (let i = 0; i < this.vt.length; i++) if (this.vloc[i] === off) this.materialize(i);
            this.emitCopy(t, off, src);
          }
        }
        this.lpStart = -1;
        if (op === 0x22) {
          this.push(t);
          this.vloc[this.vloc.length - 1] = off;
        }
        return;
      }
      case 0x23: {
        const g = r.u32();
        if (g >= this.m.globals.length) invalid(`unknown global ${g}`, at);
        const t = this.m.globals[g]!.content;
        const d = this.push(t);
        this.producer(t === 'v128' ? Op.GlobalGetV128 : isRefType(t) ? Op.GlobalGetRef : Op.GlobalGet, d, g);
        return;
      }
      case 0x24: {
        const g = r.u32();
        if (g >= this.m.globals.length) invalid(`unknown global ${g}`, at);
        const gt = this.m.globals[g]!;
        if (!gt.mutable) invalid('global is immutable', at);
        this.pop(gt.content);
        const t = gt.content;
        this.e(t === 'v128' ? Op.GlobalSetV128 : isRefType(t) ? Op.GlobalSetRef : Op.GlobalSet, g, this.popLoc);
        return;
      }
      case 0x25: {
        const t = this.tableIndex(at);
        this.pop('i32');
        const i = this.popLoc;
        const d = this.push(this.m.tables[t]!.element);
        this.producer(Op.TableGet, d, t, i);
        return;
      }
      case 0x26: {
        const t = this.tableIndex(at);
        this.pop(this.m.tables[t]!.element);
        const v = this.popLoc;
        this.pop('i32');
        this.e(Op.TableSet, t, this.popLoc, v);
        return;
      }
      case 0x3f:
      case 0x40: {
        const mem = memIndex(this, at);
        useMem(this, mem);
        if (op === 0x3f) {
          const d = this.push('i32');
          this.producer(Op.MemorySize, d);
        } else {
          this.pop('i32');
          const delta = this.popLoc;
          const d = this.push('i32');
          this.producer(Op.MemoryGrow, d, delta);
        }
        useMem(this, mem, true);
        return;
      }
      case 0x41: {
        const v = r.s32();
        const d = this.push('i32');
        this.producer(Op.Const32, d, v);
        return;
      }
      case 0x42: {
        const v = r.s64();
        const d = this.push('i64');
        this.producer(Op.Const64, d, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
        return;
      }
      case 0x43: {
        const v = r.fixed32();
        const d = this.push('f32');
        this.producer(Op.Const32, d, v);
        return;
      }
      case 0x44: {
        const lo = r.fixed32();
        const hi = r.fixed32();
        const d = this.push('f64');
        this.producer(Op.Const64, d, lo, hi);
        return;
      }
      case 0xd0: {
        const rat = r.pos;
        const b = r.u8();
        const t = b === 0x70 ? 'funcref' : b === 0x6f ? 'externref' : malformed('malformed reference type', rat);
        const d = this.push(t);
        this.producer(Op.RefNull, d);
        return;
      }
      case 0xd1: {
        const t = this.pop();
        if (t !== 'unknown' && !isRefType(t)) invalid(`type mismatch: ref.is_null expects a reference, got ${t}`, at);
        const s = this.popLoc;
        const d = this.push('i32');
        this.producer(Op.RefIsNull, d, s);
        return;
      }
      case 0xd2: {
        const f = r.u32();
        if (f >= this.m.funcs.length) invalid(`unknown function ${f}`, at);
        if (!this.m.declaredRefs.has(f)) invalid(`undeclared function reference ${f}`, at);
        const d = this.push('funcref');
        this.producer(Op.RefFunc, d, f);
        return;
      }
      case 0xfc:
        prefixFC(this, at);
        return;
      case 0xfd:
        prefixFD(this, at);
        return;
    }
    if (op >= 0x28 && op <= 0x3e) {
      memoryAccess(this, op, at);
      return;
    }
    malformed(`illegal opcode ${op.toString(16)}`, at);
  }

  /**
   * Replaces the comparison at `at` (the last instruction, producing the select's condition) by a
   * select that compares itself; `select(a, b, eqz x)` becomes `select(b, a, x)`. Returns false
   * (and leaves the code alone) for any other producer.
   */
  fuseSelect(at: number, d: number, a: number, b: number): boolean {
    const code = this.code;
    const op = code[at]!;
    let fused: number;
    if (op === 0x45) {
      const x = code[at + 2]!;
      code.length = at;
      this.producer(Op.Select, d, b, a, x);
      return true;
    }
    if (op >= 0x46 && op <= 0x4f) fused = Op.SelectI32CmpBase + (op - 0x46);
    else if (op >= Op.I32CmpImmBase && op < Op.I32CmpImmBase + 10) fused = Op.SelectI32CmpImmBase + (op - Op.I32CmpImmBase);
    else if (op >= 0x51 && op <= 0x5a) fused = Op.SelectI64CmpBase + (op - 0x51);
    else return false;
    const x = code[at + 2]!;
    const y = code[at + 3]!;
    code.length = at;
    this.producer(fused, d, a, b, x, y);
    return true;
  }

  /** Like takeFusedCompare, only when the condition entry was just produced (the entry is already popped). */
  takeFusedCompare0(cond: number): ReturnType<Translator['takeFusedCompare']> {
    if (this.lpStart < 0 || this.lpEntry !== this.vt.length || this.code[this.lpStart + 1] !== cond) return undefined;
    // pretend the condition entry is still the top while fusing
    this.lpEntry = this.vt.length - 1;
    return this.takeFusedCompare();
  }

  /** Checks the values a block leaves when its end (or else) is reached by falling through, and puts them in place. */
  endOfBlockValues(c: Ctrl): void {
    this.checkLabelValues(c.results);
    if (this.vt.length !== c.height + c.results.length) invalid('type mismatch: values remaining on the stack at the end of a block', this.r.pos);
    if (this.live()) {
      if (c.kind === 'func') this.emitReturn();
      else this.materializeFrom(c.height);
    }
    this.vt.length = c.height;
    this.vloc.length = c.height;
    this.vslot.length = c.height;
  }

  localIndex(at: number): number {
    const x = this.r.u32();
    if (x >= this.localTypes.length) invalid(`unknown local ${x}`, at);
    return x;
  }

  tableIndex(at: number): number {
    const t = this.r.u32();
    if (t >= this.m.tables.length) invalid(`unknown table ${t}`, at);
    return t;
  }

  memory(index: number, at: number): void {
    if (index >= this.m.memories.length) invalid(`unknown memory ${index}`, at);
  }

  readCallIndirect(at: number): [number, number] {
    const ty = this.r.u32();
    const table = this.r.u32();
    if (table >= this.m.tables.length) invalid(`unknown table ${table}`, at);
    if (ty >= this.m.types.length) invalid(`unknown type ${ty}`, at);
    if (this.m.tables[table]!.element !== 'funcref') invalid('type mismatch: call_indirect needs a funcref table', at);
    return [ty, table];
  }

  call(ft: FuncType, op: number, imm: number[]): void {
    const params = ft.params;
    const n = params.length;
    // check the arguments in place, then materialize them into their slots
    for (let i = n - 1; i >= 0; i--) {
      const idx = this.vt.length - n + i;
      const c = this.top;
      if (idx < c.height) {
        if (c.unreachable) continue;
        invalid('type mismatch: not enough arguments', this.r.pos);
      }
      const t = this.vt[idx]!;
      if (t !== params[i] && t !== 'unknown') invalid(`type mismatch: argument ${i} expects ${params[i]}, got ${t}`, this.r.pos);
    }
    const first = Math.max(this.top.height, this.vt.length - n);
    this.materializeFrom(first);
    this.popList(params);
    const argBase = this.nextSlot();
    this.e(op, ...imm, argBase);
    this.pushList(ft.results);
  }

  numeric(op: number, params: readonly ValueType[], result: ValueType): void {
    if (params.length === 1) {
      this.pop(params[0]!);
      const a = this.popLoc;
      const d = this.push(result);
      this.producer(op, d, a);
      return;
    }
    const isCmp = op >= 0x46 && op <= 0x4f;
    const const64 = this.lpStart >= 0 && this.lpOp === Op.Const64 && this.lpEntry === this.vt.length - 1
      && (op === 0x7c || op === 0x7d || I64_BIN_IMM_OPS.has(op) || I64_SHIFT_IMM_OPS.has(op));
    if (const64 && this.live()) {
      const start = this.lpStart;
      const lo = this.code[start + 2]!;
      const hi = this.code[start + 3]!;
      this.pop('i64');
      this.pop('i64');
      const a = this.popLoc;
      const d = this.push('i64');
      this.code.length = start;
      if (I64_SHIFT_IMM_OPS.has(op)) {
        this.producer(Op.I64BinImmBase + (op - 0x7c), d, a, lo & 63);
      } else if (I64_BIN_IMM_OPS.has(op)) {
        this.producer(Op.I64BinImmBase + (op - 0x7c), d, a, lo, hi);
      } else {
        let v = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
        if (op === 0x7d) v = -v;
        this.producer(Op.I64AddImm, d, a, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
      }
      return;
    }
    const binImm = I32_BIN_IMM_OPS.has(op);
    const constB = this.lpStart >= 0 && this.lpOp === Op.Const32 && this.lpEntry === this.vt.length - 1 && (op === 0x6a || op === 0x6b || isCmp || binImm);
    const imm = constB ? this.code[this.lpStart + 2]! : 0;
    const lpStart = this.lpStart;
    this.pop(params[1]!);
    const b = this.popLoc;
    this.pop(params[0]!);
    const a = this.popLoc;
    const d = this.push(result);
    if (constB && this.live()) {
      this.code.length = lpStart;
      if (isCmp) this.producer(Op.I32CmpImmBase + (op - 0x46), d, a, imm);
      else if (binImm) this.producer(Op.I32BinImmBase + (op - 0x6a), d, a, op >= 0x74 ? imm & 31 : imm);
      else this.producer(Op.I32AddImm, d, a, op === 0x6a ? imm : (-imm | 0));
      return;
    }
    this.producer(op, d, a, b);
  }

}
