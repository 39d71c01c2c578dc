/**
 * Runs one generated program on the host's WebAssembly and on every way the
 * interp engine runs code, and says where they disagree.
 *
 * Each mode makes the same calls on one instance: `run` with each argument
 * set in turn, then `dump` (the mutable globals) and a hash of memory after
 * each. Calling `run` several times on one instance also moves functions
 * between tiers mid-way where the JS tier's hotness is above 1.
 */
import { Engine, Func, FuncType, Imports, Instance, Module, Store, Trap, TrapCode, Value, type Memory, type PublicValue } from '@wrl/core';
import { createWatConverter, type WatConverter } from '@wrl/conformance';
import { InterpEngine } from '../engine.js';
import type { InterpEngineOptions } from '../runtime/limits.js';
import { generate, type Program, type Sig } from './generate.js';

/** What one call of `run` left: its results (or trap), the globals, the memory. */
export interface Step {
  out: string;
  globals: string;
  memory: string;
  /** The host function's calls during the call, with their arguments. */
  hostCalls: string;
  /** Fuel the call consumed, in the modes that meter it. */
  fuel?: bigint;
}

export interface Mode {
  name: string;
  options: InterpEngineOptions;
}

export const MODES: readonly Mode[] = [
  { name: 'interp', options: {} },
  { name: 'interp+fuel', options: { fuel: true } },
  { name: 'js-tier', options: { jsTier: true, jsTierHotness: 1 } },
  { name: 'js-tier(hotness 2)', options: { jsTier: true } },
  { name: 'js-tier+fuel', options: { jsTier: true, jsTierHotness: 1, fuel: true } },
];

const PLENTY = 1n << 50n;

/** V8's trap messages, each to the trap codes it may stand for. */
const HOST_TRAPS: [RegExp, TrapCode[]][] = [
  [/unreachable/, [TrapCode.UnreachableCodeReached]],
  [/memory access out of bounds/, [TrapCode.MemoryOutOfBounds]],
  [/divide by zero|remainder by zero/, [TrapCode.IntegerDivisionByZero]],
  [/divide result unrepresentable|integer overflow/, [TrapCode.IntegerOverflow]],
  [/float unrepresentable|invalid conversion/, [TrapCode.BadConversionToInteger, TrapCode.IntegerOverflow]],
  [/table index is out of bounds|out of bounds table|element segment out of bounds/, [TrapCode.TableOutOfBounds]],
  [/null function or function signature mismatch/, [TrapCode.IndirectCallToNull, TrapCode.BadSignature]],
  [/function signature mismatch|signature mismatch/, [TrapCode.BadSignature]],
  [/null function|uninitialized element/, [TrapCode.IndirectCallToNull]],
];

function hostTrap(e: unknown): string {
  if (e instanceof HostError) return 'host error';
  if (e instanceof RangeError && /call stack/.test(e.message)) return `trap ${TrapCode.StackOverflow}`;
  if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  for (const [re, codes] of HOST_TRAPS) if (re.test(e.message)) return `trap ${codes.join('|')}`;
  return `trap ? (${e.message})`;
}

/** What the imported host function throws, sometimes: it must pass through wasm unchanged. */
class HostError extends Error {}

const fmt = (a: unknown): string => (typeof a === 'bigint' ? `${a}n` : Object.is(a, -0) ? '-0' : String(a));

/** A float argument as an integer to mix (NaN payloads do not survive the JS boundary, so all NaNs mix alike). */
function mixable(a: number): bigint {
  if (Number.isNaN(a)) return 77n;
  if (Object.is(a, -0)) return 78n;
  const x = a * 16;
  return Number.isFinite(x) ? BigInt(Math.trunc(x)) : a > 0 ? 79n : 80n;
}

/** A value of type t made from the hash h (the i-th of several): host results and re-entry arguments. */
function derive(t: Sig['results'][number], h: bigint, i: number): number | bigint {
  const x = BigInt.asUintN(64, h * BigInt(2 * i + 3)) >> 7n;
  if (t === 'i32') return Number(BigInt.asIntN(32, x));
  if (t === 'i64') return BigInt.asIntN(64, x);
  return Number(x % 100000n) / 8 - 5000;
}

/**
 * Calls the export `r` with these arguments and says how that went, as one
 * log token: `=` and its results, or `!` and a trap or `host-error`.
 */
type Reenter = (args: (number | bigint)[]) => string;

/** Host calls nest re-entries at most this deep (each may call `h` again). */
const MAX_REENTRY = 2;

/**
 * The imported function, the same JS for the host and for us: it logs its
 * arguments, derives its results from them, and throws for some of them. With
 * `reenter`, it sometimes first calls back into wasm (the export `r`) and logs
 * what that gave, trap or not, before going on.
 */
function hostFunction(sig: Sig, log: string[], reenter?: { sig: Sig; call: Reenter }): (...args: unknown[]) => unknown {
  let nesting = 0;
  return (...args: unknown[]) => {
    let h = 0x243f6a8885a308d3n;
    for (const a of args) h = BigInt.asUintN(64, (h ^ (typeof a === 'bigint' ? a : mixable(a as number))) * 0x100000001b3n);
    log.push(`h(${args.map(fmt).join(',')})`);
    if (reenter && nesting < MAX_REENTRY && ((h >> 8n) & 3n) === 1n) {
      const rargs = reenter.sig.params.map((t, i) => derive(t, h ^ 0x5bd1e995n, i));
      nesting++;
      try {
        log.push(`r(${rargs.map(fmt).join(',')})${reenter.call(rargs)}`);
      } finally {
        nesting--;
      }
    }
    if ((h & 0x3fn) === 0x2an) throw new HostError('thrown by the host function');
    const outs = sig.results.map((t, i) => derive(t, h, i));
    return outs.length === 0 ? undefined : outs.length === 1 ? outs[0] : outs;
  };
}

function hashBytes(b: Uint8Array): string {
  let h = 0x811c9dc5;
  const words = new Int32Array(b.buffer, b.byteOffset, b.length >> 2);
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return `${b.length}:${(h >>> 0).toString(16)}`;
}

const show = (v: unknown): string => (typeof v === 'bigint' ? `${BigInt.asIntN(64, v)}n` : String(v));

/** Results as a log token: comma-separated, floats as numbers (NaN bits do not survive the JS boundary). */
const fmtResults = (r: unknown): string => (r === undefined ? [] : Array.isArray(r) ? r : [r]).map(fmt).join(',');

function runHost(bytes: Uint8Array<ArrayBuffer>, p: Program): { steps: Step[]; memories: Uint8Array[] } {
  const log: string[] = [];
  let r: ((...a: unknown[]) => unknown) | undefined;
  const reenter = p.reenter && {
    sig: p.reenter,
    call: (args: (number | bigint)[]) => {
      try {
        return `=${fmtResults(r!(...args))}`;
      } catch (e) {
        return e instanceof HostError ? '!host-error' : `!${hostTrap(e).replace(' ', ':')}`;
      }
    },
  };
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), p.host ? { env: { h: hostFunction(p.host, log, reenter) } } : {});
  const ex = inst.exports as { run: (...a: unknown[]) => unknown; dump: () => unknown; mem: WebAssembly.Memory; r?: (...a: unknown[]) => unknown };
  r = ex.r;
  const steps: Step[] = [];
  const memories: Uint8Array[] = [];
  for (const args of p.args) {
    let out: string;
    try {
      const r = ex.run(...args);
      out = (Array.isArray(r) ? r : [r]).map(show).join(' ');
    } catch (e) {
      out = hostTrap(e);
    }
    const d = ex.dump();
    const mem = new Uint8Array(ex.mem.buffer).slice();
    memories.push(mem);
    steps.push({ out, globals: (Array.isArray(d) ? d : [d]).map(show).join(' '), memory: hashBytes(mem), hostCalls: log.splice(0).join(' ') });
  }
  return { steps, memories };
}

interface Ours {
  store: Store<unknown>;
  run: Func;
  dump: Func;
  mem: Memory;
  log: string[];
}

function instantiate(bytes: Uint8Array, p: Program, options: InterpEngineOptions): Ours {
  const engine = new Engine(new InterpEngine(options));
  const store = new Store(engine, undefined as unknown);
  const log: string[] = [];
  const imports = new Imports();
  let r: Func | undefined;
  const reenter = p.reenter && {
    sig: p.reenter,
    call: (args: (number | bigint)[]) => {
      const o = outcomeOf(store, r!, args.map((a, i) => valueOf(p.reenter!.params[i]!, a)));
      return 'error' in o ? `!${o.error.replace(' ', o.error.startsWith('trap') ? ':' : '-')}` : `=${fmtResults(o.values)}`;
    },
  };
  const fn = p.host ? hostFunction(p.host, log, reenter) : () => {};
  if (p.host) imports.define('env', 'h', Func.wrap(store, new FuncType(p.host.params, p.host.results), (_caller, ...args: unknown[]) => fn(...args)));
  const instance = new Instance(store, new Module(engine, bytes), imports);
  const get = (name: string) => instance.getExport(store, name)!.value;
  if (p.reenter) r = get('r') as Func;
  return { store, run: get('run') as Func, dump: get('dump') as Func, mem: get('mem') as Memory, log };
}

/** A call's result values, or `trap <code>` / `host error` (anything else is rethrown). */
function outcomeOf(store: Store<unknown>, f: Func, args: readonly PublicValue[]): { values: unknown[] } | { error: string } {
  const results: PublicValue[] = f.ty(store).results.map((t) => Value.default(t));
  try {
    f.call(store, args, results);
  } catch (e) {
    if (e instanceof Trap) return { error: `trap ${e.code}` };
    if (e instanceof HostError) return { error: 'host error' };
    throw e;
  }
  return { values: results.map((v) => v.value) };
}

function callOurs(store: Store<unknown>, f: Func, args: readonly PublicValue[]): string {
  const o = outcomeOf(store, f, args);
  return 'error' in o ? o.error : o.values.map(show).join(' ');
}

function readMemory(o: Ours): Uint8Array {
  const buf = new Uint8Array(o.mem.currentPages(o.store) * 65536);
  o.mem.read(o.store, 0, buf);
  return buf;
}

function valueOf(t: Sig['params'][number], a: number | bigint): PublicValue {
  if (t === 'i64') return Value.i64(a as bigint);
  if (t === 'f32') return Value.f32(a as number);
  if (t === 'f64') return Value.f64(a as number);
  return Value.i32(a as number);
}

const toValues = (args: readonly (number | bigint)[]): PublicValue[] => args.map((a) => (typeof a === 'bigint' ? Value.i64(a) : Value.i32(a)));

/** Runs the program's calls on one mode; `fuelFor(k, used)` sets the fuel before call k where the mode meters it. */
function runOurs(bytes: Uint8Array, p: Program, mode: Mode, fuelFor?: (k: number) => bigint): { steps: Step[]; memories: Uint8Array[] } {
  const o = instantiate(bytes, p, p.maxCallDepth === undefined ? mode.options : { ...mode.options, maxCallDepth: p.maxCallDepth });
  const steps: Step[] = [];
  const memories: Uint8Array[] = [];
  p.args.forEach((args, k) => {
    const given = mode.options.fuel ? (fuelFor?.(k) ?? PLENTY) : 0n;
    if (mode.options.fuel) o.store.setFuel(given);
    const out = callOurs(o.store, o.run, toValues(args));
    const fuel = mode.options.fuel ? given - o.store.getFuel() : undefined;
    if (mode.options.fuel) o.store.setFuel(PLENTY);
    const globals = callOurs(o.store, o.dump, []);
    const mem = readMemory(o);
    memories.push(mem);
    steps.push({ out, globals, memory: hashBytes(mem), hostCalls: o.log.splice(0).join(' '), ...(fuel !== undefined ? { fuel } : {}) });
  });
  return { steps, memories };
}

/** The host's outcome allows ours: equal, or a host trap whose codes include ours. */
function outAgrees(host: string, ours: string): boolean {
  if (host === ours) return true;
  if (!host.startsWith('trap ') || !ours.startsWith('trap ')) return false;
  return host.slice(5).split('|').includes(ours.slice(5));
}

/** The host's call log allows ours: the same calls, where a re-entry's trap may name any of the host's codes for it. */
function hostCallsAgree(host: string, ours: string): boolean {
  if (host === ours) return true;
  const h = host.split(' ');
  const o = ours.split(' ');
  if (h.length !== o.length) return false;
  return h.every((x, i) => {
    const y = o[i]!;
    if (x === y) return true;
    const m = /^(.*)!trap:(.*)$/.exec(x);
    return m !== null && y.startsWith(`${m[1]}!trap:`) && m[2]!.split('|').includes(y.slice(m[1]!.length + 6));
  });
}

function firstDiff(a: Uint8Array, b: Uint8Array): string {
  if (a.length !== b.length) return `memory size ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `memory[${i}] = ${a[i]} vs ${b[i]}`;
  return 'memory equal';
}

export interface Mismatch {
  seed: number;
  mode: string;
  call: number;
  what: string;
  expected: string;
  got: string;
}

export interface Checked {
  mismatches: Mismatch[];
  program: Program;
  /** Calls that trapped on the host, of all calls made. */
  trapped: number;
  /** The host's outcome of each call. */
  hostOuts: string[];
  /** The host function's log during each call on the host (calls of `h`, and re-entries with their outcomes). */
  hostLogs: string[];
  /** The first of our modes' outcome of each call (the plain interpreter's, unless `only` left it out). */
  oursOuts: string[];
}

let converter: WatConverter | undefined;

export async function prepare(): Promise<void> {
  converter ??= await createWatConverter(['tail-call']);
}

export function toBinary(text: string): Uint8Array<ArrayBuffer> {
  if (!converter) throw new Error('call prepare() first');
  return new Uint8Array(converter.toBinary('fuzz.wat', text));
}

/**
 * Runs a program (by seed, or given) on all modes and lists every disagreement.
 * `hostText` gives the host another program, to test that differences are seen.
 */
export function check(seed: number, program: Program = generate(seed), hostText?: string, only?: readonly string[]): Checked {
  const bytes = toBinary(program.text);
  const host = runHost(hostText === undefined ? bytes : toBinary(hostText), program);
  const mismatches: Mismatch[] = [];
  const compare = (mode: string, ref: { steps: Step[]; memories: Uint8Array[] }, got: { steps: Step[]; memories: Uint8Array[] }, refIsHost: boolean) => {
    for (let k = 0; k < ref.steps.length; k++) {
      const e = ref.steps[k]!;
      const g = got.steps[k]!;
      const add = (what: string, expected: string, gotText: string) => mismatches.push({ seed, mode, call: k, what, expected, got: gotText });
      if (refIsHost ? !outAgrees(e.out, g.out) : e.out !== g.out) add('result', e.out, g.out);
      else if (e.globals !== g.globals) add('globals', e.globals, g.globals);
      else if (refIsHost ? !hostCallsAgree(e.hostCalls, g.hostCalls) : e.hostCalls !== g.hostCalls) add('host calls', e.hostCalls.slice(0, 2000), g.hostCalls.slice(0, 2000));
      else if (e.memory !== g.memory) add('memory', e.memory, `${g.memory} (${firstDiff(ref.memories[k]!, got.memories[k]!)})`);
      else if (e.fuel !== undefined && g.fuel !== undefined && e.fuel !== g.fuel) add('fuel used', String(e.fuel), String(g.fuel));
      else continue;
      return; // later calls follow from the first difference
    }
  };
  const results = new Map<string, { steps: Step[]; memories: Uint8Array[] }>();
  // past our small depth limit the host goes on where we trap: the plain interpreter is then the reference
  let reference = host;
  let refIsHost = true;
  for (const mode of MODES) {
    if (only && !only.includes(mode.name)) continue;
    let r: { steps: Step[]; memories: Uint8Array[] };
    try {
      r = runOurs(bytes, program, mode);
    } catch (e) {
      mismatches.push({ seed, mode: mode.name, call: -1, what: 'exception', expected: 'no exception', got: String((e as Error)?.stack ?? e) });
      continue;
    }
    results.set(mode.name, r);
    if (program.maxCallDepth !== undefined && refIsHost) {
      reference = r;
      refIsHost = false;
      continue;
    }
    compare(mode.name, reference, r, refIsHost);
  }
  // fuel is charged in the same groups by both tiers: the same amount used, and the same state where it runs out
  const metered = results.get('interp+fuel');
  const compiled = results.get('js-tier+fuel');
  if (metered && compiled && (!only || only.some((m) => m.startsWith('starved')))) {
    compare('js-tier+fuel vs interp+fuel', metered, compiled, false);
    const starve = (k: number): bigint => {
      const used = metered.steps[k]!.fuel ?? 0n;
      return used === 0n ? 0n : (used * BigInt((seed * 7 + k * 13) % 97)) / 97n;
    };
    try {
      const a = runOurs(bytes, program, MODES[1]!, starve);
      const b = runOurs(bytes, program, MODES[4]!, starve);
      compare('starved js-tier+fuel vs interp+fuel', a, b, false);
    } catch (e) {
      mismatches.push({ seed, mode: 'starved', call: -1, what: 'exception', expected: 'no exception', got: String((e as Error)?.stack ?? e) });
    }
  }
  const first = results.values().next().value;
  return {
    mismatches,
    program,
    trapped: host.steps.filter((s) => s.out.startsWith('trap')).length,
    hostOuts: host.steps.map((s) => s.out),
    hostLogs: host.steps.map((s) => s.hostCalls),
    oursOuts: first ? first.steps.map((s) => s.out) : [],
  };
}

export function describeMismatch(m: Mismatch): string {
  return `seed ${m.seed}: ${m.mode}, call ${m.call}: ${m.what} expected ${m.expected}, got ${m.got}`;
}
