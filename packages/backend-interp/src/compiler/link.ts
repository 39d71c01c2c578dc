/**
 * The JS tier at run time: compiling a function when it gets hot, binding the
 * generated code to an instance, and the entries between compiled code, the
 * interpreter and host functions. Every function handle has one JS entry with
 * the tier's calling convention: first the callee's call depth (its caller's
 * plus one), then the parameters as JS arguments; one result returned, several
 * written to `MR`. Compiled code keeps the depth in that argument only; an
 * entry that leaves compiled code (to the interpreter or a host function)
 * publishes it as `st.depth`, the depth of the frame that made the call, which
 * is what the interpreter and re-entrant calls from the host start from.
 *
 * An i64 travels as two int32 arguments (low, high word); an i64 result is
 * the low word, with the high word in `HI[0]` (one result) or `MRH[i]` (next
 * to `MR[i]`). BigInts appear only where compiled code meets BigInt values:
 * host functions, and `f.js` of a function whose signature has an i64, which
 * keeps the BigInt form for runtime/call.ts and carries the word-form entry
 * as its `.p`.
 */
import { Value, type BackendValue, type ValueType } from '@wrl/core/backend';
import { execute } from '../exec/run.js';
import { enterInterpreter, leaveInterpreter } from '../exec/code-space.js';
import type { InterpFunc } from '../runtime/func.js';
import type { RtInstance } from '../runtime/instance.js';
import type { InterpMemory } from '../runtime/memory.js';
import type { FuncDef } from '../runtime/module.js';
import type { ValueStack } from '../runtime/stack.js';
import { JS_DEPTH_LIMIT } from '../runtime/limits.js';
import type { InterpStore } from '../runtime/store.js';
import { Unsupported, emitFunction } from './emit.js';
import { HI, bigOf, makeHelpers, splitBig, type Helpers } from './helpers.js';
import { f32Bits, f32FromBits, f32FromHost, f64Bits, f64FromBits } from './nan-bits.js';

export type JsEntry = (...args: any[]) => any;
/** `f.js` of a compiled function with an i64 in its signature: BigInts in and out, `p` its word-form entry. */
type WideEntry = JsEntry & { p: JsEntry };
export type Factory = (H: Helpers, C: JsContext) => JsEntry;

/** What generated code of one instance reads: see the preamble in emit.ts. */
export interface JsContext {
  readonly st: InterpStore;
  F: JsEntry[];
  readonly FN: readonly InterpFunc[];
  readonly G: RtInstance['globals'];
  readonly T: RtInstance['tables'];
  readonly M: InterpMemory | undefined;
  readonly MR: unknown[];
  /** The high words of i64 results in MR. */
  readonly MRH: number[];
  readonly HI: Int32Array;
  /** Call depth beyond which compiled code hands calls to the interpreter (never above maxCallDepth). */
  readonly jsDepth: number;
  readonly inst: RtInstance;
  readonly sigs: readonly number[];
}

/**
 * Several results travel here. Its first element is not a number, so V8 keeps
 * it an array of tagged values: a double stored into it keeps its NaN bits.
 */
export const MR: unknown[] = [null];
const MRH: number[] = [0];

const H: Helpers = makeHelpers(entryOf, interpret);

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

/**
 * The longest generated source this tier runs. V8 never optimises a function with more than 60 KiB
 * of bytecode (`--max-optimized-bytecode-size`), and generated code takes 0.75 to 0.95 bytes of
 * bytecode per source character; past the limit a function runs unoptimised, 3 to 5 times slower
 * than in the interpreter, so it stays there (js-size.test.ts).
 */
const MAX_JS_SOURCE = 56_000;

/** The generated factory of a function, or null when this tier does not handle it. */
export function compileDef(def: FuncDef): Factory | null {
  if (!jitAvailable()) return null;
  try {
    const src = emitFunction(def.env.module, def.index, def.type, def.info, { fuel: def.env.fuel, sigs: def.env.sigs });
    if (src.length > MAX_JS_SOURCE) return null;
    return new Function('H', 'C', src) as Factory;
  } catch (e) {
    // what this tier leaves to the interpreter (SIMD, multi-memory), or a CSP refusal;
    // anything else is a bug in the emitter and must not hide behind the fallback
    if (e instanceof Unsupported || e instanceof EvalError) return null;
    throw e;
  }
}

function contextOf(inst: RtInstance, st: InterpStore): JsContext {
  let c = inst.jsContext;
  if (c !== undefined) return c;
  c = {
    st, F: [], FN: inst.funcs, G: inst.globals, T: inst.tables, M: inst.memories[0], MR, MRH, HI,
    jsDepth: Math.min(st.limits.maxCallDepth, JS_DEPTH_LIMIT), inst, sigs: inst.module.sigs,
  };
  inst.jsContext = c;
  c.F = inst.funcs.map(entryOf);
  return c;
}

/** The compiled code of a wasm function, compiling it when it is hot enough; undefined while it runs in the interpreter. */
export function compiledOf(f: InterpFunc): JsEntry | undefined {
  if (f.js !== undefined) return f.js;
  if (!f.viaJs) return undefined;
  const def = f.def!;
  let fac = def.factory;
  if (fac === undefined) {
    // A loop is where the time goes, and a function called once (a `main`) would
    // otherwise run every iteration in the interpreter: such functions compile at once.
    if (++def.calls < f.store.limits.jsTierHotness && !def.hasLoop) return undefined;
    fac = def.factory = compileDef(def);
  }
  if (fac === null) {
    f.viaJs = false;
    return undefined;
  }
  const ctx = contextOf(f.inst!, f.store);
  const fn = fac(H, ctx);
  const js = hasI64(f.type) ? bigIntEntry(f.type, fn) : fn;
  f.js = js;
  ctx.F[def.index] = fn;
  return js;
}

/** The word-form JS entry of any function handle (what compiled code calls). */
export function entryOf(g: InterpFunc): JsEntry {
  if (g.js !== undefined) return wordEntry(g.js);
  return (g.bridge ??= g.def !== null ? wasmBridge(g) : hostEntry(g));
}

const wordEntry = (js: JsEntry): JsEntry => (js as Partial<WideEntry>).p ?? js;

const hasI64 = (ty: { params: readonly ValueType[]; results: readonly ValueType[] }): boolean =>
  ty.params.includes('i64') || ty.results.includes('i64');

type Sig = { params: readonly ValueType[]; results: readonly ValueType[] };

const sigKey = (ty: Sig): string => `${ty.params.join(',')}>${ty.results.join(',')}`;

/**
 * The adapters below run on every call across a boundary, so each signature
 * gets its own, generated once: fixed arity, no argument arrays.
 */
type BigIntAdapter = (fn: JsEntry, split: typeof splitBig, big: typeof bigOf, hi: Int32Array, mr: unknown[], mrh: number[]) => JsEntry;
const bigIntAdapters = new Map<string, BigIntAdapter>();

/** `f.js` of a compiled function whose signature has an i64: the BigInt form around the word form. */
function bigIntEntry(ty: Sig, fn: JsEntry): WideEntry {
  const key = sigKey(ty);
  let make = bigIntAdapters.get(key);
  if (make === undefined) {
    const params = ty.params.map((_, i) => `a${i}`);
    // the arguments are evaluated left to right: each high word is read right after its split
    const args = ty.params.flatMap((t, i) => (t === 'i64' ? [`L(a${i})`, 'HI[0]'] : [`a${i}`]));
    const call = `fn(${['d', ...args].join(', ')})`;
    let body: string;
    if (ty.results.length === 1) body = ty.results[0] === 'i64' ? `const r = ${call}; return B(r, HI[0]);` : `return ${call};`;
    else body = `${call};\n${ty.results.map((t, i) => (t === 'i64' ? `MR[${i}] = B(MR[${i}], MRH[${i}]);` : '')).join('')}`;
    make = new Function('fn', 'L', 'B', 'HI', 'MR', 'MRH', `return function (${['d', ...params].join(', ')}) {\n${body}\n};`) as BigIntAdapter;
    bigIntAdapters.set(key, make);
  }
  const e = make(fn, splitBig, bigOf, HI, MR, MRH) as WideEntry;
  e.p = fn;
  return e;
}

/** Calls a word-form entry with arguments from the value stack at `base`. */
type StackCall = (c: JsEntry, s: ValueStack, base: number, d: number) => any;
type StackCallAdapter = (read: typeof readStack, types: readonly ValueType[]) => StackCall;
const stackCallAdapters = new Map<string, StackCall>();

function stackCallOf(ty: Sig): StackCall {
  const key = sigKey(ty);
  let call = stackCallAdapters.get(key);
  if (call === undefined) {
    const args = ty.params.flatMap((t, i) =>
      t === 'i64' ? [`s.i32[b + ${2 * i}]`, `s.i32[b + ${2 * i + 1}]`] : [`R(s, P[${i}], b + ${2 * i})`]);
    const make = new Function('R', 'P', `return function (c, s, b, d) { return c(${['d', ...args].join(', ')}); };`) as StackCallAdapter;
    call = make(readStack, ty.params);
    stackCallAdapters.set(key, call);
  }
  return call;
}

// ---- values between the tier's JS form, the value stack and Values ----

/** A value other than an i64 (which the callers move as words) to the stack. */
function writeStack(s: ValueStack, t: ValueType, w: number, x: any): void {
  switch (t) {
    case 'i32': s.i32[w] = x; return;
    case 'f32':
      if (x === x) s.f32[w] = x;
      else s.i32[w] = f32Bits(x);
      return;
    case 'f64': s.f64[w >> 1] = x; return;
    default: s.refs[w] = x;
  }
}

/** A value other than an i64 from the stack. */
function readStack(s: ValueStack, t: ValueType, w: number): any {
  switch (t) {
    case 'i32': return s.i32[w];
    case 'f32': {
      const n = s.f32[w]!;
      return n === n ? n : f32FromBits(s.i32[w]!);
    }
    case 'f64': return s.f64[w >> 1];
    default: return s.refs[w];
  }
}

export function toValue(t: ValueType, x: any): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(x);
    case 'i64': return Value.i64(x);
    case 'f32': return x === x ? Value.f32(x) : Value.f32FromBits(f32Bits(x) >>> 0);
    case 'f64': return x === x ? Value.f64(x) : Value.f64FromBits(BigInt.asUintN(64, f64Bits(x)));
    default: return Value.ref(t as 'funcref', x as never) as unknown as BackendValue;
  }
}

export function fromValue(t: ValueType, v: BackendValue): any {
  const x = v.value;
  switch (t) {
    case 'f32': return x === x ? x : f32FromBits(v.f32Bits() | 0);
    case 'f64': return x === x ? x : f64FromBits(BigInt.asIntN(64, v.f64Bits()));
    default: return x;
  }
}

/** A typed host function's answer as the interpreter's stack stores would keep it. */
export function fromHost(t: ValueType, x: any): any {
  switch (t) {
    case 'i32': return x | 0;
    case 'i64': return BigInt.asIntN(64, x);
    case 'f32': return f32FromHost(+x);
    case 'f64': return +x;
    default: return x;
  }
}

/** Hands results in BigInt form to a caller in word form: one is returned, several go to MR (and MRH). */
function deliver(results: readonly ValueType[], get: (i: number) => any): any {
  if (results.length === 1) {
    const x = get(0);
    return results[0] === 'i64' ? splitBig(x) : x;
  }
  for (let i = 0; i < results.length; i++) {
    const x = get(i);
    if (results[i] === 'i64') {
      MR[i] = splitBig(x);
      MRH[i] = HI[0]!;
    } else {
      MR[i] = x;
    }
  }
  return undefined;
}

/** Word-form arguments in BigInt form (for a host function). */
function bigArgs(params: readonly ValueType[], args: readonly any[]): any[] {
  const a: unknown[] = new Array(params.length).fill(null);
  let k = 0;
  for (let i = 0; i < params.length; i++) {
    if (params[i] === 'i64') {
      a[i] = bigOf(args[k], args[k + 1]);
      k += 2;
    } else {
      a[i] = args[k++];
    }
  }
  return a;
}

/** Word-form arguments to the stack at `base`, two words per value. */
function argsToStack(s: ValueStack, params: readonly ValueType[], base: number, args: readonly any[]): void {
  let k = 0;
  for (let i = 0; i < params.length; i++) {
    const w = base + 2 * i;
    if (params[i] === 'i64') {
      s.i32[w] = args[k++];
      s.i32[w + 1] = args[k++];
    } else {
      writeStack(s, params[i]!, w, args[k++]);
    }
  }
}

/** Results on the stack at `base` to a word-form caller. */
function resultsFromStack(s: ValueStack, results: readonly ValueType[], base: number): any {
  if (results.length === 1) {
    if (results[0] !== 'i64') return readStack(s, results[0]!, base);
    HI[0] = s.i32[base + 1]!;
    return s.i32[base];
  }
  for (let i = 0; i < results.length; i++) {
    const w = base + 2 * i;
    if (results[i] === 'i64') {
      MR[i] = s.i32[w];
      MRH[i] = s.i32[w + 1]!;
    } else {
      MR[i] = readStack(s, results[i]!, w);
    }
  }
  return undefined;
}

/** Word-form results (the first returned as `r`) to the stack at `base`. */
function resultsToStack(s: ValueStack, results: readonly ValueType[], base: number, r: any, hi: number): void {
  if (results.length === 1) {
    if (results[0] === 'i64') {
      s.i32[base] = r;
      s.i32[base + 1] = hi;
    } else {
      writeStack(s, results[0]!, base, r);
    }
    return;
  }
  for (let i = 0; i < results.length; i++) {
    const w = base + 2 * i;
    if (results[i] === 'i64') {
      s.i32[w] = MR[i] as number;
      s.i32[w + 1] = MRH[i]!;
    } else {
      writeStack(s, results[i]!, w, MR[i]);
    }
  }
}

// ---- the entries (word form) ----

/** A wasm function that is not compiled (yet, or ever): compiled code calls it through the interpreter. */
function wasmBridge(g: InterpFunc): JsEntry {
  return (d: number, ...args: any[]) => {
    const c = compiledOf(g);
    if (c !== undefined) return wordEntry(c)(d, ...args);
    return interpret(g, d, ...args);
  };
}

/**
 * Interpreter runs nested in compiled code beyond which the interpreter keeps
 * every further call to itself: each run is a large JS frame, and a chain
 * that alternates between the tiers would otherwise exhaust the JS stack
 * long before maxCallDepth.
 */
const MAX_JS_NEST = 48;

/** Runs `g` in the interpreter as a frame at depth `d`. */
function interpret(g: InterpFunc, d: number, ...args: any[]): any {
  const params = g.type.params;
  const results = g.type.results;
  const st = g.store;
  const base = st.sp;
  st.stack.ensure(base + Math.max(g.paramWords, g.resultWords) + 4);
  let s = st.stack;
  argsToStack(s, params, base, args);
  st.depth = d - 1;
  const nest = st.jsNest;
  const limit = st.jsDepthLimit;
  st.jsNest = nest + 1;
  if (nest + 1 >= MAX_JS_NEST) st.jsDepthLimit = 0;
  enterInterpreter();
  try {
    execute(st, g, base);
  } finally {
    leaveInterpreter();
    st.jsNest = nest;
    st.jsDepthLimit = limit;
  }
  st.sp = base;
  s = st.stack;
  return resultsFromStack(s, results, base);
}

function hostEntry(g: InterpFunc): JsEntry {
  const params = g.type.params;
  const results = g.type.results;
  const typed = g.typedHost;
  const wide = hasI64(g.type);
  if (typed !== null) {
    // one result or none: the call site normalises the answer (an i64 result the adapter splits)
    if (results.length <= 1) return wide ? wideTypedHostEntry(g.store, typed, g.type) : typedHostEntry(g.store, typed, params.length);
    return (d: number, ...args: any[]) => {
      g.store.depth = d - 1;
      const r = typed(...(wide ? bigArgs(params, args) : args)) as any[];
      return deliver(results, (i) => fromHost(results[i]!, r[i]));
    };
  }
  const host = g.host!;
  return (d: number, ...args: any[]) => {
    g.store.depth = d - 1;
    const b = wide ? bigArgs(params, args) : args;
    const a = params.map((t, i) => toValue(t, b[i]));
    const out = results.map((t) => Value.default(t)) as BackendValue[];
    host(a, out);
    return deliver(results, (i) => fromValue(results[i]!, out[i]!));
  };
}

type WideHostAdapter = (st: InterpStore, typed: (...args: any[]) => unknown, split: typeof splitBig, big: typeof bigOf) => JsEntry;
const wideHostAdapters = new Map<string, WideHostAdapter>();

/**
 * A typed host function with an i64 in its signature (at most one result),
 * for word-form callers: BigInts made from the words, an i64 answer split
 * (its store in a BigInt64Array wraps and rejects a non-BigInt like
 * `BigInt.asIntN`).
 */
function wideTypedHostEntry(st: InterpStore, typed: (...args: any[]) => unknown, ty: Sig): JsEntry {
  const key = sigKey(ty);
  let make = wideHostAdapters.get(key);
  if (make === undefined) {
    const params = ty.params.flatMap((t, i) => (t === 'i64' ? [`a${i}`, `A${i}`] : [`a${i}`]));
    const args = ty.params.map((t, i) => (t === 'i64' ? `B(a${i}, A${i})` : `a${i}`));
    const call = `typed(${args.join(', ')})`;
    const ret = ty.results[0] === 'i64' ? `return L(${call});` : `return ${call};`;
    make = new Function('st', 'typed', 'L', 'B', `return function (${['d', ...params].join(', ')}) {\nst.depth = d - 1;\n${ret}\n};`) as WideHostAdapter;
    wideHostAdapters.set(key, make);
  }
  return make(st, typed, splitBig, bigOf);
}

/** A typed host function behind the depth argument: fixed arities keep the call free of rest arrays. */
function typedHostEntry(st: InterpStore, typed: (...args: any[]) => unknown, n: number): JsEntry {
  switch (n) {
    case 0: return (d: number) => { st.depth = d - 1; return typed(); };
    case 1: return (d: number, a: any) => { st.depth = d - 1; return typed(a); };
    case 2: return (d: number, a: any, b: any) => { st.depth = d - 1; return typed(a, b); };
    case 3: return (d: number, a: any, b: any, c: any) => { st.depth = d - 1; return typed(a, b, c); };
    default: return (d: number, ...args: any[]) => { st.depth = d - 1; return typed(...args); };
  }
}

/**
 * The interpreter calling a wasm function whose arguments are at word `base`
 * (results go back there): compiled code when there is some, else a nested
 * interpreter run.
 */
export function callFromStack(st: InterpStore, f: InterpFunc, base: number): void {
  const c = compiledOf(f);
  if (c === undefined) {
    // only `execute` calls this: its caller's enterInterpreter is in effect
    execute(st, f, base);
    return;
  }
  const params = f.type.params;
  const results = f.type.results;
  // the interpreter published the depth of its calling frame
  const depth0 = st.depth;
  const d = depth0 + 1;
  let s = st.stack;
  const words = (c as Partial<WideEntry>).p;
  if (words !== undefined) {
    // an i64 in the signature: its words go straight between the stack and the word-form entry
    const r = stackCallOf(f.type)(words, s, base, d);
    const hi = HI[0]!;
    st.depth = depth0;
    resultsToStack(st.stack, results, base, r, hi);
    return;
  }
  let r: any;
  switch (params.length) {
    case 0: r = c(d); break;
    case 1: r = c(d, readStack(s, params[0]!, base)); break;
    case 2: r = c(d, readStack(s, params[0]!, base), readStack(s, params[1]!, base + 2)); break;
    default: {
      const a: any[] = new Array(params.length).fill(null);
      for (let i = 0; i < params.length; i++) a[i] = readStack(s, params[i]!, base + 2 * i);
      r = c(d, ...a);
    }
  }
  // calls out of compiled code publish deeper depths
  st.depth = depth0;
  s = st.stack;
  if (results.length === 1) writeStack(s, results[0]!, base, r);
  else for (let i = 0; i < results.length; i++) writeStack(s, results[i]!, base + 2 * i, MR[i]);
}

export { H as helpers };
