/** Runtime helpers that generated code calls as `H.name`: traps, i64 bit tricks, float rounding, tables and bulk memory. */
import { TrapCode } from '@wrl/core/backend';
import {
  ctz32, i64ToF32, nearest, popcnt32, satI32S, satI32U, satI64S, satI64U, trap,
  truncI32S, truncI32U, truncI64S, truncI64U, u64ToF32,
} from '../exec/math.js';
import type { InterpFunc } from '../runtime/func.js';
import type { RtInstance } from '../runtime/instance.js';
import type { InterpMemory } from '../runtime/memory.js';
import type { RefValue } from '../runtime/refs.js';
import type { InterpStore } from '../runtime/store.js';
import type { InterpTable } from '../runtime/table.js';
import { copysign, f32Bits, f32FromBits, f32FromHost, f64Bits, f64FromBits, fabs, fneg, quiet } from './nan-bits.js';

const MIN64 = -(2n ** 63n);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_REFS: RefValue[] = [];

function rotl64(x: bigint, k: bigint): bigint {
  const u = BigInt.asUintN(64, x);
  k &= 63n;
  return BigInt.asIntN(64, (u << k) | (u >> ((64n - k) & 63n)));
}

function halves(x: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, x)), Number(BigInt.asIntN(32, x >> 32n))];
}

/** Looks a function up for call_indirect, trapping like the interpreter, and returns its JS entry. */
export type EntryOf = (g: InterpFunc) => (...args: any[]) => any;

/** Runs a wasm function in the interpreter as a frame at depth `d`, arguments and results in the tier's form. */
export type Interpret = (g: InterpFunc, d: number, ...args: any[]) => any;

export function makeHelpers(entryOf: EntryOf, deep: Interpret) {
  return {
    /** Calls nested deeper than the JS stack comfortably holds continue on the interpreter's frame stack. */
    deep,
    trap: (code: TrapCode): never => trap(code),
    unreachable: (): never => trap(TrapCode.UnreachableCodeReached),
    stackOverflow: (): never => trap(TrapCode.StackOverflow),
    outOfFuel(st: InterpStore, n: number): never {
      st.fuelLeft += n;
      return trap(TrapCode.OutOfFuel);
    },
    divS32(a: number, b: number): number {
      if (b === 0) trap(TrapCode.IntegerDivisionByZero);
      if (b === -1 && a === -2147483648) trap(TrapCode.IntegerOverflow);
      return (a / b) | 0;
    },
    divU32(a: number, b: number): number {
      if (b === 0) trap(TrapCode.IntegerDivisionByZero);
      return ((a >>> 0) / (b >>> 0)) | 0;
    },
    remS32(a: number, b: number): number {
      if (b === 0) trap(TrapCode.IntegerDivisionByZero);
      return a % b | 0;
    },
    remU32(a: number, b: number): number {
      if (b === 0) trap(TrapCode.IntegerDivisionByZero);
      return ((a >>> 0) % (b >>> 0)) | 0;
    },
    rotl32: (a: number, k: number): number => (a << k) | (a >>> (32 - k)),
    rotr32: (a: number, k: number): number => (a >>> k) | (a << (32 - k)),
    ctz32, popcnt32,
    divS64(a: bigint, b: bigint): bigint {
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      if (b === -1n && a === MIN64) trap(TrapCode.IntegerOverflow);
      return a / b;
    },
    divU64(a: bigint, b: bigint): bigint {
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      return BigInt.asIntN(64, BigInt.asUintN(64, a) / BigInt.asUintN(64, b));
    },
    remS64(a: bigint, b: bigint): bigint {
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      return a % b;
    },
    remU64(a: bigint, b: bigint): bigint {
      if (b === 0n) trap(TrapCode.IntegerDivisionByZero);
      return BigInt.asIntN(64, BigInt.asUintN(64, a) % BigInt.asUintN(64, b));
    },
    rotl64,
    rotr64: (x: bigint, k: bigint): bigint => rotl64(x, (64n - (k & 63n)) & 63n),
    clz64(x: bigint): bigint {
      const [lo, hi] = halves(x);
      return BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo));
    },
    ctz64(x: bigint): bigint {
      const [lo, hi] = halves(x);
      return BigInt(lo !== 0 ? ctz32(lo) : 32 + ctz32(hi));
    },
    popcnt64(x: bigint): bigint {
      const [lo, hi] = halves(x);
      return BigInt(popcnt32(lo) + popcnt32(hi));
    },
    ltU64: (a: bigint, b: bigint): boolean => BigInt.asUintN(64, a) < BigInt.asUintN(64, b),
    gtU64: (a: bigint, b: bigint): boolean => BigInt.asUintN(64, a) > BigInt.asUintN(64, b),
    leU64: (a: bigint, b: bigint): boolean => BigInt.asUintN(64, a) <= BigInt.asUintN(64, b),
    geU64: (a: bigint, b: bigint): boolean => BigInt.asUintN(64, a) >= BigInt.asUintN(64, b),
    // float rounding: Math functions may hand back a signalling NaN unchanged
    ceil: (x: number): number => (x === x ? Math.ceil(x) : quiet(x)),
    floor: (x: number): number => (x === x ? Math.floor(x) : quiet(x)),
    trunc: (x: number): number => (x === x ? Math.trunc(x) : quiet(x)),
    nearest: (x: number): number => (x === x ? nearest(x) : quiet(x)),
    min: (a: number, b: number): number => (a !== a || b !== b ? a + b : Math.min(a, b)),
    max: (a: number, b: number): number => (a !== a || b !== b ? a + b : Math.max(a, b)),
    promote: (x: number): number => (x === x ? x : quiet(x)),
    fneg, fabs, copysign, f32Bits, f32FromBits, f64Bits, f64FromBits, f32FromHost,
    truncI32S, truncI32U, truncI64S,
    truncI64U: (x: number): bigint => BigInt.asIntN(64, truncI64U(x)),
    satI32S, satI32U, satI64S,
    satI64U: (x: number): bigint => BigInt.asIntN(64, satI64U(x)),
    i64ToF32,
    u64ToF32: (x: bigint): number => u64ToF32(BigInt.asUintN(64, x)),
    /** call_indirect: the table element's JS entry, after the interpreter's checks. */
    callee(elems: RefValue[], i: number, sig: number): (...args: any[]) => any {
      const k = i >>> 0;
      if (k >= elems.length) trap(TrapCode.TableOutOfBounds);
      const g = elems[k] as InterpFunc | null;
      if (g === null) trap(TrapCode.IndirectCallToNull);
      if (g.sig !== sig) trap(TrapCode.BadSignature);
      return g.js ?? entryOf(g);
    },
    tableGet(t: InterpTable, i: number): RefValue {
      const e = t.elems;
      const k = i >>> 0;
      if (k >= e.length) trap(TrapCode.TableOutOfBounds);
      return e[k]!;
    },
    tableSet(t: InterpTable, i: number, v: RefValue): void {
      const e = t.elems;
      const k = i >>> 0;
      if (k >= e.length) trap(TrapCode.TableOutOfBounds);
      e[k] = v;
    },
    tableFill(t: InterpTable, i: number, v: RefValue, n: number): void {
      const e = t.elems;
      i >>>= 0;
      n >>>= 0;
      if (i + n > e.length) trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < n; k++) e[i + k] = v;
    },
    tableInit(inst: RtInstance, t: InterpTable, seg: number, d: number, s: number, n: number): void {
      const e = t.elems;
      const items = inst.elems[seg]!;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > items.length || d + n > e.length) trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < n; k++) e[d + k] = items[s + k]!;
    },
    elemDrop(inst: RtInstance, seg: number): void {
      inst.elems[seg] = EMPTY_REFS;
    },
    tableCopy(dt: InterpTable, st: InterpTable, d: number, s: number, n: number): void {
      const de = dt.elems;
      const se = st.elems;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > se.length || d + n > de.length) trap(TrapCode.TableOutOfBounds);
      if (d <= s) for (let k = 0; k < n; k++) de[d + k] = se[s + k]!;
      else for (let k = n - 1; k >= 0; k--) de[d + k] = se[s + k]!;
    },
    memoryInit(inst: RtInstance, m: InterpMemory, seg: number, d: number, s: number, n: number): void {
      const bytes = inst.datas[seg]!;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > bytes.length || d + n > m.u8.length) trap(TrapCode.MemoryOutOfBounds);
      m.u8.set(bytes.subarray(s, s + n), d);
    },
    dataDrop(inst: RtInstance, seg: number): void {
      inst.datas[seg] = EMPTY_U8;
    },
    memoryCopy(m: InterpMemory, d: number, s: number, n: number): void {
      const u8 = m.u8;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > u8.length || d + n > u8.length) trap(TrapCode.MemoryOutOfBounds);
      u8.copyWithin(d, s, s + n);
    },
    memoryFill(m: InterpMemory, d: number, v: number, n: number): void {
      const u8 = m.u8;
      d >>>= 0;
      n >>>= 0;
      if (d + n > u8.length) trap(TrapCode.MemoryOutOfBounds);
      u8.fill(v & 0xff, d, d + n);
    },
  };
}

export type Helpers = ReturnType<typeof makeHelpers>;
