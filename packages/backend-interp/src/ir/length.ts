import { simdImmWords } from '../exec/simd.js';
import { NUMERIC_SIG } from './numeric.js';
import { Op, isI32CompareBranch } from './ops.js';

/** Length in words of the IR instruction at `pc`. */
export function irLength(code: ArrayLike<number>, pc: number): number {
  const op = code[pc]!;
  const sig = NUMERIC_SIG[op];
  if (sig !== undefined) return sig[0].length === 1 ? 3 : 4;
  if (op >= 0x28 && op <= 0x3e) return 4;
  if (op >= 0x152 && op <= 0x15b) return 4;
  if (op >= 0x160 && op <= 0x169) return 4;
  if (op >= 0x170 && op <= 0x179) return 4;
  if (op >= 0x180 && op <= 0x193) return 4;
  if (op >= 0x1a0 && op <= 0x1ae) return 4;
  if (op >= 0x1b0 && op <= 0x1bf) return 4;
  if (op === 0x1d4 || op === 0x1d5) return 5;
  if (op === 0x1d6 || op === 0x1d7) return 4;
  if (op >= 0x1c0 && op <= 0x1d3) return 4;
  if (op >= 0x1e2 && op <= 0x1e9) return 5;
  if (op >= 0x1ea && op <= 0x1ee) return 4;
  if (op === 0x1f0 || op === 0x1f1) return 4;
  if (op >= 0x1f2 && op <= 0x1f8) return 4;
  if (op >= 0x200 && op <= 0x21d) return 6;
  if (op >= 0x222 && op <= 0x22b) return 4;
  if (op === Op.I32ShrUImmThenAdd || op === Op.I32RotlImmThenXor || op === Op.BrLoopFuelTest || op === Op.I32AddImmThenBrLoopFuelTest) return 4;
  switch (op) {
    case Op.Unreachable: case Op.Return: case Op.Nop: return 1;
    case Op.RefNull: case Op.Br: case Op.MemorySize: case Op.Fuel: case Op.DataDrop: case Op.ElemDrop:
    case Op.UseMem: case Op.ReturnScalar: case Op.FuelThenReturnScalar: return 2;
    case Op.Const32ThenConst32:
    case Op.Copy: case Op.CopyThenCopy: case Op.CopyRef: case Op.CopyV128: case Op.Const32: case Op.RefFunc: case Op.BrIf: case Op.BrUnless:
    case Op.Call: case Op.ReturnCall: case Op.GlobalGet: case Op.GlobalGetRef: case Op.GlobalGetV128:
    case Op.GlobalSet: case Op.GlobalSetRef: case Op.GlobalSetV128: case Op.MemoryGrow: case Op.RefIsNull:
    case Op.TableSize: return 3;
    case Op.BrLoop: case Op.BrLoopFuel: case Op.Const64: case Op.TableGet: case Op.TableSet: case Op.MemoryCopy: case Op.MemoryFill: case Op.I32AddImm: case Op.I32AddImmThenCall: return 4;
    case Op.BrI64Zero: case Op.BrI64NonZero: return 3;
    case Op.I64AddImm: return 5;
    case Op.CallIndirect: case Op.ReturnCallIndirect: case Op.Select: case Op.SelectRef: case Op.SelectV128:
    case Op.MemoryInit: case Op.TableGrow: case Op.TableFill: case Op.SimdLoad: case Op.SimdStore: return 5;
    case Op.ConstV128: case Op.TableInit: case Op.TableCopy: case Op.MemoryCopyBetween: case Op.SimdStoreLane: return 6;
    case Op.SimdLoadLane: return 7;
    case Op.BrTable: return 4 + code[pc + 2]!;
    case Op.SimdPure: return 4 + code[pc + 3]! + simdImmWords(code[pc + 2]!);
  }
  throw new Error(`interp jit: unknown IR opcode 0x${op.toString(16)}`);
}

/**
 * Calls `f` with the position of every word of a function's IR that holds a code position (a
 * branch target, or the test a BrLoopFuelTest runs), and the opcode of the instruction it is in.
 */
export function forEachTargetWord(code: ArrayLike<number>, f: (at: number, op: number) => void): void {
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
    const op = code[pc]!;
    if (op === Op.Br || op === Op.BrLoop || op === Op.BrLoopFuel || op === Op.BrLoopFuelTest) f(pc + 1, op);
    else if (op === Op.BrIf || op === Op.BrUnless || op === Op.BrI64Zero || op === Op.BrI64NonZero) f(pc + 2, op);
    else if (isI32CompareBranch(op) || (op >= 0x1c0 && op <= 0x1d3) || (op >= 0x222 && op <= 0x22b)) f(pc + 3, op);
    else if (op === Op.BrTable) for (let i = 0; i <= code[pc + 2]!; i++) f(pc + 3 + i, op);
  }
}

/** The jump targets of a function's IR (positions branches can land on). */
export function jumpTargets(code: ArrayLike<number>): Set<number> {
  const labels = new Set<number>();
  // a BrLoopFuelTest lands on the loop body, after the test it points at
  forEachTargetWord(code, (at, op) => labels.add(code[at]! + (op === Op.BrLoopFuelTest ? 4 : 0)));
  return labels;
}
