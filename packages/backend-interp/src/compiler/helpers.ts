/** Runtime helpers that generated code calls as `H.name`: traps, i64 bit tricks, float rounding, tables and bulk memory. */
import { TrapCode } from '@wrl/core/backend';
import { ctz32, i64ToF32, nearest, popcnt32, satI32S, satI32U, trap, truncI32S, truncI32U, u64ToF32 } from '../exec/math.js';
import type { InterpFunc } from '../runtime/func.js';
import type { RtInstance } from '../runtime/instance.js';
import type { InterpMemory } from '../runtime/memory.js';
import type { RefValue } from '../runtime/refs.js';
import type { InterpStore } from '../runtime/store.js';
import type { InterpTable } from '../runtime/table.js';
import { SIMD_HELPERS } from './simd.js';
import { TA, TAIL, TN, tailForeign, trampoline } from './tail-calls.js';
import { copysign, f32Bits, f32FromBits, f32FromHost, f64FromWords, f64Words, fabs, fneg, quiet } from './nan-bits.js';

const EMPTY_U8 = new Uint8Array(0);

/** memory.copy and memory.fill up to this many bytes run as a loop (measured on compiled C's short copies). */
const SHORT_BULK = 32;
const EMPTY_REFS: RefValue[] = [];

/**
 * The high word of an i64 that a helper or a compiled function returns: the
 * JS result is the low word, and the caller reads this right after the call.
 */
export const HI = new Int32Array(1);

const TWO32 = 4294967296;

// an i64's words and its BigInt through one buffer (little-endian, as the value stack assumes)
const W = new Int32Array(2);
const Q = new BigInt64Array(W.buffer);

/** An i64 from its words, as a signed BigInt (the rare paths: division, host values). */
export function bigOf(lo: number, hi: number): bigint {
  W[0] = lo;
  W[1] = hi;
  return Q[0]!;
}

/** The low word of an i64 given as a BigInt (any width: it wraps), the high word left in HI. */
export function splitBig(x: bigint): number {
  Q[0] = x;
  HI[0] = W[1]!;
  return W[0]!;
}

/** The low word of an integral double in [-2^63, 2^64), wrapped to 64 bits; the high word left in HI. */
function splitNum(t: number): number {
  const h = Math.floor(t / TWO32);
  HI[0] = h | 0;
  return (t - h * TWO32) | 0;
}

const bigU = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

/** Both operands are int32 values sign-extended: division in doubles is exact. */
const small = (al: number, ah: number, bl: number, bh: number): boolean => ah === al >> 31 && bh === bl >> 31;

function rotl64(lo: number, hi: number, n: number): number {
  const x = (n & 32) === 0 ? lo : hi;
  const y = (n & 32) === 0 ? hi : lo;
  const j = n & 31;
  if (j === 0) {
    HI[0] = y;
    return x;
  }
  HI[0] = (y << j) | (x >>> (32 - j));
  return (x << j) | (y >>> (32 - j));
}

/** The remainder that `divWordsBy32` leaves (below 2^32, as a non-negative number). */
let REM = 0;

/**
 * The unsigned quotient of the i64 words (lo, hi) by `b` in [1, 2^32), high
 * word in HI, remainder in REM: long division in 16-bit digits below the
 * high word, so every partial dividend stays below 2^48 and its double
 * quotient never rounds across an integer (floor is exact). C code divides
 * 64-bit values by 32-bit ones all the time (`% 10`, `% prime`), and BigInt
 * division costs a hundred times more.
 */
function divWordsBy32(lo: number, hi: number, b: number): number {
  const h = hi >>> 0;
  const qh = Math.floor(h / b);
  let t = (h - qh * b) * 65536 + (lo >>> 16);
  const q1 = Math.floor(t / b);
  t = (t - q1 * b) * 65536 + (lo & 0xffff);
  const q0 = Math.floor(t / b);
  REM = t - q0 * b;
  HI[0] = qh | 0;
  return (q1 * 65536 + q0) | 0;
}

/** Negates the i64 in (lo, HI[0]) in place; the low word returned. */
function negateWords(lo: number): number {
  HI[0] = (~HI[0]! + (lo === 0 ? 1 : 0)) | 0;
  return -lo | 0;
}

/**
 * Signed division through the unsigned one by |b| <= 2^31 (b an int32, not 0):
 * the magnitude of -2^63 is 2^63, still exact as unsigned words. The
 * quotient's sign is the operands' product's, the remainder's the dividend's.
 */
function divSmallS64(al: number, ah: number, bl: number, wantRem: boolean): number {
  const neg = ah < 0;
  HI[0] = ah;
  const lo = neg ? negateWords(al) : al;
  const q = divWordsBy32(lo, HI[0]!, Math.abs(bl));
  if (wantRem) {
    const r = REM;
    HI[0] = 0;
    return neg && r !== 0 ? negateWords(r | 0) : r | 0;
  }
  return neg !== bl < 0 ? negateWords(q) : q;
}

function divS64(al: number, ah: number, bl: number, bh: number): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero);
  if (small(al, ah, bl, bh)) {
    // -2^31 / -1 is 2^31 here, an ordinary i64
    const q = Math.trunc(al / bl);
    HI[0] = q < 0 ? -1 : 0;
    return q | 0;
  }
  if (bl === -1 && bh === -1 && al === 0 && ah === -2147483648) trap(TrapCode.IntegerOverflow);
  if (bh === bl >> 31) return divSmallS64(al, ah, bl, false);
  return splitBig(bigOf(al, ah) / bigOf(bl, bh));
}

function divU64(al: number, ah: number, bl: number, bh: number): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero);
  if ((ah | bh) === 0) {
    HI[0] = 0;
    return ((al >>> 0) / (bl >>> 0)) | 0;
  }
  if (bh === 0) return divWordsBy32(al, ah, bl >>> 0);
  return splitBig(bigU(al, ah) / bigU(bl, bh));
}

function remS64(al: number, ah: number, bl: number, bh: number): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero);
  if (small(al, ah, bl, bh)) {
    const r = al % bl | 0;
    HI[0] = r >> 31;
    return r;
  }
  if (bh === bl >> 31) return divSmallS64(al, ah, bl, true);
  return splitBig(bigOf(al, ah) % bigOf(bl, bh));
}

function remU64(al: number, ah: number, bl: number, bh: number): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero);
  if ((ah | bh) === 0) {
    HI[0] = 0;
    return (al >>> 0) % (bl >>> 0) | 0;
  }
  if (bh === 0) {
    divWordsBy32(al, ah, bl >>> 0);
    HI[0] = 0;
    return REM | 0;
  }
  return splitBig(bigU(al, ah) % bigU(bl, bh));
}

/** i64 words to f32, rounded once: exactly through a double below 2^53, else with math.ts's sticky bit. */
function i64ToF32w(lo: number, hi: number): number {
  if (hi >= -0x200000 && hi < 0x200000) return Math.fround(hi * TWO32 + (lo >>> 0));
  return i64ToF32(bigOf(lo, hi));
}

function u64ToF32w(lo: number, hi: number): number {
  if (hi >>> 0 < 0x200000) return Math.fround((hi >>> 0) * TWO32 + (lo >>> 0));
  return u64ToF32(bigU(lo, hi));
}

// float to i64, with the trap conditions of exec/math.ts
function truncI64S(x: number): number {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x >= -9223372036854775808 && x < 9223372036854775808)) trap(TrapCode.IntegerOverflow);
  return splitNum(Math.trunc(x));
}

function truncI64U(x: number): number {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x > -1 && x < 18446744073709551616)) trap(TrapCode.IntegerOverflow);
  return splitNum(Math.trunc(x));
}

function satI64S(x: number): number {
  if (x !== x) return splitNum(0);
  if (x <= -9223372036854775808) return splitNum(-9223372036854775808);
  if (x >= 9223372036854775808) {
    HI[0] = 0x7fffffff;
    return -1;
  }
  return splitNum(Math.trunc(x));
}

function satI64U(x: number): number {
  if (x !== x || x <= 0) return splitNum(0);
  if (x >= 18446744073709551616) {
    HI[0] = -1;
    return -1;
  }
  return splitNum(Math.trunc(x));
}

/** The function at `i` of a table for call_indirect, with the interpreter's traps. */
function tableFunc(elems: RefValue[], i: number, sig: number): InterpFunc {
  const k = i >>> 0;
  if (k >= elems.length) trap(TrapCode.TableOutOfBounds);
  const g = elems[k] as InterpFunc | null;
  if (g === null) trap(TrapCode.IndirectCallToNull);
  if (g.sig !== sig) trap(TrapCode.BadSignature);
  return g;
}

/** The word-form JS entry of a function handle (link.ts). */
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
    noFuel: (): never => trap(TrapCode.OutOfFuel),
    // tail calls (tail-calls.ts)
    TA, TN, TAIL, trampoline, tailForeign,
    /** SIMD (simd.ts): generated code names it S. */
    S: SIMD_HELPERS,
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
    // i64 words: see numeric.ts
    divS64, divU64, remS64, remU64, rotl64,
    // float rounding: Math functions may hand back a signalling NaN unchanged
    ceil: (x: number): number => (x === x ? Math.ceil(x) : quiet(x)),
    floor: (x: number): number => (x === x ? Math.floor(x) : quiet(x)),
    trunc: (x: number): number => (x === x ? Math.trunc(x) : quiet(x)),
    nearest: (x: number): number => (x === x ? nearest(x) : quiet(x)),
    min: (a: number, b: number): number => (a !== a || b !== b ? a + b : Math.min(a, b)),
    max: (a: number, b: number): number => (a !== a || b !== b ? a + b : Math.max(a, b)),
    promote: (x: number): number => (x === x ? x : quiet(x)),
    fneg, fabs, copysign, f32Bits, f32FromBits, f32FromHost, f64FromWords,
    f64Words: (x: number): number => f64Words(x, HI),
    truncI32S, truncI32U, truncI64S, truncI64U,
    satI32S, satI32U, satI64S, satI64U,
    i64ToF32: i64ToF32w,
    u64ToF32: u64ToF32w,
    /** call_indirect: the table element's JS entry, after the interpreter's checks. */
    callee(elems: RefValue[], i: number, sig: number): (...args: any[]) => any {
      const g = tableFunc(elems, i, sig);
      return g.js ?? entryOf(g);
    },
    /** call_indirect with an i64 in the signature: `g.js` is then the BigInt form, and entryOf has the word form. */
    calleeWide: (elems: RefValue[], i: number, sig: number): ((...args: any[]) => any) => entryOf(tableFunc(elems, i, sig)),
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
      // compiled C copies short strings and small structs this way, where a loop beats copyWithin's set-up
      if (n <= SHORT_BULK) {
        if (d <= s) for (let k = 0; k < n; k++) u8[d + k] = u8[s + k]!;
        else for (let k = n - 1; k >= 0; k--) u8[d + k] = u8[s + k]!;
        return;
      }
      u8.copyWithin(d, s, s + n);
    },
    memoryFill(m: InterpMemory, d: number, v: number, n: number): void {
      const u8 = m.u8;
      d >>>= 0;
      n >>>= 0;
      if (d + n > u8.length) trap(TrapCode.MemoryOutOfBounds);
      if (n <= SHORT_BULK) {
        for (let k = 0; k < n; k++) u8[d + k] = v;
        return;
      }
      u8.fill(v & 0xff, d, d + n);
    },
  };
}

export type Helpers = ReturnType<typeof makeHelpers>;
