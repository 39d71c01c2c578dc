/**
 * Fixed-width SIMD in the JS tier. A v128 value is a 16-byte Uint8Array that
 * is never written after it is made (every instruction makes a new one), so
 * locals and stack slots can share it; the instructions themselves are the
 * interpreter's (`src/simd/`), called through the helpers below. Only values
 * inside a function are v128 here: a function with v128 parameters or
 * results, a v128 global, or a call passing v128 values stays interpreted.
 */
import { TrapCode } from '@wrl/core/backend';
import { trap } from '../exec/math.js';
import type { InterpMemory } from '../runtime/memory.js';
import {
  SIMD_CORE, SIMD_EXTRACT, SIMD_REGS, SIMD_OPS, SIMD_REPLACE, SIMD_SHIFT, SIMD_SPLAT, SIMD_TEST,
  simdLoad, simdLoadLane, simdShuffle, simdStore, simdStoreLane,
} from '../simd/index.js';
import { register16 } from '../simd/scratch.js';
import { bigOf, splitBig } from './helpers.js';
import { f32Bits, f32FromBits, f64Bits, f64FromBits } from './nan-bits.js';

/** A v128 in the tier: its four 32-bit words, lane bytes little-endian (never written once made). */
type V = Int32Array;

// separate from src/simd/scratch.ts's A, B, C and R, which some implementations use inside
const [P8, P32] = register16();
const [Q8, Q32] = register16();
const [O8, O32] = register16();

function put(r: Int32Array, v: V): void {
  r[0] = v[0]!; r[1] = v[1]!; r[2] = v[2]!; r[3] = v[3]!;
}

/** A new value from a register's words. */
function take(r: Int32Array): V {
  const o = new Int32Array(4);
  o[0] = r[0]!; o[1] = r[1]!; o[2] = r[2]!; o[3] = r[3]!;
  return o;
}

const RA = SIMD_REGS.A.i32, RB = SIMD_REGS.B.i32, RC = SIMD_REGS.C.i32, RR = SIMD_REGS.R.i32;

/** A lane scalar in the form the SIMD implementations take (see SimdScalar), from the tier's form (an i64 as two words). */
function scalarIn(t: string, x: number, hi: number): number | bigint {
  switch (t) {
    case 'i64': return bigOf(x, hi);
    case 'f32': return f32Bits(x) >>> 0;
    case 'f64': return f64Bits(x);
    default: return x;
  }
}

/** A lane scalar in the tier's form: an i64's low word (high word in HI), an f32 or f64 as a number with its NaN bits. */
function scalarOut(t: string, x: number | bigint): number {
  switch (t) {
    case 'i64': return splitBig(x as bigint);
    case 'f32': return f32FromBits((x as number) | 0);
    case 'f64': return f64FromBits(BigInt.asIntN(64, x as bigint));
    default: return (x as number) | 0;
  }
}

function bounds(m: InterpMemory, sub: number, addr: number, offset: number): number {
  const ea = (addr >>> 0) + offset;
  if (ea + SIMD_OPS[sub]!.memBytes! > m.u8.length) trap(TrapCode.MemoryOutOfBounds);
  return ea;
}

export const SIMD_HELPERS = {
  /** A value from its four words (generated code keeps a v128 as four variables). */
  w4(a: number, b: number, c: number, d: number): V {
    const o = new Int32Array(4);
    o[0] = a; o[1] = b; o[2] = c; o[3] = d;
    return o;
  },
  /** Instructions of form 'v128' (SIMD_CORE on the shared registers: operands in A, B, C, the result in R). */
  v1(sub: number, a: V): V {
    put(RA, a);
    SIMD_CORE[sub]!();
    return take(RR);
  },
  v2(sub: number, a: V, b: V): V {
    put(RA, a);
    put(RB, b);
    SIMD_CORE[sub]!();
    return take(RR);
  },
  v3(sub: number, a: V, b: V, c: V): V {
    put(RA, a);
    put(RB, b);
    put(RC, c);
    SIMD_CORE[sub]!();
    return take(RR);
  },
  splat(sub: number, x: number, hi: number): V {
    SIMD_SPLAT[sub]!(O8, scalarIn(SIMD_OPS[sub]!.params[0]!, x, hi));
    return take(O32);
  },
  extract(sub: number, a: V, lane: number): number {
    put(P32, a);
    return scalarOut(SIMD_OPS[sub]!.results[0]!, SIMD_EXTRACT[sub]!(P8, lane));
  },
  replace(sub: number, a: V, lane: number, x: number, hi: number): V {
    put(P32, a);
    SIMD_REPLACE[sub]!(O8, P8, lane, scalarIn(SIMD_OPS[sub]!.params[1]!, x, hi));
    return take(O32);
  },
  shift(sub: number, a: V, count: number): V {
    put(P32, a);
    SIMD_SHIFT[sub]!(O8, P8, count);
    return take(O32);
  },
  test(sub: number, a: V): number {
    put(P32, a);
    return SIMD_TEST[sub]!(P8) | 0;
  },
  shuffle(a: V, b: V, lanes: Uint8Array): V {
    put(P32, a);
    put(Q32, b);
    simdShuffle(O8, P8, Q8, lanes);
    return take(O32);
  },
  load(sub: number, m: InterpMemory, addr: number, offset: number): V {
    simdLoad(sub, m.u8, bounds(m, sub, addr, offset), O8);
    return take(O32);
  },
  loadLane(sub: number, m: InterpMemory, addr: number, offset: number, v: V, lane: number): V {
    const ea = bounds(m, sub, addr, offset);
    put(P32, v);
    simdLoadLane(sub, m.u8, ea, P8, lane, O8);
    return take(O32);
  },
  store(sub: number, m: InterpMemory, addr: number, offset: number, v: V): void {
    const ea = bounds(m, sub, addr, offset);
    put(P32, v);
    simdStore(m.u8, ea, P8);
  },
  storeLane(sub: number, m: InterpMemory, addr: number, offset: number, v: V, lane: number): void {
    const ea = bounds(m, sub, addr, offset);
    put(P32, v);
    simdStoreLane(sub, m.u8, ea, P8, lane);
  },
};
