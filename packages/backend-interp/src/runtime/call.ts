/**
 * Crossing between the host and the interpreter: the API calling wasm
 * (`WasmFunc.call`, `typed()`), and wasm calling host functions.
 */
import { Trap, TrapCode, Value, isHostError, type BackendValue, type ValueType } from '@wrl/core/backend';
import { execute } from '../exec/run.js';
import { wordsOf } from '../ir/sig.js';
import type { InterpFunc } from './func.js';
import type { RefValue } from './refs.js';
import type { ValueStack } from './stack.js';
import { enterInterpreter, leaveInterpreter } from '../exec/code-space.js';
import type { InterpStore } from './store.js';
import { MR, compiledOf, fromHost, fromValue, toValue } from '../compiler/link.js';

function readArg(s: ValueStack, t: ValueType, w: number): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(s.i32[w]!);
    case 'i64': return Value.i64(s.i64[w >> 1]!);
    case 'f32': {
      const n = s.f32[w]!;
      return n === n ? Value.f32(n) : Value.f32FromBits(s.u32[w]!);
    }
    case 'f64': {
      const n = s.f64[w >> 1]!;
      return n === n ? Value.f64(n) : Value.f64FromBits(s.u64[w >> 1]!);
    }
    case 'v128': {
      const b = new Uint8Array(16);
      b.set(s.u8.subarray(w * 4, w * 4 + 16));
      return Value.v128(b);
    }
    default:
      return Value.ref(t, s.refs[w] as never);
  }
}

function writeValue(s: ValueStack, v: BackendValue, w: number): void {
  switch (v.type) {
    case 'i32': s.i32[w] = v.value as number; return;
    case 'i64': s.i64[w >> 1] = v.value as bigint; return;
    case 'f32': {
      const n = v.value as number;
      if (n === n) s.f32[w] = n;
      else s.u32[w] = v.f32Bits();
      return;
    }
    case 'f64': {
      const n = v.value as number;
      if (n === n) s.f64[w >> 1] = n;
      else s.u64[w >> 1] = v.f64Bits();
      return;
    }
    case 'v128':
      s.u8.set(v.v128Bytes(), w * 4);
      return;
    default:
      s.refs[w] = v.value as RefValue;
  }
}

function readJs(s: ValueStack, t: ValueType, w: number): number | bigint {
  switch (t) {
    case 'i64': return s.i64[w >> 1]!;
    case 'f32': return s.f32[w]!;
    case 'f64': return s.f64[w >> 1]!;
    default: return s.i32[w]!;
  }
}

function writeJs(s: ValueStack, t: ValueType, w: number, x: unknown): void {
  switch (t) {
    case 'i64': s.i64[w >> 1] = x as bigint; return;
    case 'f32': s.f32[w] = x as number; return;
    case 'f64': s.f64[w >> 1] = x as number; return;
    default: s.i32[w] = x as number;
  }
}

/**
 * A JS RangeError from exhausting the host stack (deep re-entrancy) becomes a
 * StackOverflow trap; one from a DataView access of the JS tier (which leaves
 * bounds checks to the DataView) a MemoryOutOfBounds trap. Host errors pass.
 * The messages differ between engines: V8 and JavaScriptCore say "Maximum
 * call stack size exceeded" and "...bounds...", SpiderMonkey "invalid or
 * out-of-range index" and, for the stack, an InternalError "too much recursion".
 */
export function translateError(e: unknown): unknown {
  if (!(e instanceof Error) || isHostError(e)) return e;
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return new Trap(TrapCode.StackOverflow, undefined, { cause: e });
    if (/bounds|out.of.range/i.test(e.message)) return new Trap(TrapCode.MemoryOutOfBounds, undefined, { cause: e });
  } else if (e.name === 'InternalError' && /too much recursion/i.test(e.message)) {
    return new Trap(TrapCode.StackOverflow, undefined, { cause: e });
  }
  return e;
}

/** Runs a wasm function whose arguments are at word `base` of the store's stack; results land at `base`. */
function run(st: InterpStore, f: InterpFunc, base: number): void {
  const sp0 = st.sp;
  const depth0 = st.depth;
  enterInterpreter();
  try {
    execute(st, f, base);
  } catch (e) {
    throw translateError(e);
  } finally {
    leaveInterpreter();
    st.sp = sp0;
    st.depth = depth0;
  }
}

/** `WasmFunc.call`. */
export function callFromHost(f: InterpFunc, args: readonly BackendValue[], results: BackendValue[]): void {
  const st = f.store;
  if (f.def === null) {
    callHostDirect(f, args, results);
    return;
  }
  const ty = f.type;
  if (f.viaJs) {
    const c = compiledOf(f);
    if (c !== undefined) {
      // an array that starts with numbers only would hold doubles, and V8 quiets NaNs stored there
      const a: unknown[] = new Array(args.length).fill(null);
      for (let i = 0; i < args.length; i++) a[i] = fromValue(ty.params[i]!, args[i]!);
      const r = guarded(st, c, a);
      const rt = ty.results;
      if (rt.length === 1) results[0] = toValue(rt[0]!, r);
      else for (let i = 0; i < rt.length; i++) results[i] = toValue(rt[i]!, MR[i]);
      return;
    }
  }
  const base = st.sp;
  const s = st.stack;
  s.ensure(base + Math.max(f.paramWords, f.resultWords) + 4);
  let w = base;
  for (let i = 0; i < args.length; i++) {
    writeValue(s, args[i]!, w);
    w += wordsOf(ty.params[i]!);
  }
  run(st, f, base);
  w = base;
  for (let i = 0; i < ty.results.length; i++) {
    const t = ty.results[i]!;
    results[i] = readArg(st.stack, t, w);
    w += wordsOf(t);
  }
}

function callHostDirect(f: InterpFunc, args: readonly BackendValue[], results: BackendValue[]): void {
  if (f.host !== null) {
    f.host(args, results);
    return;
  }
  const r = f.typedHost!(...args.map((a) => a.value));
  const rt = f.type.results;
  if (rt.length === 1) results[0] = jsToValue(rt[0]!, r);
  else for (let i = 0; i < rt.length; i++) results[i] = jsToValue(rt[i]!, (r as unknown[])[i]);
}

function jsToValue(t: ValueType, x: unknown): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x as number);
    case 'i64': return Value.i64(x as bigint);
    case 'f32': return Value.f32(x as number);
    default: return Value.f64(x as number);
  }
}

/** Calls compiled code from the host; a trap or host exception leaves the store as it was. */
function guarded(st: InterpStore, c: (...a: any[]) => any, a: unknown[]): any {
  const sp0 = st.sp;
  const depth0 = st.depth;
  try {
    const r = c(depth0 + 1, ...a);
    // calls out of compiled code publish deeper depths
    st.depth = depth0;
    return r;
  } catch (e) {
    st.sp = sp0;
    st.depth = depth0;
    throw translateError(e);
  }
}

/** Calls a host function from wasm: arguments at word `base`, results written back from `base`. */
export function callHost(st: InterpStore, f: InterpFunc, base: number): void {
  const s = st.stack;
  const ty = f.type;
  const params = ty.params;
  const rt = ty.results;
  s.ensure(st.sp + 4);
  if (f.typedHost !== null) {
    const fn = f.typedHost;
    let r: unknown;
    switch (params.length) {
      case 0: r = fn(); break;
      case 1: r = fn(readJs(s, params[0]!, base)); break;
      case 2: r = fn(readJs(s, params[0]!, base), readJs(s, params[1]!, base + 2)); break;
      default: {
        const a: unknown[] = [];
        let w = base;
        for (const t of params) {
          a.push(readJs(s, t, w));
          w += 2;
        }
        r = fn(...a);
      }
    }
    const s2 = st.stack;
    if (rt.length === 1) writeJs(s2, rt[0]!, base, r);
    else for (let i = 0; i < rt.length; i++) writeJs(s2, rt[i]!, base + 2 * i, (r as unknown[])[i]);
    return;
  }
  const args: BackendValue[] = new Array(params.length);
  let w = base;
  for (let i = 0; i < params.length; i++) {
    args[i] = readArg(s, params[i]!, w);
    w += wordsOf(params[i]!);
  }
  const results: BackendValue[] = new Array(rt.length);
  for (let i = 0; i < rt.length; i++) results[i] = Value.default(rt[i]!);
  f.host!(args, results);
  const s2 = st.stack;
  w = base;
  for (let i = 0; i < rt.length; i++) {
    writeValue(s2, results[i]!, w);
    w += wordsOf(rt[i]!);
  }
}

/** `WasmFunc.typed()`: numbers and bigints in and out, no Value boxing. */
export function typedEntry(f: InterpFunc): (...args: any[]) => unknown {
  if (f.def === null) {
    if (f.typedHost !== null) return f.typedHost;
    return (...args: unknown[]) => {
      const results = f.type.results.map((t) => Value.default(t)) as BackendValue[];
      callHostDirect(f, args.map((a, i) => jsToValue(f.type.params[i]!, a)), results);
      return results.length === 0 ? undefined : results.length === 1 ? results[0]!.value : results.map((v) => v.value);
    };
  }
  if (f.viaJs) return typedJsEntry(f);
  return typedSlow(f);
}

/** `typed()` through the interpreter. */
function typedSlow(f: InterpFunc): (...args: any[]) => unknown {
  const st = f.store;
  const params = f.type.params;
  const rt = f.type.results;
  const need = Math.max(f.paramWords, f.resultWords) + 4;
  const finish = (base: number): unknown => {
    run(st, f, base);
    const s = st.stack;
    if (rt.length === 0) return undefined;
    if (rt.length === 1) return readJs(s, rt[0]!, base);
    const out: unknown[] = [];
    for (let i = 0; i < rt.length; i++) out.push(readJs(s, rt[i]!, base + 2 * i));
    return out;
  };
  switch (params.length) {
    case 0:
      return () => {
        const base = st.sp;
        st.stack.ensure(base + need);
        return finish(base);
      };
    case 1: {
      const t0 = params[0]!;
      return (a: unknown) => {
        const base = st.sp;
        st.stack.ensure(base + need);
        writeJs(st.stack, t0, base, a);
        return finish(base);
      };
    }
    default:
      return (...args: unknown[]) => {
        const base = st.sp;
        const s = st.stack;
        s.ensure(base + need);
        for (let i = 0; i < params.length; i++) writeJs(s, params[i]!, base + 2 * i, args[i]);
        return finish(base);
      };
  }
}

/** Typed arguments as the interpreter's stack stores would keep them. */
function normaliser(t: ValueType): (x: any) => any {
  switch (t) {
    case 'i32': return (x) => x | 0;
    case 'i64': return (x) => BigInt.asIntN(64, x);
    case 'f32': return (x) => fromHost('f32', x);
    case 'f64': return (x) => +x;
    default: return (x) => x;
  }
}

/** `typed()` with the JS tier: straight into the compiled code once there is some. */
function typedJsEntry(f: InterpFunc): (...args: any[]) => unknown {
  const st = f.store;
  const rt = f.type.results;
  const multi = rt.length > 1;
  const slow = typedSlow(f);
  const fail = (e: unknown, sp0: number, depth0: number): unknown => {
    st.sp = sp0;
    st.depth = depth0;
    return translateError(e);
  };
  const collect = (): unknown[] => {
    const out: unknown[] = new Array(rt.length).fill(null);
    for (let i = 0; i < rt.length; i++) out[i] = MR[i];
    return out;
  };
  const norms = f.type.params.map(normaliser);
  switch (norms.length) {
    case 0:
      return () => {
        const c = f.js ?? compiledOf(f);
        if (c === undefined) return slow();
        const sp0 = st.sp;
        const depth0 = st.depth;
        try {
          const r = c(depth0 + 1);
          st.depth = depth0;
          return multi ? collect() : r;
        } catch (e) {
          throw fail(e, sp0, depth0);
        }
      };
    case 1: {
      const n0 = norms[0]!;
      return (a: unknown) => {
        const c = f.js ?? compiledOf(f);
        if (c === undefined) return slow(a);
        const sp0 = st.sp;
        const depth0 = st.depth;
        try {
          const r = c(depth0 + 1, n0(a));
          st.depth = depth0;
          return multi ? collect() : r;
        } catch (e) {
          throw fail(e, sp0, depth0);
        }
      };
    }
    default:
      return (...args: unknown[]) => {
        const c = f.js ?? compiledOf(f);
        if (c === undefined) return slow(...args);
        const sp0 = st.sp;
        const depth0 = st.depth;
        try {
          const a: unknown[] = new Array(norms.length).fill(null);
          for (let i = 0; i < norms.length; i++) a[i] = norms[i]!(args[i]);
          const r = c(depth0 + 1, ...a);
          st.depth = depth0;
          return multi ? collect() : r;
        } catch (e) {
          throw fail(e, sp0, depth0);
        }
      };
  }
}
