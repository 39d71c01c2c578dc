/**
 * The instructions `execute` hands off: tables, bulk memory, references, v128,
 * float rounding, trapping conversions and the i64 operations that need BigInt
 * or bit counting. They are rare in hot loops, and keeping them out of
 * `execute` keeps that function far below V8's size limit for optimisation
 * (`--max-optimized-bytecode-size`, 60 KiB of bytecode): past it the whole
 * interpreter silently runs unoptimised, about 20 times slower
 * (run.size.test.ts guards the margin). None of them changes control flow or
 * the memory views `execute` holds.
 */
import { TrapCode } from '@wrl/core/backend';
import type { InterpMemory } from '../runtime/memory.js';
import type { RtInstance } from '../runtime/instance.js';
import type { RefValue } from '../runtime/refs.js';
import type { ValueStack } from '../runtime/stack.js';
import {
  ctz32, i64ToF32, nearest, popcnt32, satI32S, satI32U, satI64S, satI64U, trap,
  truncI32S, truncI32U, truncI64S, truncI64U, u64ToF32,
} from './math.js';
import { execSimd, simdImmWords, simdLoadOp, simdStoreOp } from './simd.js';

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_REFS: RefValue[] = [];

/**
 * Runs the instruction `op` at `pc` of the frame at word `fp`, with `mem` the
 * memory it addresses (the default one or the one a UseMem chose), and
 * returns the pc of the next instruction.
 */
export function execCold(op: number, code: Int32Array, pc: number, fp: number, stack: ValueStack, inst: RtInstance, mem: InterpMemory | undefined): number {
  const i32 = stack.i32;
  const f32 = stack.f32;
  const f64 = stack.f64;
  const i64 = stack.i64;
  const u64 = stack.u64;
  const refs = stack.refs;
  const funcs = inst.funcs;
  const globals = inst.globals;
  const tables = inst.tables;
  const u8m = mem !== undefined ? mem.u8 : EMPTY_U8;
  const memLen = u8m.length;
  switch (op) {
    case 0x121: // copy ref
      refs[fp + code[pc + 1]!] = refs[fp + code[pc + 2]!]!;
      pc += 3;
      break;
    case 0x122: { // copy v128
      const d = fp + code[pc + 1]!;
      const s = fp + code[pc + 2]!;
      i32[d] = i32[s]!; i32[d + 1] = i32[s + 1]!; i32[d + 2] = i32[s + 2]!; i32[d + 3] = i32[s + 3]!;
      pc += 3;
      break;
    }
    case 0x125: { // const v128
      const d = fp + code[pc + 1]!;
      i32[d] = code[pc + 2]!; i32[d + 1] = code[pc + 3]!; i32[d + 2] = code[pc + 4]!; i32[d + 3] = code[pc + 5]!;
      pc += 6;
      break;
    }
    case 0x126: // ref.null
      refs[fp + code[pc + 1]!] = null;
      pc += 2;
      break;
    case 0x127: // ref.func
      refs[fp + code[pc + 1]!] = funcs[code[pc + 2]!]!;
      pc += 3;
      break;
    case 0x13e: // ref.is_null
      i32[fp + code[pc + 1]!] = refs[fp + code[pc + 2]!] === null ? 1 : 0;
      pc += 3;
      break;
    case 0x132: { // select ref
      const s = fp + (i32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
      refs[fp + code[pc + 1]!] = refs[s]!;
      pc += 5;
      break;
    }
    case 0x133: { // select v128
      const s = fp + (i32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
      const d = fp + code[pc + 1]!;
      i32[d] = i32[s]!; i32[d + 1] = i32[s + 1]!; i32[d + 2] = i32[s + 2]!; i32[d + 3] = i32[s + 3]!;
      pc += 5;
      break;
    }
    case 0x135: // global.get ref
      refs[fp + code[pc + 1]!] = globals[code[pc + 2]!]!.ref;
      pc += 3;
      break;
    case 0x136: { // global.get v128
      const w = globals[code[pc + 2]!]!.w;
      const d = fp + code[pc + 1]!;
      i32[d] = w[0]!; i32[d + 1] = w[1]!; i32[d + 2] = w[2]!; i32[d + 3] = w[3]!;
      pc += 3;
      break;
    }
    case 0x138: // global.set ref
      globals[code[pc + 1]!]!.ref = refs[fp + code[pc + 2]!]!;
      pc += 3;
      break;
    case 0x139: { // global.set v128
      const w = globals[code[pc + 1]!]!.w;
      const s = fp + code[pc + 2]!;
      w[0] = i32[s]!; w[1] = i32[s + 1]!; w[2] = i32[s + 2]!; w[3] = i32[s + 3]!;
      pc += 3;
      break;
    }
    case 0x13a: { // table.get
      const t = tables[code[pc + 2]!]!.elems;
      const i = i32[fp + code[pc + 3]!]! >>> 0;
      if (i >= t.length) trap(TrapCode.TableOutOfBounds);
      refs[fp + code[pc + 1]!] = t[i]!;
      pc += 4;
      break;
    }
    case 0x13b: { // table.set
      const t = tables[code[pc + 1]!]!.elems;
      const i = i32[fp + code[pc + 2]!]! >>> 0;
      if (i >= t.length) trap(TrapCode.TableOutOfBounds);
      t[i] = refs[fp + code[pc + 3]!]!;
      pc += 4;
      break;
    }
    case 0x10f: { // table.grow
      const t = tables[code[pc + 2]!]!;
      const r = t.tryGrow(i32[fp + code[pc + 4]!]! >>> 0, refs[fp + code[pc + 3]!]!);
      i32[fp + code[pc + 1]!] = r;
      pc += 5;
      break;
    }
    case 0x110: // table.size
      i32[fp + code[pc + 1]!] = tables[code[pc + 2]!]!.elems.length;
      pc += 3;
      break;
    case 0x111: { // table.fill
      const t = tables[code[pc + 1]!]!.elems;
      const i = i32[fp + code[pc + 2]!]! >>> 0;
      const v = refs[fp + code[pc + 3]!]!;
      const n = i32[fp + code[pc + 4]!]! >>> 0;
      if (i + n > t.length) trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < n; k++) t[i + k] = v;
      pc += 5;
      break;
    }
    case 0x10c: { // table.init
      const t = tables[code[pc + 1]!]!.elems;
      const seg = inst.elems[code[pc + 2]!]!;
      const d = i32[fp + code[pc + 3]!]! >>> 0;
      const s = i32[fp + code[pc + 4]!]! >>> 0;
      const n = i32[fp + code[pc + 5]!]! >>> 0;
      if (s + n > seg.length || d + n > t.length) trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < n; k++) t[d + k] = seg[s + k]!;
      pc += 6;
      break;
    }
    case 0x10d: // elem.drop
      inst.elems[code[pc + 1]!] = EMPTY_REFS;
      pc += 2;
      break;
    case 0x10e: { // table.copy
      const dt = tables[code[pc + 1]!]!.elems;
      const stbl = tables[code[pc + 2]!]!.elems;
      const d = i32[fp + code[pc + 3]!]! >>> 0;
      const s = i32[fp + code[pc + 4]!]! >>> 0;
      const n = i32[fp + code[pc + 5]!]! >>> 0;
      if (s + n > stbl.length || d + n > dt.length) trap(TrapCode.TableOutOfBounds);
      if (d <= s) for (let k = 0; k < n; k++) dt[d + k] = stbl[s + k]!;
      else for (let k = n - 1; k >= 0; k--) dt[d + k] = stbl[s + k]!;
      pc += 6;
      break;
    }
    case 0x108: { // memory.init
      const seg = inst.datas[code[pc + 1]!]!;
      const d = i32[fp + code[pc + 2]!]! >>> 0;
      const s = i32[fp + code[pc + 3]!]! >>> 0;
      const n = i32[fp + code[pc + 4]!]! >>> 0;
      if (s + n > seg.length || d + n > memLen) trap(TrapCode.MemoryOutOfBounds);
      u8m.set(seg.subarray(s, s + n), d);
      pc += 5;
      break;
    }
    case 0x146: { // memory.copy between two memories
      const dm = inst.memories[code[pc + 1]!]!.u8;
      const sm = inst.memories[code[pc + 2]!]!.u8;
      const d = i32[fp + code[pc + 3]!]! >>> 0;
      const s = i32[fp + code[pc + 4]!]! >>> 0;
      const n = i32[fp + code[pc + 5]!]! >>> 0;
      if (s + n > sm.length || d + n > dm.length) trap(TrapCode.MemoryOutOfBounds);
      dm.set(sm.subarray(s, s + n), d);
      pc += 6;
      break;
    }
    case 0x109: // data.drop
      inst.datas[code[pc + 1]!] = EMPTY_U8;
      pc += 2;
      break;
    case 0x10a: { // memory.copy
      const d = i32[fp + code[pc + 1]!]! >>> 0;
      const s = i32[fp + code[pc + 2]!]! >>> 0;
      const n = i32[fp + code[pc + 3]!]! >>> 0;
      if (s + n > memLen || d + n > memLen) trap(TrapCode.MemoryOutOfBounds);
      u8m.copyWithin(d, s, s + n);
      pc += 4;
      break;
    }
    case 0x10b: { // memory.fill
      const d = i32[fp + code[pc + 1]!]! >>> 0;
      const v = i32[fp + code[pc + 2]!]! & 0xff;
      const n = i32[fp + code[pc + 3]!]! >>> 0;
      if (d + n > memLen) trap(TrapCode.MemoryOutOfBounds);
      u8m.fill(v, d, d + n);
      pc += 4;
      break;
    }
    case 0x79: { // clz
      const a = fp + code[pc + 2]!;
      const hi = i32[a + 1]!;
      const d = fp + code[pc + 1]!;
      i32[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(i32[a]!);
      i32[d + 1] = 0;
      pc += 3;
      break;
    }
    case 0x7a: { // ctz
      const a = fp + code[pc + 2]!;
      const lo = i32[a]!;
      const d = fp + code[pc + 1]!;
      i32[d] = lo !== 0 ? ctz32(lo) : 32 + ctz32(i32[a + 1]!);
      i32[d + 1] = 0;
      pc += 3;
      break;
    }
    case 0x7b: { // popcnt
      const a = fp + code[pc + 2]!;
      const d = fp + code[pc + 1]!;
      i32[d] = popcnt32(i32[a]!) + popcnt32(i32[a + 1]!);
      i32[d + 1] = 0;
      pc += 3;
      break;
    }
    case 0x7f: { // div_s
      const a = i64[(fp + code[pc + 2]!) >> 1]!;
      const b = i64[(fp + code[pc + 3]!) >> 1]!;
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      if (b === -1n && a === -0x8000000000000000n) trap(TrapCode.IntegerOverflow);
      i64[(fp + code[pc + 1]!) >> 1] = a / b;
      pc += 4;
      break;
    }
    case 0x80: { // div_u
      const a = u64[(fp + code[pc + 2]!) >> 1]!;
      const b = u64[(fp + code[pc + 3]!) >> 1]!;
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      u64[(fp + code[pc + 1]!) >> 1] = a / b;
      pc += 4;
      break;
    }
    case 0x81: { // rem_s
      const a = i64[(fp + code[pc + 2]!) >> 1]!;
      const b = i64[(fp + code[pc + 3]!) >> 1]!;
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      i64[(fp + code[pc + 1]!) >> 1] = b === -1n ? 0n : a % b;
      pc += 4;
      break;
    }
    case 0x82: { // rem_u
      const a = u64[(fp + code[pc + 2]!) >> 1]!;
      const b = u64[(fp + code[pc + 3]!) >> 1]!;
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      u64[(fp + code[pc + 1]!) >> 1] = a % b;
      pc += 4;
      break;
    }
    case 0xc2: case 0xc3: { // i64.extend8_s, extend16_s
      const s = code[pc] === 0xc2 ? 24 : 16;
      const v = (i32[fp + code[pc + 2]!]! << s) >> s;
      const d = fp + code[pc + 1]!;
      i32[d] = v;
      i32[d + 1] = v >> 31;
      pc += 3;
      break;
    }
    case 0x8d: f32[fp + code[pc + 1]!] = Math.ceil(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x8e: f32[fp + code[pc + 1]!] = Math.floor(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x8f: f32[fp + code[pc + 1]!] = Math.trunc(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x90: f32[fp + code[pc + 1]!] = nearest(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x91: f32[fp + code[pc + 1]!] = Math.sqrt(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x98:
      i32[fp + code[pc + 1]!] = (i32[fp + code[pc + 2]!]! & 0x7fffffff) | (i32[fp + code[pc + 3]!]! & -0x80000000);
      pc += 4;
      break;
    case 0x9b: case 0x9c: case 0x9d: case 0x9e: { // ceil, floor, trunc, nearest
      const a = fp + code[pc + 2]!;
      const d = fp + code[pc + 1]!;
      const x = f64[a >> 1]!;
      if (x !== x) {
        // JS returns a signalling NaN unchanged; wasm requires it quieted
        i32[d] = i32[a]!;
        i32[d + 1] = i32[a + 1]! | 0x80000;
      } else {
          f64[d >> 1] = op === 0x9b ? Math.ceil(x) : op === 0x9c ? Math.floor(x) : op === 0x9d ? Math.trunc(x) : nearest(x);
      }
      pc += 3;
      break;
    }
    case 0xa6: {
      const a = fp + code[pc + 2]!;
      const b = fp + code[pc + 3]!;
      const d = fp + code[pc + 1]!;
      const hi = (i32[a + 1]! & 0x7fffffff) | (i32[b + 1]! & -0x80000000);
      i32[d] = i32[a]!;
      i32[d + 1] = hi;
      pc += 4;
      break;
    }
    case 0xa8: i32[fp + code[pc + 1]!] = truncI32S(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0xa9: i32[fp + code[pc + 1]!] = truncI32U(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0xaa: i32[fp + code[pc + 1]!] = truncI32S(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xab: i32[fp + code[pc + 1]!] = truncI32U(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xae: i64[(fp + code[pc + 1]!) >> 1] = truncI64S(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0xaf: i64[(fp + code[pc + 1]!) >> 1] = truncI64U(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0xb0: i64[(fp + code[pc + 1]!) >> 1] = truncI64S(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xb1: i64[(fp + code[pc + 1]!) >> 1] = truncI64U(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0x100: i32[fp + code[pc + 1]!] = satI32S(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x101: i32[fp + code[pc + 1]!] = satI32U(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x102: i32[fp + code[pc + 1]!] = satI32S(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0x103: i32[fp + code[pc + 1]!] = satI32U(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0x104: i64[(fp + code[pc + 1]!) >> 1] = satI64S(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x105: i64[(fp + code[pc + 1]!) >> 1] = satI64U(f32[fp + code[pc + 2]!]!); pc += 3; break;
    case 0x106: i64[(fp + code[pc + 1]!) >> 1] = satI64S(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0x107: i64[(fp + code[pc + 1]!) >> 1] = satI64U(f64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xb4: f32[fp + code[pc + 1]!] = i64ToF32(i64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xb5: f32[fp + code[pc + 1]!] = u64ToF32(u64[(fp + code[pc + 2]!) >> 1]!); pc += 3; break;
    case 0xb9: {
      const a = fp + code[pc + 2]!;
      f64[(fp + code[pc + 1]!) >> 1] = i32[a + 1]! * 4294967296 + (i32[a]! >>> 0);
      pc += 3;
      break;
    }
    case 0xba: {
      const a = fp + code[pc + 2]!;
      f64[(fp + code[pc + 1]!) >> 1] = (i32[a + 1]! >>> 0) * 4294967296 + (i32[a]! >>> 0);
      pc += 3;
      break;
    }
    case 0x140:
      execSimd(code, pc, stack, fp);
      pc += 4 + code[pc + 3]! + simdImmWords(code[pc + 2]!);
      break;
    case 0x141: case 0x143: { // v128 loads
      const ea = (i32[fp + code[pc + 3]!]! >>> 0) + (code[pc + (code[pc] === 0x141 ? 4 : 5)]! >>> 0);
      simdLoadOp(code, pc, stack, fp, u8m, ea);
      pc += code[pc] === 0x141 ? 5 : 7;
      break;
    }
    case 0x142: case 0x144: { // v128 stores
      const ea = (i32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 4]! >>> 0);
      simdStoreOp(code, pc, stack, fp, u8m, ea);
      pc += code[pc] === 0x142 ? 5 : 6;
      break;
    }
    default:
      throw new Error(`interp: unknown IR opcode 0x${op.toString(16)} at ${pc}`);
  }
  return pc;
}
