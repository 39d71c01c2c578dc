import type { TrapCode } from '@wrl/core/backend';
import {
  ctz32, i64ToF32, nearest, popcnt32, satI32S, satI32U, satI64S, satI64U, trap,
  truncI32S, truncI32U, truncI64S, truncI64U, u64ToF32,
} from '../exec/math.js';
import type { RtInstance } from '../runtime/instance.js';
import type { RefValue } from '../runtime/refs.js';
import type { InterpStore } from '../runtime/store.js';
import { generateSource } from './codegen.js';
import { execute } from '../exec/run.js';
import { Op } from '../ir/ops.js';
import type { InterpFunc } from '../runtime/func.js';

/**
 * A function body compiled to JS: runs from IR position `pc` until an
 * instruction it leaves to the interpreter, and returns that position.
 */
export type JitCode = (
  st: InterpStore, i32: Int32Array, f32: Float32Array, f64: Float64Array, i64: BigInt64Array, u64: BigUint64Array,
  refs: RefValue[], fp: number, pc: number, inst: RtInstance,
) => number;

function cmp64(i32: Int32Array, a: number, b: number, signed: boolean): number {
  const ha = signed ? i32[a + 1]! : i32[a + 1]! >>> 0;
  const hb = signed ? i32[b + 1]! : i32[b + 1]! >>> 0;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = i32[a]! >>> 0;
  const lb = i32[b]! >>> 0;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

function shift64(i32: Int32Array, d: number, a: number, k: number, kind: 0 | 1 | 2): void {
  let lo = i32[a]!;
  let hi = i32[a + 1]!;
  if (k !== 0) {
    if (kind === 0) {
      if (k < 32) { hi = (hi << k) | (lo >>> (32 - k)); lo <<= k; } else { hi = lo << (k - 32); lo = 0; }
    } else if (kind === 1) {
      if (k < 32) { lo = (lo >>> k) | (hi << (32 - k)); hi >>= k; } else { lo = hi >> (k - 32); hi >>= 31; }
    } else {
      if (k < 32) { lo = (lo >>> k) | (hi << (32 - k)); hi >>>= k; } else { lo = hi >>> (k - 32); hi = 0; }
    }
  }
  i32[d] = lo;
  i32[d + 1] = hi;
}

/** Helpers the generated code calls, as `H.name`. */
const H = {
  trap: (code: string) => trap(code as TrapCode),
  cmpS64: (i32: Int32Array, a: number, b: number) => cmp64(i32, a, b, true),
  cmpU64: (i32: Int32Array, a: number, b: number) => cmp64(i32, a, b, false),
  shl64: (i32: Int32Array, d: number, a: number, k: number) => shift64(i32, d, a, k, 0),
  shrS64: (i32: Int32Array, d: number, a: number, k: number) => shift64(i32, d, a, k, 1),
  shrU64: (i32: Int32Array, d: number, a: number, k: number) => shift64(i32, d, a, k, 2),
  round64(i32: Int32Array, f64: Float64Array, d: number, a: number, f: (x: number) => number): void {
    const x = f64[a >> 1]!;
    if (x !== x) {
      // quiet a signalling NaN, which Math functions would return unchanged
      i32[d] = i32[a]!;
      i32[d + 1] = i32[a + 1]! | 0x80000;
    } else {
      f64[d >> 1] = f(x);
    }
  },
  ctz32, popcnt32, nearest, truncI32S, truncI32U, truncI64S, truncI64U, satI32S, satI32U, satI64S, satI64U, i64ToF32, u64ToF32,
  nullRefs(refs: RefValue[], fp: number, offsets: readonly number[]): void {
    for (const o of offsets) refs[fp + o] = null;
  },
  /**
   * Completes a direct call once the callee's generated code handed over at
   * `pc`: a return just needs its result in place; anything else continues
   * the callee's frame in the interpreter.
   */
  finishCall(st: InterpStore, g: InterpFunc, fp: number, pc: number): void {
    const code = g.def!.code!;
    const op = code[pc];
    if (op === Op.ReturnScalar) {
      const i32 = st.stack.i32;
      const s = fp + code[pc + 1]!;
      i32[fp] = i32[s]!;
      i32[fp + 1] = i32[s + 1]!;
    } else if (op !== Op.Return) {
      execute(st, g, fp, pc);
    }
  },
  EMPTY_U8: new Uint8Array(0),
  EMPTY_DV: new DataView(new ArrayBuffer(0)),
};

let available: boolean | undefined;

/** Whether code can be generated here (`new Function` may be forbidden, e.g. by a CSP without 'unsafe-eval'). */
export function jitAvailable(): boolean {
  if (available === undefined) {
    try {
      available = new Function('return 1')() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/** Compiles IR to a JS function, or undefined when not worthwhile or not possible. */
export function compileJit(code: Int32Array, cachedLocals: readonly number[]): JitCode | undefined {
  if (!jitAvailable()) return undefined;
  try {
    const src = generateSource(code, cachedLocals);
    if (src === undefined) return undefined;
    const factory = new Function('H', `${src.preamble}\nreturn function jitted(st, i32, f32, f64, i64, u64, refs, fp, pc, inst) {\n${src.body}\n};`);
    return factory(H) as JitCode;
  } catch {
    // the interpreter runs everything the generator cannot handle
    return undefined;
  }
}
