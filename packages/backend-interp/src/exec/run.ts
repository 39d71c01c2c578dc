/**
 * The interpreter loop. One call of `execute` runs a wasm function and every
 * wasm function it calls on an explicit frame stack (no JS recursion per wasm
 * call); only host functions re-entering wasm nest `execute` calls.
 *
 * Case labels are literal IR opcodes (see ir/ops.ts) so the switch compiles
 * to a jump table. pc is a position in the code space (CODE, see exec/code-space.ts),
 * whose jump targets are absolute. Operands are frame-relative word offsets:
 * `fp + CODE[pc+k]`.
 * Every instruction reads all its operands before writing its result, since
 * the translator lets a result overwrite an operand's slot.
 *
 * The three words after the opcode are read once, before the switch, into
 * w1..w3 (every function's code ends in CODE_PADDING zeros, so this stays in bounds):
 * one load per word instead of one per use, which also keeps this function's
 * bytecode far enough below V8's optimisation limit (run.size.test.ts) to
 * afford `| 0` on every index. That `| 0` makes V8 add without an overflow
 * check (an out-of-range index still fails the typed array's bounds check);
 * together, 5-11% faster across the benchmarks.
 */
import { TrapCode } from '@wrl/core/backend';
import type { InterpFunc } from '../runtime/func.js';
import type { FuncDef } from '../runtime/module.js';
import type { InterpMemory } from '../runtime/memory.js';
import type { InterpStore } from '../runtime/store.js';
import type { RefValue } from '../runtime/refs.js';
import { callHost } from '../runtime/call.js';
import { STACK } from '../runtime/stack.js';
import { callFromStack } from '../compiler/link.js';
import { ctz32, mul64Hi, outOfFuel, popcnt32, trap } from './math.js';
import { execCold } from './cold.js';
import { CODE_SPACE, RETURN_ONLY_AT } from './code-space.js';
import { cmpS64, cmpU64, copy2, eq64, i32BranchTaken } from './words.js';

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_DV = new DataView(new ArrayBuffer(0));
/**
 * The code of every function (exec/code-space.ts). A `const` of this module, not the imported
 * binding, so that V8 folds the array and its bounds into `execute`'s machine code.
 */
const CODE = CODE_SPACE.words;
/** The views of the realm's value stack (runtime/stack.ts), folded into `execute` the same way. */
const I32 = STACK.i32, F32 = STACK.f32, F64 = STACK.f64;

/**
 * The out-of-bounds path of a load at `at`: when the translator folded the constant of the
 * `i32.add` computing its address into the offset (def.wrapAt), the sum past 2^32 wraps as the add
 * would have and the access may still fit; anything else traps.
 */
function wrappedEa(def: FuncDef, at: number, ea: number, size: number, memLen: number): number {
  if (ea >= 0x100000000 && def.wrapAt.has(at - def.base)) {
    const w = ea - 0x100000000;
    if (w + size <= memLen) return w;
  }
  trap(TrapCode.MemoryOutOfBounds);
}

/**
 * What a call does past zeroing the callee's locals when `def.entryWork` says there is more: sets
 * its reference locals to null and charges its first block (FuncDef.entryFuel), returning where its
 * code starts.
 */
function enterBody(st: InterpStore, def: FuncDef, refs: RefValue[], fp: number): number {
  if (def.refLocals.length !== 0) for (const off of def.refLocals) refs[fp + off] = null;
  const k = def.entryFuel;
  if (k === 0) return 0;
  if ((st.fuelLeft -= k) < 0) outOfFuel(st, k);
  return 2;
}

/** Runs `entry` with its arguments at word `entryFp`, one frame deeper than `st.depth`; results land at `entryFp`. */
export function execute(st: InterpStore, entry: InterpFunc, entryFp: number): void {
  const stack = st.stack;
  // locals for the module's constants: a register operand each in the bytecode (run.size.test.ts), and
  // still the constants themselves to the optimising compiler
  const code = CODE, i32 = I32, f32 = F32, f64 = F64;
  const refs = stack.refs;
  const frames = st.frames;
  const frameFuncs = st.frameFuncs;
  const maxDepth = st.limits.maxCallDepth;

  // frameFuncs[d] is the function running at depth d: read where needed rather than kept in a
  // local, since every local the call path changes is one more value the optimised loop carries
  const entryDef = entry.def!;
  let inst = entry.inst!;
  let funcs = inst.funcs;
  let globals = inst.globals;
  let tables = inst.tables;
  let mem: InterpMemory | undefined = inst.memories[0];
  let u8m = mem !== undefined ? mem.u8 : EMPTY_U8;
  let dv = mem !== undefined ? mem.dv : EMPTY_DV;
  let memLen = u8m.length;

  // `| 0` keeps depth, fp and pc untagged int32 in the optimised loop (a tagged phi costs a check per dispatch)
  let depth = (st.depth + 1) | 0;
  if (depth > maxDepth) trap(TrapCode.StackOverflow);
  const entryDepth = depth;
  frameFuncs[depth] = entry;
  let fp = entryFp | 0;
  // the code space starts over only between outermost runs (exec/code-space.ts), never during this one
  const epoch = CODE_SPACE.epoch;
  if (entryDef.epoch !== epoch) entryDef.translate();
  if (fp + entryDef.frameWords > stack.words) {
    stack.ensure(fp + entryDef.frameWords);
  }
  let op = 0;
  for (let w = fp + entryDef.zeroFrom, e = fp + entryDef.zeroTo; w < e; w++) i32[w] = 0;
  let pc = (entryDef.base + (entryDef.entryWork ? enterBody(st, entryDef, refs, fp) : 0)) | 0;

  for (;;) {
    // `break ret` leaves the switch for the return sequence below it; every other case loops.
    // Once a case has changed pc, it reads the words after its new pc from code itself.
    ret: {
    op = code[pc]!;
    const w1 = code[(pc + 1) | 0]!, w2 = code[(pc + 2) | 0]!, w3 = code[(pc + 3) | 0]!;
    switch (op) {
      case 0x00: // unreachable
        trap(TrapCode.UnreachableCodeReached);

      // ---- calls and returns ----
      case 0x1b9: { // i32.add, then the return of a scalar after it
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + i32[(fp + w3) | 0]!) | 0;
        const s = (fp + code[(pc + 5) | 0]!) | 0;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x15c: { // return a scalar from a slot
        const s = (fp + w1) | 0;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x12c: // return
        break ret;
      case 0x22e: { // fuel, then the return of a scalar after it
        if ((st.fuelLeft -= w1) < 0) outOfFuel(st, w1);
        const s = (fp + code[(pc + 3) | 0]!) | 0;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      // a compare-and-branch whose fall-through is the return of a scalar (`if (n < 2) return n`):
      // [op, a, b or imm, target], then the return at pc + 4
      case 0x1ca: { // br_if lt_s, else return
        if (i32[(fp + w1) | 0]! < i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1cb: { // br_if lt_u, else return
        if (i32[(fp + w1) | 0]! >>> 0 < i32[(fp + w2) | 0]! >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1cc: { // br_if ge_s, else return
        if (i32[(fp + w1) | 0]! >= i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1cd: { // br_if ge_u, else return
        if (i32[(fp + w1) | 0]! >>> 0 >= i32[(fp + w2) | 0]! >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1ce: { // br_if ne, else return
        if (i32[(fp + w1) | 0]! !== i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1cf: { // br_if eq, else return
        if (i32[(fp + w1) | 0]! === i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1d0: { // br_if gt_s, else return
        if (i32[(fp + w1) | 0]! > i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1d1: { // br_if le_s, else return
        if (i32[(fp + w1) | 0]! <= i32[(fp + w2) | 0]!) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1d2: { // br_if gt_u, else return
        if (i32[(fp + w1) | 0]! >>> 0 > i32[(fp + w2) | 0]! >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1d3: { // br_if le_u, else return
        if (i32[(fp + w1) | 0]! >>> 0 <= i32[(fp + w2) | 0]! >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c0: { // br_if lt_s immediate, else return
        if (i32[(fp + w1) | 0]! < w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c1: { // br_if lt_u immediate, else return
        if (i32[(fp + w1) | 0]! >>> 0 < w2 >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c2: { // br_if ge_s immediate, else return
        if (i32[(fp + w1) | 0]! >= w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c3: { // br_if ge_u immediate, else return
        if (i32[(fp + w1) | 0]! >>> 0 >= w2 >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c4: { // br_if ne immediate, else return
        if (i32[(fp + w1) | 0]! !== w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c5: { // br_if eq immediate, else return
        if (i32[(fp + w1) | 0]! === w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c6: { // br_if gt_s immediate, else return
        if (i32[(fp + w1) | 0]! > w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c7: { // br_if le_s immediate, else return
        if (i32[(fp + w1) | 0]! <= w2) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c8: { // br_if gt_u immediate, else return
        if (i32[(fp + w1) | 0]! >>> 0 > w2 >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x1c9: { // br_if le_u immediate, else return
        if (i32[(fp + w1) | 0]! >>> 0 <= w2 >>> 0) {
          pc = w3;
          break;
        }
        pc += 4;
        const s = fp + code[pc + 1]!;
        i32[fp] = i32[s]!;
        i32[fp + 1] = i32[s + 1]!;
        break ret;
      }
      case 0x17f: // i32.add with an immediate, then the call after it
      case 0x12d: // call
      case 0x12e: { // call_indirect
        let f: InterpFunc;
        let argBase: number;
        if (op === 0x17f) {
          i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
          pc = (pc + 4) | 0;
        }
        if (op !== 0x12e) {
          f = funcs[code[pc + 1]!]!;
          argBase = code[pc + 2]!;
          pc += 3;
        } else {
          const t = tables[code[pc + 2]!]!.elems;
          const idx = i32[fp + code[pc + 3]!]! >>> 0;
          if (idx >= t.length) trap(TrapCode.TableOutOfBounds);
          const g = t[idx] as InterpFunc | null;
          if (g === null) trap(TrapCode.IndirectCallToNull);
          if (g.sig !== code[pc + 1]) trap(TrapCode.BadSignature);
          f = g;
          argBase = code[pc + 4]!;
          pc += 5;
        }
        const nd = f.def;
        if (nd === null || (f.viaJs && depth < st.jsDepthLimit)) { // host function, or a JS-tier function (compiler/link.ts)
          st.depth = depth;
          st.sp = fp + frameFuncs[depth]!.def!.frameWords;
          if (nd === null) callHost(st, f, fp + argBase);
          else callFromStack(st, f, fp + argBase);
          if (mem !== undefined) { u8m = mem.u8; dv = mem.dv; memLen = u8m.length; }
          break;
        }
        if (depth >= maxDepth) trap(TrapCode.StackOverflow);
        // a call whose result is copied to a local right away saves its return pc inverted: the
        // return runs that copy (see below), testing a value it has at hand
        frames[2 * depth] = code[pc] === 0x120 ? ~pc : pc;
        frames[2 * depth + 1] = fp;
        depth++;
        fp += argBase;
        frameFuncs[depth] = f;
        if (nd.epoch !== epoch) nd.translate();
        if (fp + nd.frameWords > stack.words) {
          stack.ensure(fp + nd.frameWords);
        }
        for (let w = fp + nd.zeroFrom, e = fp + nd.zeroTo; w < e; w++) i32[w] = 0;
        if (f.inst !== inst) {
          inst = f.inst!;
          funcs = inst.funcs; globals = inst.globals; tables = inst.tables; mem = inst.memories[0];
          u8m = mem !== undefined ? mem.u8 : EMPTY_U8; dv = mem !== undefined ? mem.dv : EMPTY_DV; memLen = u8m.length;
        }
        pc = (nd.base + (nd.entryWork ? enterBody(st, nd, refs, fp) : 0)) | 0;
        break;
      }
      case 0x12f: // return_call
      case 0x130: { // return_call_indirect
        let f: InterpFunc;
        let argBase: number;
        if (op === 0x12f) {
          f = funcs[w1]!;
          argBase = w2;
        } else {
          const t = tables[w2]!.elems;
          const idx = i32[(fp + w3) | 0]! >>> 0;
          if (idx >= t.length) trap(TrapCode.TableOutOfBounds);
          const g = t[idx] as InterpFunc | null;
          if (g === null) trap(TrapCode.IndirectCallToNull);
          if (g.sig !== code[pc + 1]) trap(TrapCode.BadSignature);
          f = g;
          argBase = code[(pc + 4) | 0]!;
        }
        const nd = f.def;
        if (nd === null || (f.viaJs && depth < st.jsDepthLimit)) { // host function, or a JS-tier function (compiler/link.ts)
          st.depth = depth;
          st.sp = fp + frameFuncs[depth]!.def!.frameWords;
          if (nd === null) callHost(st, f, fp + argBase);
          else callFromStack(st, f, fp + argBase);
          const n = f.resultWords;
          for (let w = 0; w < n; w++) { i32[fp + w] = i32[fp + argBase + w]!; refs[fp + w] = refs[fp + argBase + w]!; }
          pc = RETURN_ONLY_AT;
          break;
        }
        // move the arguments to the bottom of this frame and become the callee
        const n = nd.paramWords;
        for (let w = 0; w < n; w++) { i32[fp + w] = i32[fp + argBase + w]!; refs[fp + w] = refs[fp + argBase + w]!; }
        frameFuncs[depth] = f;
        if (nd.epoch !== epoch) nd.translate();
        if (fp + nd.frameWords > stack.words) {
          stack.ensure(fp + nd.frameWords);
        }
        for (let w = fp + nd.zeroFrom, e = fp + nd.zeroTo; w < e; w++) i32[w] = 0;
        if (f.inst !== inst) {
          inst = f.inst!;
          funcs = inst.funcs; globals = inst.globals; tables = inst.tables; mem = inst.memories[0];
          u8m = mem !== undefined ? mem.u8 : EMPTY_U8; dv = mem !== undefined ? mem.dv : EMPTY_DV; memLen = u8m.length;
        }
        pc = (nd.base + (nd.entryWork ? enterBody(st, nd, refs, fp) : 0)) | 0;
        break;
      }

      // ---- branches ----
      case 0x128: // br
      case 0x15d: // br to a loop
        pc = w1;
        break;
      case 0x22d: { // br to a loop, charging the fuel of the loop's first block
        if ((st.fuelLeft -= w2) < 0) outOfFuel(st, w2);
        pc = w1;
        break;
      }
      case 0x231: // a metered loop's back edge, then the loop's exit test
        if ((st.fuelLeft -= w2) < 0) outOfFuel(st, w2);
        pc = i32BranchTaken(code, w1, i32, fp) ? code[(w1 + 3) | 0]! : (w1 + 4) | 0;
        break;
      case 0x232: { // i32.add with an immediate, then the above
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        const t = code[(pc + 5) | 0]!;
        const k = code[(pc + 6) | 0]!;
        if ((st.fuelLeft -= k) < 0) outOfFuel(st, k);
        pc = i32BranchTaken(code, t, i32, fp) ? code[(t + 3) | 0]! : (t + 4) | 0;
        break;
      }
      case 0x129: // br_if
        pc = i32[(fp + w1) | 0] !== 0 ? w2 : (pc + 3) | 0;
        break;
      case 0x12a: // br_unless
        pc = i32[(fp + w1) | 0] === 0 ? w2 : (pc + 3) | 0;
        break;
      // i64 compare-and-branch: [op, a, b, target]
      case 0x222: pc = eq64(i32, (fp + w1) | 0, (fp + w2) | 0) ? w3 : (pc + 4) | 0; break; // i64.eq
      case 0x223: pc = !eq64(i32, (fp + w1) | 0, (fp + w2) | 0) ? w3 : (pc + 4) | 0; break; // i64.ne
      case 0x224: pc = cmpS64(i32, (fp + w1) | 0, (fp + w2) | 0) < 0 ? w3 : (pc + 4) | 0; break; // i64.lt_s
      case 0x225: pc = cmpU64(i32, (fp + w1) | 0, (fp + w2) | 0) < 0 ? w3 : (pc + 4) | 0; break; // i64.lt_u
      case 0x226: pc = cmpS64(i32, (fp + w1) | 0, (fp + w2) | 0) > 0 ? w3 : (pc + 4) | 0; break; // i64.gt_s
      case 0x227: pc = cmpU64(i32, (fp + w1) | 0, (fp + w2) | 0) > 0 ? w3 : (pc + 4) | 0; break; // i64.gt_u
      case 0x228: pc = cmpS64(i32, (fp + w1) | 0, (fp + w2) | 0) <= 0 ? w3 : (pc + 4) | 0; break; // i64.le_s
      case 0x229: pc = cmpU64(i32, (fp + w1) | 0, (fp + w2) | 0) <= 0 ? w3 : (pc + 4) | 0; break; // i64.le_u
      case 0x22a: pc = cmpS64(i32, (fp + w1) | 0, (fp + w2) | 0) >= 0 ? w3 : (pc + 4) | 0; break; // i64.ge_s
      case 0x22b: pc = cmpU64(i32, (fp + w1) | 0, (fp + w2) | 0) >= 0 ? w3 : (pc + 4) | 0; break; // i64.ge_u
      case 0x17a: { // jump if the i64 is zero
        const a = (fp + w1) | 0;
        pc = (i32[a]! | i32[a + 1]!) === 0 ? w2 : (pc + 3) | 0;
        break;
      }
      case 0x17b: { // jump if the i64 is not zero
        const a = (fp + w1) | 0;
        pc = (i32[a]! | i32[a + 1]!) !== 0 ? w2 : (pc + 3) | 0;
        break;
      }
      case 0x17d: // nop
        pc = (pc + 1) | 0;
        break;
      case 0x17c: { // i64.add with an immediate
        const a = (fp + w2) | 0;
        const alo = i32[a]!;
        const lo = (alo + w3) | 0;
        const hi = (i32[a + 1]! + code[(pc + 4) | 0]! + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 5) | 0;
        break;
      }
      // i64 operations with a constant right operand ([op, d, a, lo, hi], or [op, d, a, k] for shifts).
      // The shifts and rotations are spelled out here and again in the register forms: as shared
      // functions V8 did not inline them into this loop (5-15% slower on an i64 hash, measured).
      case 0x1e2: { // i64.mul
        const a = (fp + w2) | 0;
        const alo = i32[a]!, blo = w3;
        const hi = mul64Hi(alo, i32[a + 1]!, blo, code[(pc + 4) | 0]!);
        const d = (fp + w1) | 0;
        i32[d] = Math.imul(alo, blo);
        i32[d + 1] = hi;
        pc = (pc + 5) | 0;
        break;
      }
      case 0x1e7: case 0x1e8: case 0x1e9: { // i64.and, or, xor
        const a = (fp + w2) | 0;
        const alo = i32[a]!, ahi = i32[a + 1]!, blo = w3, bhi = code[(pc + 4) | 0]!;
        const d = (fp + w1) | 0;
        if (op === 0x1e7) { i32[d] = alo & blo; i32[d + 1] = ahi & bhi; }
        else if (op === 0x1e8) { i32[d] = alo | blo; i32[d + 1] = ahi | bhi; }
        else { i32[d] = alo ^ blo; i32[d + 1] = ahi ^ bhi; }
        pc = (pc + 5) | 0;
        break;
      }
      case 0x1ea: { // i64.shl
        const a = (fp + w2) | 0;
        const k = w3;
        const lo = i32[a]!, hi = i32[a + 1]!;
        const d = (fp + w1) | 0;
        if (k === 0) { i32[d] = lo; i32[d + 1] = hi; }
        else if (k < 32) { i32[d + 1] = (hi << k) | (lo >>> (32 - k)); i32[d] = lo << k; }
        else { i32[d + 1] = lo << (k - 32); i32[d] = 0; }
        pc = (pc + 4) | 0;
        break;
      }
      case 0x1eb: { // i64.shr_s
        const a = (fp + w2) | 0;
        const k = w3;
        const lo = i32[a]!, hi = i32[a + 1]!;
        const d = (fp + w1) | 0;
        if (k === 0) { i32[d] = lo; i32[d + 1] = hi; }
        else if (k < 32) { i32[d] = (lo >>> k) | (hi << (32 - k)); i32[d + 1] = hi >> k; }
        else { i32[d] = hi >> (k - 32); i32[d + 1] = hi >> 31; }
        pc = (pc + 4) | 0;
        break;
      }
      case 0x1ec: { // i64.shr_u
        const a = (fp + w2) | 0;
        const k = w3;
        const lo = i32[a]!, hi = i32[a + 1]!;
        const d = (fp + w1) | 0;
        if (k === 0) { i32[d] = lo; i32[d + 1] = hi; }
        else if (k < 32) { i32[d] = (lo >>> k) | (hi << (32 - k)); i32[d + 1] = hi >>> k; }
        else { i32[d] = hi >>> (k - 32); i32[d + 1] = 0; }
        pc = (pc + 4) | 0;
        break;
      }
      case 0x1ed: case 0x1ee: { // i64.rotl, rotr
        const a = (fp + w2) | 0;
        const k = op === 0x1ed ? w3 : (64 - w3) & 63;
        // a rotation by 32 or more swaps the halves, then rotates by the rest
        let lo = k < 32 ? i32[a]! : i32[a + 1]!;
        let hi = k < 32 ? i32[a + 1]! : i32[a]!;
        const r = k & 31;
        if (r !== 0) {
          const l = lo;
          lo = (lo << r) | (hi >>> (32 - r));
          hi = (hi << r) | (l >>> (32 - r));
        }
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x1f0: case 0x1f1: { // i64.shl / shr_u by a constant, then the i64.xor at pc + 4
        const a = (fp + w2) | 0;
        const k = w3;
        let lo = i32[a]!, hi = i32[a + 1]!;
        if (k !== 0) {
          if (op === 0x1f0) {
            if (k < 32) { hi = (hi << k) | (lo >>> (32 - k)); lo <<= k; }
            else { hi = lo << (k - 32); lo = 0; }
          } else if (k < 32) { lo = (lo >>> k) | (hi << (32 - k)); hi >>>= k; }
          else { lo = hi >>> (k - 32); hi = 0; }
        }
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        const x = (fp + code[(pc + 6) | 0]!) | 0;
        const y = (fp + code[(pc + 7) | 0]!) | 0;
        const e = (fp + code[(pc + 5) | 0]!) | 0;
        const xlo = i32[x]! ^ i32[y]!;
        i32[e + 1] = i32[x + 1]! ^ i32[y + 1]!;
        i32[e] = xlo;
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1d4: case 0x1d5: { // i64.add with an immediate, then the i64 zero test at pc + 5 ([op, a, target])
        const a = (fp + w2) | 0;
        const alo = i32[a]!;
        const lo = (alo + w3) | 0;
        const hi = (i32[a + 1]! + code[(pc + 4) | 0]! + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        const t = (fp + code[(pc + 6) | 0]!) | 0;
        const zero = (i32[t]! | i32[t + 1]!) === 0;
        pc = zero === (op === 0x1d4) ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      }
      case 0x1be: // i32.add with an immediate, then br_if at pc + 4 ([op, cond, target])
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0] !== 0 ? code[(pc + 6) | 0]! : (pc + 7) | 0;
        break;
      case 0x1bf: // i32.add with an immediate, then br_unless at pc + 4
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0] === 0 ? code[(pc + 6) | 0]! : (pc + 7) | 0;
        break;
      case 0x12b: { // br_table
        const n = w2;
        let i = i32[(fp + w1) | 0]! >>> 0;
        if (i > n) i = n;
        pc = code[pc + 3 + i]!;
        break;
      }
      // fused i32 compare and branch, [op, a, b, target]; one case each so the
      // compare is not a second dispatch
      case 0x152: // br_if lt_s
        pc = i32[(fp + w1) | 0]! < i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x153: // br_if lt_u
        pc = i32[(fp + w1) | 0]! >>> 0 < i32[(fp + w2) | 0]! >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x154: // br_if ge_s
        pc = i32[(fp + w1) | 0]! >= i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x155: // br_if ge_u
        pc = i32[(fp + w1) | 0]! >>> 0 >= i32[(fp + w2) | 0]! >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x156: // br_if ne
        pc = i32[(fp + w1) | 0]! !== i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x157: // br_if eq
        pc = i32[(fp + w1) | 0]! === i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x158: // br_if gt_s
        pc = i32[(fp + w1) | 0]! > i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x159: // br_if le_s
        pc = i32[(fp + w1) | 0]! <= i32[(fp + w2) | 0]! ? w3 : (pc + 4) | 0;
        break;
      case 0x15a: // br_if gt_u
        pc = i32[(fp + w1) | 0]! >>> 0 > i32[(fp + w2) | 0]! >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x15b: // br_if le_u
        pc = i32[(fp + w1) | 0]! >>> 0 <= i32[(fp + w2) | 0]! >>> 0 ? w3 : (pc + 4) | 0;
        break;
      // the same with an immediate right operand, [op, a, imm, target]
      case 0x170: // br_if lt_s immediate
        pc = i32[(fp + w1) | 0]! < w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x171: // br_if lt_u immediate
        pc = i32[(fp + w1) | 0]! >>> 0 < w2 >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x172: // br_if ge_s immediate
        pc = i32[(fp + w1) | 0]! >= w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x173: // br_if ge_u immediate
        pc = i32[(fp + w1) | 0]! >>> 0 >= w2 >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x174: // br_if ne immediate
        pc = i32[(fp + w1) | 0]! !== w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x175: // br_if eq immediate
        pc = i32[(fp + w1) | 0]! === w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x176: // br_if gt_s immediate
        pc = i32[(fp + w1) | 0]! > w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x177: // br_if le_s immediate
        pc = i32[(fp + w1) | 0]! <= w2 ? w3 : (pc + 4) | 0;
        break;
      case 0x178: // br_if gt_u immediate
        pc = i32[(fp + w1) | 0]! >>> 0 > w2 >>> 0 ? w3 : (pc + 4) | 0;
        break;
      case 0x179: // br_if le_u immediate
        pc = i32[(fp + w1) | 0]! >>> 0 <= w2 >>> 0 ? w3 : (pc + 4) | 0;
        break;
      // i32.add with an immediate, then the compare-and-branch at pc + 4 (its operands at pc + 5, pc + 6, target at pc + 7)
      case 0x180: // then br_if lt_s
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! < i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x181: // then br_if lt_u
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 < i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x182: // then br_if ge_s
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >= i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x183: // then br_if ge_u
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 >= i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x184: // then br_if ne
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! !== i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x185: // then br_if eq
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! === i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x186: // then br_if gt_s
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! > i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x187: // then br_if le_s
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! <= i32[(fp + code[(pc + 6) | 0]!) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x188: // then br_if gt_u
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 > i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x189: // then br_if le_u
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 <= i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18a: // then br_if lt_s immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! < code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18b: // then br_if lt_u immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 < code[(pc + 6) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18c: // then br_if ge_s immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >= code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18d: // then br_if ge_u immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 >= code[(pc + 6) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18e: // then br_if ne immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! !== code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x18f: // then br_if eq immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! === code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x190: // then br_if gt_s immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! > code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x191: // then br_if le_s immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! <= code[(pc + 6) | 0]! ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x192: // then br_if gt_u immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 > code[(pc + 6) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x193: // then br_if le_u immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 <= code[(pc + 6) | 0]! >>> 0 ? code[(pc + 7) | 0]! : (pc + 8) | 0;
        break;
      case 0x13f: { // fuel
        if ((st.fuelLeft -= w1) < 0) outOfFuel(st, w1);
        pc = (pc + 2) | 0;
        break;
      }

      // ---- moves and constants ----
      case 0x120: { // copy
        const d = (fp + w1) | 0;
        const s = (fp + w2) | 0;
        i32[d] = i32[s]!;
        i32[d + 1] = i32[s + 1]!;
        pc = (pc + 3) | 0;
        break;
      }
      case 0x17e: { // copy, then the copy after it
        let d = (fp + w1) | 0;
        let s = (fp + w2) | 0;
        i32[d] = i32[s]!;
        i32[d + 1] = i32[s + 1]!;
        d = (fp + code[(pc + 4) | 0]!) | 0;
        s = (fp + code[(pc + 5) | 0]!) | 0;
        i32[d] = i32[s]!;
        i32[d + 1] = i32[s + 1]!;
        pc = (pc + 6) | 0;
        break;
      }
      case 0x123: // const32
        i32[(fp + w1) | 0] = w2;
        pc = (pc + 3) | 0;
        break;
      case 0x22c: // const32, then the const32 after it
        i32[(fp + w1) | 0] = w2;
        i32[(fp + code[(pc + 4) | 0]!) | 0] = code[(pc + 5) | 0]!;
        pc = (pc + 6) | 0;
        break;
      case 0x124: { // const64
        const d = (fp + w1) | 0;
        i32[d] = w2;
        i32[d + 1] = w3;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x131: { // select
        const s = fp + (i32[(fp + code[(pc + 4) | 0]!) | 0] !== 0 ? w2 : w3);
        const d = (fp + w1) | 0;
        i32[d] = i32[s]!;
        i32[d + 1] = i32[s + 1]!;
        pc = (pc + 5) | 0;
        break;
      }
      // a comparison feeding a select: [op, d, a, b, x, y], d = (x cmp y) ? a : b; a return of d right
      // after it (`return x < y ? a : b`) runs in the same dispatch
      case 0x200: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! === i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.eq
      case 0x201: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! !== i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ne
      case 0x202: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! < i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.lt_s
      case 0x203: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 < i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.lt_u
      case 0x204: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! > i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.gt_s
      case 0x205: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 > i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.gt_u
      case 0x206: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! <= i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.le_s
      case 0x207: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 <= i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.le_u
      case 0x208: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >= i32[(fp + code[(pc + 5) | 0]!) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ge_s
      case 0x209: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 >= i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ge_u
      case 0x20a: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! === code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.eq immediate
      case 0x20b: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! !== code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ne immediate
      case 0x20c: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! < code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.lt_s immediate
      case 0x20d: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 < code[(pc + 5) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.lt_u immediate
      case 0x20e: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! > code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.gt_s immediate
      case 0x20f: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 > code[(pc + 5) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.gt_u immediate
      case 0x210: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! <= code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.le_s immediate
      case 0x211: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 <= code[(pc + 5) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.le_u immediate
      case 0x212: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >= code[(pc + 5) | 0]! ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ge_s immediate
      case 0x213: copy2(i32, (fp + w1) | 0, fp + (i32[(fp + code[(pc + 4) | 0]!) | 0]! >>> 0 >= code[(pc + 5) | 0]! >>> 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i32.ge_u immediate
      case 0x214: copy2(i32, (fp + w1) | 0, fp + (eq64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.eq
      case 0x215: copy2(i32, (fp + w1) | 0, fp + (!eq64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.ne
      case 0x216: copy2(i32, (fp + w1) | 0, fp + (cmpS64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) < 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.lt_s
      case 0x217: copy2(i32, (fp + w1) | 0, fp + (cmpU64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) < 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.lt_u
      case 0x218: copy2(i32, (fp + w1) | 0, fp + (cmpS64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) > 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.gt_s
      case 0x219: copy2(i32, (fp + w1) | 0, fp + (cmpU64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) > 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.gt_u
      case 0x21a: copy2(i32, (fp + w1) | 0, fp + (cmpS64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) <= 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.le_s
      case 0x21b: copy2(i32, (fp + w1) | 0, fp + (cmpU64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) <= 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.le_u
      case 0x21c: copy2(i32, (fp + w1) | 0, fp + (cmpS64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) >= 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.ge_s
      case 0x21d: copy2(i32, (fp + w1) | 0, fp + (cmpU64(i32, (fp + code[(pc + 4) | 0]!) | 0, (fp + code[(pc + 5) | 0]!) | 0) >= 0 ? w2 : w3)); pc = (pc + 6) | 0; if (code[pc] !== 0x15c) break; copy2(i32, fp, (fp + code[(pc + 1) | 0]!) | 0); break ret; // i64.ge_u
      case 0x134: { // global.get
        const w = globals[w2]!.w;
        const d = (fp + w1) | 0;
        i32[d] = w[0]!;
        i32[d + 1] = w[1]!;
        pc = (pc + 3) | 0;
        break;
      }
      case 0x137: { // global.set
        const w = globals[w1]!.w;
        const s = (fp + w2) | 0;
        w[0] = i32[s]!;
        w[1] = i32[s + 1]!;
        pc = (pc + 3) | 0;
        break;
      }

      // ---- tables ----

      // ---- memory ----
      case 0x13c: // memory.size
        i32[(fp + w1) | 0] = mem!.pages;
        pc = (pc + 2) | 0;
        break;
      case 0x13d: { // memory.grow
        const r = mem!.tryGrow(i32[(fp + w2) | 0]! >>> 0);
        u8m = mem!.u8; dv = mem!.dv; memLen = u8m.length;
        i32[(fp + w1) | 0] = r;
        pc = (pc + 3) | 0;
        break;
      }
      case 0x145: // use memory
        mem = inst.memories[w1]!;
        u8m = mem.u8; dv = mem.dv; memLen = u8m.length;
        pc = (pc + 2) | 0;
        break;
      case 0x28: { // i32.load
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 4, memLen);
        i32[(fp + w1) | 0] = dv.getInt32(ea, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x29: // i64.load
      case 0x2b: { // f64.load
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 8, memLen);
        const d = (fp + w1) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x2a: { // f32.load (as bits)
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 4, memLen);
        i32[(fp + w1) | 0] = dv.getInt32(ea, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x2c: case 0x2d: case 0x30: case 0x31: { // 8-bit loads
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 1 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 1, memLen);
        const v = op === 0x2c || op === 0x30 ? dv.getInt8(ea) : u8m[ea]!;
        const d = (fp + w1) | 0;
        i32[d] = v;
        if (op >= 0x30) i32[d + 1] = v >> 31;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x2e: case 0x2f: case 0x32: case 0x33: { // 16-bit loads
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 2 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 2, memLen);
        const v = op === 0x2e || op === 0x32 ? dv.getInt16(ea, true) : dv.getUint16(ea, true);
        const d = (fp + w1) | 0;
        i32[d] = v;
        if (op >= 0x30) i32[d + 1] = v >> 31;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x34: case 0x35: { // i64.load32_s/u
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 4, memLen);
        const v = dv.getInt32(ea, true);
        const d = (fp + w1) | 0;
        i32[d] = v;
        i32[d + 1] = code[pc] === 0x34 ? v >> 31 : 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x36: case 0x38: { // i32.store, f32.store (bits)
        const ea = (i32[(fp + w1) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, i32[(fp + w2) | 0]!, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x37: case 0x39: { // i64.store, f64.store
        const ea = (i32[(fp + w1) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 8 > memLen) trap(TrapCode.MemoryOutOfBounds);
        const s = (fp + w2) | 0;
        dv.setInt32(ea, i32[s]!, true);
        dv.setInt32(ea + 4, i32[s + 1]!, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x3a: case 0x3c: { // store8
        const ea = (i32[(fp + w1) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
        u8m[ea] = i32[(fp + w2) | 0]!;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x3b: case 0x3d: { // store16
        const ea = (i32[(fp + w1) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt16(ea, i32[(fp + w2) | 0]!, true);
        pc = (pc + 4) | 0;
        break;
      }
      case 0x3e: { // i64.store32
        const ea = (i32[(fp + w1) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, i32[(fp + w2) | 0]!, true);
        pc = (pc + 4) | 0;
        break;
      }

      // ---- i32 ----
      case 0x150: // i32.add with an immediate
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        pc = (pc + 4) | 0;
        break;
      // i32 operations with an immediate right operand (shift counts already masked)
      case 0x1a2:
        i32[(fp + w1) | 0] = Math.imul(i32[(fp + w2) | 0]!, w3);
        pc = (pc + 4) | 0;
        break;
      case 0x1a7:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! & w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1a8:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! | w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1a9:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! ^ w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1aa:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1ab:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >> w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1ac:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> w3;
        pc = (pc + 4) | 0;
        break;
      case 0x1ad: { // rotl
        const a = i32[(fp + w2) | 0]!;
        const k = w3;
        i32[(fp + w1) | 0] = (a << k) | (a >>> ((32 - k) & 31));
        pc = (pc + 4) | 0;
        break;
      }
      case 0x1ae: { // rotr
        const a = i32[(fp + w2) | 0]!;
        const k = w3;
        i32[(fp + w1) | 0] = (a >>> k) | (a << ((32 - k) & 31));
        pc = (pc + 4) | 0;
        break;
      }
      // pairs: the first instruction, then the one after it (at pc + 4, left in place for jumps)
      case 0x1b0: // i32.mul, then i32.add
        i32[(fp + w1) | 0] = Math.imul(i32[(fp + w2) | 0]!, i32[(fp + w3) | 0]!);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = (i32[(fp + code[(pc + 6) | 0]!) | 0]! + i32[(fp + code[(pc + 7) | 0]!) | 0]!) | 0;
        pc = (pc + 8) | 0;
        break;
      case 0x1b1: { // i32.shl by an immediate, then i32.load
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        let ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 4, memLen);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = dv.getInt32(ea, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1b2: { // i32.shl by an immediate, then i64.load or f64.load
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        let ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 8, memLen);
        const d = (fp + code[(pc + 5) | 0]!) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1ba: { // i32.shl by an immediate, then i32.store or f32.store
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        const ea = (i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, i32[(fp + code[(pc + 6) | 0]!) | 0]!, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1bb: { // i32.shl by an immediate, then i64.store or f64.store
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        const ea = (i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 8 > memLen) trap(TrapCode.MemoryOutOfBounds);
        const s = (fp + code[(pc + 6) | 0]!) | 0;
        dv.setInt32(ea, i32[s]!, true);
        dv.setInt32(ea + 4, i32[s + 1]!, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1bc: { // i32.add, then i32.load
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + i32[(fp + w3) | 0]!) | 0;
        let ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 4, memLen);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = dv.getInt32(ea, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1bd: { // i32.add, then i32.store
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + i32[(fp + w3) | 0]!) | 0;
        const ea = (i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, i32[(fp + code[(pc + 6) | 0]!) | 0]!, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f2: { // i32.load, then the i32.load after it
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 4, memLen);
        i32[(fp + w1) | 0] = dv.getInt32(ea, true);
        ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 4, memLen);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = dv.getInt32(ea, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f3: { // i64.load or f64.load, then the i64.load or f64.load after it
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 8, memLen);
        let d = (fp + w1) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 8, memLen);
        d = (fp + code[(pc + 5) | 0]!) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f4: { // i64.load or f64.load, then the i64.store or f64.store after it
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 8, memLen);
        const d = (fp + w1) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        ea = (i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 8 > memLen) trap(TrapCode.MemoryOutOfBounds);
        const s = (fp + code[(pc + 6) | 0]!) | 0;
        dv.setInt32(ea, i32[s]!, true);
        dv.setInt32(ea + 4, i32[s + 1]!, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f8: { // i32.load, then the i32.store after it
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 4, memLen);
        i32[(fp + w1) | 0] = dv.getInt32(ea, true);
        ea = (i32[(fp + code[(pc + 5) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, i32[(fp + code[(pc + 6) | 0]!) | 0]!, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f5: { // i32.add with an immediate, then the i32.load after it
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        let ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 4 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 4, memLen);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = dv.getInt32(ea, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f6: { // i32.add with an immediate, then the i64.load or f64.load after it
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        let ea = (i32[(fp + code[(pc + 6) | 0]!) | 0]! >>> 0) + (code[pc + 7]! >>> 0);
        if (ea + 8 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc + 4, ea, 8, memLen);
        const d = (fp + code[(pc + 5) | 0]!) | 0;
        i32[d] = dv.getInt32(ea, true);
        i32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1f7: { // i32.add with an immediate, then the copy (or two copies) after it
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + w3) | 0;
        copy2(i32, (fp + code[(pc + 5) | 0]!) | 0, (fp + code[(pc + 6) | 0]!) | 0);
        if (code[pc + 4] === 0x17e) { // `i++`, then the copies of call arguments
          copy2(i32, (fp + code[(pc + 8) | 0]!) | 0, (fp + code[(pc + 9) | 0]!) | 0);
          pc = (pc + 10) | 0;
        } else {
          pc += 7;
        }
        break;
      }
      case 0x1b3: // f64.mul, then f64.add
        f64[((fp + w1) | 0) >> 1] = f64[((fp + w2) | 0) >> 1]! * f64[((fp + w3) | 0) >> 1]!;
        f64[((fp + code[(pc + 5) | 0]!) | 0) >> 1] = f64[((fp + code[(pc + 6) | 0]!) | 0) >> 1]! + f64[((fp + code[(pc + 7) | 0]!) | 0) >> 1]!;
        pc = (pc + 8) | 0;
        break;
      case 0x1b4: // i32.mul by an immediate, then i32.add of an immediate
        i32[(fp + w1) | 0] = Math.imul(i32[(fp + w2) | 0]!, w3);
        i32[(fp + code[(pc + 5) | 0]!) | 0] = (i32[(fp + code[(pc + 6) | 0]!) | 0]! + code[(pc + 7) | 0]!) | 0;
        pc = (pc + 8) | 0;
        break;
      case 0x1b5: // i32.shl by an immediate, then i32.xor
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << w3;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = i32[(fp + code[(pc + 6) | 0]!) | 0]! ^ i32[(fp + code[(pc + 7) | 0]!) | 0]!;
        pc = (pc + 8) | 0;
        break;
      case 0x1b6: // i32.shr_u by an immediate, then i32.xor
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> w3;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = i32[(fp + code[(pc + 6) | 0]!) | 0]! ^ i32[(fp + code[(pc + 7) | 0]!) | 0]!;
        pc = (pc + 8) | 0;
        break;
      case 0x22f: // i32.shr_u by an immediate, then i32.add
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> w3;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = (i32[(fp + code[(pc + 6) | 0]!) | 0]! + i32[(fp + code[(pc + 7) | 0]!) | 0]!) | 0;
        pc = (pc + 8) | 0;
        break;
      case 0x230: { // i32.rotl by an immediate, then i32.xor
        const a = i32[(fp + w2) | 0]!;
        i32[(fp + w1) | 0] = (a << w3) | (a >>> ((32 - w3) & 31));
        i32[(fp + code[(pc + 5) | 0]!) | 0] = i32[(fp + code[(pc + 6) | 0]!) | 0]! ^ i32[(fp + code[(pc + 7) | 0]!) | 0]!;
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1d6: // i32.add, then i32.xor
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + i32[(fp + w3) | 0]!) | 0;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = i32[(fp + code[(pc + 6) | 0]!) | 0]! ^ i32[(fp + code[(pc + 7) | 0]!) | 0]!;
        pc = (pc + 8) | 0;
        break;
      case 0x1d7: { // i32.xor, then i32.rotl by an immediate
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! ^ i32[(fp + w3) | 0]!;
        const a = i32[(fp + code[(pc + 6) | 0]!) | 0]!;
        const k = code[(pc + 7) | 0]!;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = (a << k) | (a >>> ((32 - k) & 31));
        pc = (pc + 8) | 0;
        break;
      }
      case 0x1b7: // i32.xor, then i32.mul by an immediate
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! ^ i32[(fp + w3) | 0]!;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = Math.imul(i32[(fp + code[(pc + 6) | 0]!) | 0]!, code[(pc + 7) | 0]!);
        pc = (pc + 8) | 0;
        break;
      case 0x1b8: { // i32.load8_u, then i32.xor
        let ea = (i32[(fp + w2) | 0]! >>> 0) + (w3 >>> 0);
        if (ea + 1 > memLen) ea = wrappedEa(frameFuncs[depth]!.def!, pc, ea, 1, memLen);
        i32[(fp + w1) | 0] = u8m[ea]!;
        i32[(fp + code[(pc + 5) | 0]!) | 0] = i32[(fp + code[(pc + 6) | 0]!) | 0]! ^ i32[(fp + code[(pc + 7) | 0]!) | 0]!;
        pc = (pc + 8) | 0;
        break;
      }
      case 0x160: case 0x161: case 0x162: case 0x163: case 0x164:
      case 0x165: case 0x166: case 0x167: case 0x168: case 0x169: { // i32 compare with an immediate
        const a = i32[(fp + w2) | 0]!;
        const b = w3;
        let r: boolean;
        switch (code[pc]) {
          case 0x160: r = a === b; break;
          case 0x161: r = a !== b; break;
          case 0x162: r = a < b; break;
          case 0x163: r = a >>> 0 < b >>> 0; break;
          case 0x164: r = a > b; break;
          case 0x165: r = a >>> 0 > b >>> 0; break;
          case 0x166: r = a <= b; break;
          case 0x167: r = a >>> 0 <= b >>> 0; break;
          case 0x168: r = a >= b; break;
          default: r = a >>> 0 >= b >>> 0; break;
        }
        i32[(fp + w1) | 0] = r ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x45:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0] === 0 ? 1 : 0;
        pc = (pc + 3) | 0;
        break;
      case 0x46:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0] === i32[(fp + w3) | 0] ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x47:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0] !== i32[(fp + w3) | 0] ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x48:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! < i32[(fp + w3) | 0]! ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x49:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> 0 < i32[(fp + w3) | 0]! >>> 0 ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4a:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! > i32[(fp + w3) | 0]! ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4b:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> 0 > i32[(fp + w3) | 0]! >>> 0 ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4c:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! <= i32[(fp + w3) | 0]! ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4d:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> 0 <= i32[(fp + w3) | 0]! >>> 0 ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4e:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >= i32[(fp + w3) | 0]! ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x4f:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> 0 >= i32[(fp + w3) | 0]! >>> 0 ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      case 0x67:
        i32[(fp + w1) | 0] = Math.clz32(i32[(fp + w2) | 0]!);
        pc = (pc + 3) | 0;
        break;
      case 0x68:
        i32[(fp + w1) | 0] = ctz32(i32[(fp + w2) | 0]!);
        pc = (pc + 3) | 0;
        break;
      case 0x69:
        i32[(fp + w1) | 0] = popcnt32(i32[(fp + w2) | 0]!);
        pc = (pc + 3) | 0;
        break;
      case 0x6a:
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! + i32[(fp + w3) | 0]!) | 0;
        pc = (pc + 4) | 0;
        break;
      case 0x6b:
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! - i32[(fp + w3) | 0]!) | 0;
        pc = (pc + 4) | 0;
        break;
      case 0x6c:
        i32[(fp + w1) | 0] = Math.imul(i32[(fp + w2) | 0]!, i32[(fp + w3) | 0]!);
        pc = (pc + 4) | 0;
        break;
      case 0x6d: { // div_s
        const a = i32[(fp + w2) | 0]!;
        const b = i32[(fp + w3) | 0]!;
        if (b === 0) trap(TrapCode.IntegerDivisionByZero);
        if (a === -0x80000000 && b === -1) trap(TrapCode.IntegerOverflow);
        i32[(fp + w1) | 0] = (a / b) | 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x6e: { // div_u
        const a = i32[(fp + w2) | 0]! >>> 0;
        const b = i32[(fp + w3) | 0]! >>> 0;
        if (b === 0) trap(TrapCode.IntegerDivisionByZero);
        i32[(fp + w1) | 0] = (a / b) >>> 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x6f: { // rem_s
        const a = i32[(fp + w2) | 0]!;
        const b = i32[(fp + w3) | 0]!;
        if (b === 0) trap(TrapCode.IntegerDivisionByZero);
        i32[(fp + w1) | 0] = b === -1 ? 0 : a % b;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x70: { // rem_u
        const a = i32[(fp + w2) | 0]! >>> 0;
        const b = i32[(fp + w3) | 0]! >>> 0;
        if (b === 0) trap(TrapCode.IntegerDivisionByZero);
        i32[(fp + w1) | 0] = a % b;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x71:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! & i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x72:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! | i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x73:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! ^ i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x74:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! << i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x75:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >> i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x76:
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> i32[(fp + w3) | 0]!;
        pc = (pc + 4) | 0;
        break;
      case 0x77: { // rotl
        const a = i32[(fp + w2) | 0]!;
        const k = i32[(fp + w3) | 0]! & 31;
        i32[(fp + w1) | 0] = (a << k) | (a >>> ((32 - k) & 31));
        pc = (pc + 4) | 0;
        break;
      }
      case 0x78: { // rotr
        const a = i32[(fp + w2) | 0]!;
        const k = i32[(fp + w3) | 0]! & 31;
        i32[(fp + w1) | 0] = (a >>> k) | (a << ((32 - k) & 31));
        pc = (pc + 4) | 0;
        break;
      }
      case 0xc0:
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! << 24) >> 24;
        pc = (pc + 3) | 0;
        break;
      case 0xc1:
        i32[(fp + w1) | 0] = (i32[(fp + w2) | 0]! << 16) >> 16;
        pc = (pc + 3) | 0;
        break;

      // ---- i64 ----
      case 0x50: {
        const a = (fp + w2) | 0;
        i32[(fp + w1) | 0] = (i32[a]! | i32[a + 1]!) === 0 ? 1 : 0;
        pc = (pc + 3) | 0;
        break;
      }
      case 0x51: {
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        i32[(fp + w1) | 0] = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x52: {
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        i32[(fp + w1) | 0] = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x53: i32[(fp + w1) | 0] = cmpS64(i32, (fp + w2) | 0, (fp + w3) | 0) < 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x54: i32[(fp + w1) | 0] = cmpU64(i32, (fp + w2) | 0, (fp + w3) | 0) < 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x55: i32[(fp + w1) | 0] = cmpS64(i32, (fp + w2) | 0, (fp + w3) | 0) > 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x56: i32[(fp + w1) | 0] = cmpU64(i32, (fp + w2) | 0, (fp + w3) | 0) > 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x57: i32[(fp + w1) | 0] = cmpS64(i32, (fp + w2) | 0, (fp + w3) | 0) <= 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x58: i32[(fp + w1) | 0] = cmpU64(i32, (fp + w2) | 0, (fp + w3) | 0) <= 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x59: i32[(fp + w1) | 0] = cmpS64(i32, (fp + w2) | 0, (fp + w3) | 0) >= 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x5a: i32[(fp + w1) | 0] = cmpU64(i32, (fp + w2) | 0, (fp + w3) | 0) >= 0 ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x7c: { // add
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        const alo = i32[a]!;
        const lo = (alo + i32[b]!) | 0;
        const hi = (i32[a + 1]! + i32[b + 1]! + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x7d: { // sub
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        const alo = i32[a]!;
        const blo = i32[b]!;
        const lo = (alo - blo) | 0;
        const hi = (i32[a + 1]! - i32[b + 1]! - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x7e: { // mul
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        const alo = i32[a]!, blo = i32[b]!;
        const hi = mul64Hi(alo, i32[a + 1]!, blo, i32[b + 1]!);
        const d = (fp + w1) | 0;
        i32[d] = Math.imul(alo, blo);
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x83: case 0x84: case 0x85: { // and, or, xor
        const a = (fp + w2) | 0;
        const b = (fp + w3) | 0;
        const d = (fp + w1) | 0;
        const alo = i32[a]!, ahi = i32[a + 1]!, blo = i32[b]!, bhi = i32[b + 1]!;
        if (op === 0x83) { i32[d] = alo & blo; i32[d + 1] = ahi & bhi; }
        else if (op === 0x84) { i32[d] = alo | blo; i32[d + 1] = ahi | bhi; }
        else { i32[d] = alo ^ blo; i32[d + 1] = ahi ^ bhi; }
        pc = (pc + 4) | 0;
        break;
      }
      case 0x86: case 0x87: case 0x88: { // shl, shr_s, shr_u
        const a = (fp + w2) | 0;
        const k = i32[(fp + w3) | 0]! & 63;
        let lo = i32[a]!;
        let hi = i32[a + 1]!;
        if (k !== 0) {
          if (op === 0x86) {
            if (k < 32) { hi = (hi << k) | (lo >>> (32 - k)); lo <<= k; }
            else { hi = lo << (k - 32); lo = 0; }
          } else if (op === 0x87) {
            if (k < 32) { lo = (lo >>> k) | (hi << (32 - k)); hi >>= k; }
            else { lo = hi >> (k - 32); hi >>= 31; }
          } else {
            if (k < 32) { lo = (lo >>> k) | (hi << (32 - k)); hi = hi >>> k; }
            else { lo = hi >>> (k - 32); hi = 0; }
          }
        }
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0x89: case 0x8a: { // rotl, rotr
        const a = (fp + w2) | 0;
        let k = i32[(fp + w3) | 0]! & 63;
        if (op === 0x8a) k = (64 - k) & 63;
        // a rotation by 32 or more swaps the halves, then rotates by the rest
        let lo = k < 32 ? i32[a]! : i32[a + 1]!;
        let hi = k < 32 ? i32[a + 1]! : i32[a]!;
        k &= 31;
        if (k !== 0) {
          const l = lo;
          lo = (lo << k) | (hi >>> (32 - k));
          hi = (hi << k) | (l >>> (32 - k));
        }
        const d = (fp + w1) | 0;
        i32[d] = lo;
        i32[d + 1] = hi;
        pc = (pc + 4) | 0;
        break;
      }
      case 0xa7: // i32.wrap_i64
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]!;
        pc = (pc + 3) | 0;
        break;
      case 0xac: case 0xc4: { // i64.extend_i32_s, i64.extend32_s
        const v = i32[(fp + w2) | 0]!;
        const d = (fp + w1) | 0;
        i32[d] = v;
        i32[d + 1] = v >> 31;
        pc = (pc + 3) | 0;
        break;
      }
      case 0xad: { // i64.extend_i32_u
        const v = i32[(fp + w2) | 0]!;
        const d = (fp + w1) | 0;
        i32[d] = v;
        i32[d + 1] = 0;
        pc = (pc + 3) | 0;
        break;
      }

      // ---- f32 (arithmetic through the Float32Array view; sign operations on bits) ----
      case 0x5b: i32[(fp + w1) | 0] = f32[(fp + w2) | 0] === f32[(fp + w3) | 0] ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x5c: i32[(fp + w1) | 0] = f32[(fp + w2) | 0] !== f32[(fp + w3) | 0] ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x5d: i32[(fp + w1) | 0] = f32[(fp + w2) | 0]! < f32[(fp + w3) | 0]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x5e: i32[(fp + w1) | 0] = f32[(fp + w2) | 0]! > f32[(fp + w3) | 0]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x5f: i32[(fp + w1) | 0] = f32[(fp + w2) | 0]! <= f32[(fp + w3) | 0]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x60: i32[(fp + w1) | 0] = f32[(fp + w2) | 0]! >= f32[(fp + w3) | 0]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x8b: i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! & 0x7fffffff; pc = (pc + 3) | 0; break;
      case 0x8c: i32[(fp + w1) | 0] = i32[(fp + w2) | 0]! ^ -0x80000000; pc = (pc + 3) | 0; break;
      case 0x92: f32[(fp + w1) | 0] = f32[(fp + w2) | 0]! + f32[(fp + w3) | 0]!; pc = (pc + 4) | 0; break;
      case 0x93: f32[(fp + w1) | 0] = f32[(fp + w2) | 0]! - f32[(fp + w3) | 0]!; pc = (pc + 4) | 0; break;
      case 0x94: f32[(fp + w1) | 0] = f32[(fp + w2) | 0]! * f32[(fp + w3) | 0]!; pc = (pc + 4) | 0; break;
      case 0x95: f32[(fp + w1) | 0] = f32[(fp + w2) | 0]! / f32[(fp + w3) | 0]!; pc = (pc + 4) | 0; break;
      case 0x96: f32[(fp + w1) | 0] = Math.min(f32[(fp + w2) | 0]!, f32[(fp + w3) | 0]!); pc = (pc + 4) | 0; break;
      case 0x97: f32[(fp + w1) | 0] = Math.max(f32[(fp + w2) | 0]!, f32[(fp + w3) | 0]!); pc = (pc + 4) | 0; break;

      // ---- f64 ----
      case 0x61: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1] === f64[((fp + w3) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x62: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1] !== f64[((fp + w3) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x63: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1]! < f64[((fp + w3) | 0) >> 1]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x64: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1]! > f64[((fp + w3) | 0) >> 1]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x65: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1]! <= f64[((fp + w3) | 0) >> 1]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x66: i32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1]! >= f64[((fp + w3) | 0) >> 1]! ? 1 : 0; pc = (pc + 4) | 0; break;
      case 0x99: case 0x9a: { // abs, neg
        const a = (fp + w2) | 0;
        const d = (fp + w1) | 0;
        const hi = i32[a + 1]!;
        i32[d] = i32[a]!;
        i32[d + 1] = code[pc] === 0x99 ? hi & 0x7fffffff : hi ^ -0x80000000;
        pc = (pc + 3) | 0;
        break;
      }
      case 0x9f: f64[((fp + w1) | 0) >> 1] = Math.sqrt(f64[((fp + w2) | 0) >> 1]!); pc = (pc + 3) | 0; break;
      case 0xa0: f64[((fp + w1) | 0) >> 1] = f64[((fp + w2) | 0) >> 1]! + f64[((fp + w3) | 0) >> 1]!; pc = (pc + 4) | 0; break;
      case 0xa1: f64[((fp + w1) | 0) >> 1] = f64[((fp + w2) | 0) >> 1]! - f64[((fp + w3) | 0) >> 1]!; pc = (pc + 4) | 0; break;
      case 0xa2: f64[((fp + w1) | 0) >> 1] = f64[((fp + w2) | 0) >> 1]! * f64[((fp + w3) | 0) >> 1]!; pc = (pc + 4) | 0; break;
      case 0xa3: f64[((fp + w1) | 0) >> 1] = f64[((fp + w2) | 0) >> 1]! / f64[((fp + w3) | 0) >> 1]!; pc = (pc + 4) | 0; break;
      case 0xa4: f64[((fp + w1) | 0) >> 1] = Math.min(f64[((fp + w2) | 0) >> 1]!, f64[((fp + w3) | 0) >> 1]!); pc = (pc + 4) | 0; break;
      case 0xa5: f64[((fp + w1) | 0) >> 1] = Math.max(f64[((fp + w2) | 0) >> 1]!, f64[((fp + w3) | 0) >> 1]!); pc = (pc + 4) | 0; break;

      // ---- conversions ----
      case 0xb2: f32[(fp + w1) | 0] = i32[(fp + w2) | 0]!; pc = (pc + 3) | 0; break;
      case 0xb3: f32[(fp + w1) | 0] = i32[(fp + w2) | 0]! >>> 0; pc = (pc + 3) | 0; break;
      case 0xb6: f32[(fp + w1) | 0] = f64[((fp + w2) | 0) >> 1]!; pc = (pc + 3) | 0; break;
      case 0xb7: f64[((fp + w1) | 0) >> 1] = i32[(fp + w2) | 0]!; pc = (pc + 3) | 0; break;
      case 0xb8: f64[((fp + w1) | 0) >> 1] = i32[(fp + w2) | 0]! >>> 0; pc = (pc + 3) | 0; break;
      case 0xbb: f64[((fp + w1) | 0) >> 1] = f32[(fp + w2) | 0]!; pc = (pc + 3) | 0; break;
      case 0xbc: case 0xbe: // reinterpret 32-bit
        i32[(fp + w1) | 0] = i32[(fp + w2) | 0]!;
        pc = (pc + 3) | 0;
        break;
      case 0xbd: case 0xbf: { // reinterpret 64-bit
        const a = (fp + w2) | 0;
        const d = (fp + w1) | 0;
        i32[d] = i32[a]!;
        i32[d + 1] = i32[a + 1]!;
        pc = (pc + 3) | 0;
        break;
      }

      // ---- SIMD ----

      default:
        pc = execCold(op, code, pc, fp, stack, inst, mem) | 0;
        break;
    }
    continue;
    }

    // return from the current frame (its results are at fp)
    if (depth === entryDepth) return;
    depth--;
    const rpc = frames[2 * depth]!;
    fp = frames[2 * depth + 1]!;
    const f = frameFuncs[depth]!;
    // Within one instance the memory views are already current: memory.grow and every call that
    // leaves this loop (host, JS tier) refresh them, and all frames of this loop share them.
    if (f.inst !== inst) {
      inst = f.inst!;
      funcs = inst.funcs; globals = inst.globals; tables = inst.tables; mem = inst.memories[0];
      u8m = mem !== undefined ? mem.u8 : EMPTY_U8; dv = mem !== undefined ? mem.dv : EMPTY_DV; memLen = u8m.length;
    }
    // A call's result is usually stored to a local right away: run that copy here, saving a dispatch.
    if (rpc >= 0) {
      pc = rpc;
    } else {
      pc = ~rpc;
      copy2(i32, fp + code[pc + 1]!, fp + code[pc + 2]!);
      pc += 3;
    }
  }
}

