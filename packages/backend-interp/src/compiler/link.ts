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
 */
import { Value, type BackendValue, type ValueType } from '@wrl/core/backend';
import { execute } from '../exec/run.js';
import type { InterpFunc } from '../runtime/func.js';
import type { RtInstance } from '../runtime/instance.js';
import type { InterpMemory } from '../runtime/memory.js';
import type { FuncDef } from '../runtime/module.js';
import type { ValueStack } from '../runtime/stack.js';
import { JS_DEPTH_LIMIT } from '../runtime/limits.js';
import type { InterpStore } from '../runtime/store.js';
import { Unsupported, emitFunction } from './emit.js';
import { makeHelpers, type Helpers } from './helpers.js';
import { f32Bits, f32FromBits, f32FromHost, f64Bits, f64FromBits } from './nan-bits.js';

export type JsEntry = (...args: any[]) => any;
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

/** The generated factory of a function, or null when this tier does not handle it. */
export function compileDef(def: FuncDef): Factory | null {
  if (!jitAvailable()) return null;
  try {
    const src = emitFunction(def.env.module, def.index, def.type, def.info, { fuel: def.env.fuel });
    return new Function('H', 'C', src) as Factory;
  } catch (e) {
    // what this tier leaves to the interpreter (SIMD, tail calls, multi-memory), or a CSP refusal;
    // anything else is a bug in the emitter and must not hide behind the fallback
    if (e instanceof Unsupported || e instanceof EvalError) return null;
    throw e;
  }
}

function contextOf(inst: RtInstance, st: InterpStore): JsContext {
  let c = inst.jsContext;
  if (c !== undefined) return c;
  c = {
    st, F: [], FN: inst.funcs, G: inst.globals, T: inst.tables, M: inst.memories[0], MR,
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
  f.js = fn;
  ctx.F[def.index] = fn;
  return fn;
}

/** The JS entry of any function handle. */
export function entryOf(g: InterpFunc): JsEntry {
  if (g.js !== undefined) return g.js;
  return (g.bridge ??= g.def !== null ? wasmBridge(g) : hostEntry(g));
}

// ---- values between the tier's JS form, the value stack and Values ----

export function writeStack(s: ValueStack, t: ValueType, w: number, x: any): void {
  switch (t) {
    case 'i32': s.i32[w] = x; return;
    case 'i64': s.i64[w >> 1] = x; return;
    case 'f32':
      if (x === x) s.f32[w] = x;
      else s.i32[w] = f32Bits(x);
      return;
    case 'f64': s.f64[w >> 1] = x; return;
    default: s.refs[w] = x;
  }
}

export function readStack(s: ValueStack, t: ValueType, w: number): any {
  switch (t) {
    case 'i32': return s.i32[w];
    case 'i64': return s.i64[w >> 1];
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

/** Hands results to a caller: one is returned, several go to MR. */
function deliver(results: readonly ValueType[], get: (i: number) => any): any {
  if (results.length === 1) return get(0);
  for (let i = 0; i < results.length; i++) MR[i] = get(i);
  return undefined;
}

// ---- the entries ----

/** A wasm function that is not compiled (yet, or ever): compiled code calls it through the interpreter. */
function wasmBridge(g: InterpFunc): JsEntry {
  return (d: number, ...args: any[]) => {
    const c = compiledOf(g);
    if (c !== undefined) return c(d, ...args);
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
  for (let i = 0; i < params.length; i++) writeStack(s, params[i]!, base + 2 * i, args[i]);
  st.depth = d - 1;
  const nest = st.jsNest;
  const limit = st.jsDepthLimit;
  st.jsNest = nest + 1;
  if (nest + 1 >= MAX_JS_NEST) st.jsDepthLimit = 0;
  try {
    execute(st, g, base);
  } finally {
    st.jsNest = nest;
    st.jsDepthLimit = limit;
  }
  st.sp = base;
  s = st.stack;
  return deliver(results, (i) => readStack(s, results[i]!, base + 2 * i));
}

function hostEntry(g: InterpFunc): JsEntry {
  const params = g.type.params;
  const results = g.type.results;
  const typed = g.typedHost;
  if (typed !== null) {
    // one result or none: the call site normalises the answer
    if (results.length <= 1) return typedHostEntry(g.store, typed, params.length);
    return (d: number, ...args: any[]) => {
      g.store.depth = d - 1;
      const r = typed(...args) as any[];
      return deliver(results, (i) => fromHost(results[i]!, r[i]));
    };
  }
  const host = g.host!;
  return (d: number, ...args: any[]) => {
    g.store.depth = d - 1;
    const a = params.map((t, i) => toValue(t, args[i]));
    const out = results.map((t) => Value.default(t)) as BackendValue[];
    host(a, out);
    return deliver(results, (i) => fromValue(results[i]!, out[i]!));
  };
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
    execute(st, f, base);
    return;
  }
  const params = f.type.params;
  const results = f.type.results;
  // the interpreter published the depth of its calling frame
  const depth0 = st.depth;
  const d = depth0 + 1;
  let s = st.stack;
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
