/**
 * Compiles one validated function body from wasm bytecode to the source of a
 * JS factory `(H, C) => function`. Locals and operand-stack slots become JS
 * variables, structured control flow becomes labeled blocks and loops, and
 * pure operations on locals and constants are folded into expressions until
 * something needs their value in a slot.
 *
 * An i64 is two int32 JS numbers, its low and high word: a stack slot `bN`
 * and `BN`, a local `xN` and `XN`, a parameter two JS arguments, and a result
 * the JS result (low word) with the high word in `HI[0]` (MR and MRH for
 * several results). link.ts converts where this meets BigInts.
 *
 * The body was validated when the module was compiled, so the walk trusts
 * the types; anything this tier leaves to the interpreter (v128 values
 * crossing the function's boundary, multi-memory) throws `Unsupported`. Tail
 * calls: see tail-calls.ts; SIMD: see simd.ts.
 */
import type { FuncType, ValueType } from '@wrl/core/backend';
import type { CodeInfo, ModuleInfo } from '../binary/info.js';
import { readValueType, valueTypeOf } from '../binary/decode.js';
import { Reader } from '../binary/reader.js';
import { SIMD_OPS } from '../simd/index.js';
import { SIMD_INLINE } from './simd-inline.js';
import { f32FromBits, f64FromBits } from './nan-bits.js';
import { I64, I64_SATURATING, NUMERIC, Operand, SATURATING, intLit, literalOf, type I64Op, type NumOp, type NumType } from './numeric.js';

export class Unsupported extends Error {}

/** A body copy cannot be inlined (it has a tail call, whose frame it would not replace). */
class NoInline extends Error {}

type T = 'i32' | 'i64' | 'f32' | 'f64' | 'funcref' | 'externref' | 'v128';

interface Entry {
  t: T;
  /** A JS expression; a variable once materialised. The low word of an i64. */
  e: string;
  /** The high word of an i64 ('' for other types). */
  h: string;
  /** `e` is a JS boolean (an i32 0/1 as a value). */
  b: boolean;
  /** Not yet in its slot variable: a pure expression over locals and constants. */
  pending: boolean;
  /** Bit (x & 31) for every local x the expression reads. */
  reads: number;
  /** A v128's four words, as expressions (variables or literals): its value in the tier's form (simd.ts). */
  w?: string[];
}

interface Frame {
  kind: 'block' | 'loop' | 'if' | 'func';
  label: string;
  height: number;
  params: readonly T[];
  results: readonly T[];
  hasElse: boolean;
}

const hiVar = (v: string): string => v[0]!.toUpperCase() + v.slice(1);

/** The four word variables of a v128 variable `v` (a local or a slot). */
const words4 = (v: string): string[] => [v, `${v}_1`, `${v}_2`, `${v}_3`];

const paren = (en: Entry, e: string): string => (en.pending && !/^[\w$.]+$/.test(e) ? `(${e})` : e);

const PREFIX: Record<T, string> = { i32: 'a', i64: 'b', f32: 'c', f64: 'd', funcref: 'e', externref: 'e', v128: 'v' };
const NUM_T: Record<NumType, T> = { i: 'i32', l: 'i64', f: 'f32', d: 'f64' };
const MAX_EXPR = 240;
/**
 * Memory accesses go through DV, a local copy of the memory's DataView: V8 then checks it once per
 * loop instead of loading it through the view object at every access (a matrix kernel ran 1.6x
 * faster). Growing replaces the view, and only a call (which may reach memory.grow or a host
 * function) or memory.grow itself can do that, so the local is re-read after each.
 */
const REFRESH_DV = 'DV = MV.dv;';
/**
 * With fuel, a compiled function counts in a local, FL, not in the store: a
 * read-modify-write of a store field per block was a chain through memory
 * that made tight loops 2.5-3x slower. The store is brought up to date before
 * anything that may run other code or read the fuel (a call, a limiter behind
 * memory.grow or table.grow) and FL re-read after it; meanwhile FL is -1, so
 * that if the callee throws, the `finally` that publishes FL on every exit
 * (returns and traps alike) leaves the callee's count in the store. FL is the
 * store's window (InterpStore.fuelLeft), a small integer; a charge it cannot
 * pay refills it from the store's reserve, FW (the window's size) at a time.
 */
const FUEL_OUT = '/*FO*/';
const FUEL_IN = '/*FI*/';

/** Temporaries of generated code and their initial values: a table element (tf) and a callee (tc) start as null, so they never hold a number. */
const TEMPS: readonly (readonly [string, string])[] = [['ea', '0'], ['tm', '0'], ['tl', '0'], ['tf', 'null'], ['tc', 'null'], ['tv', 'null']];

function toT(t: ValueType): T {
  return t;
}

/** A function type without v128 (v128 values never cross a compiled function's boundary: simd.ts). */
function scalarOnly(ty: { params: readonly ValueType[]; results: readonly ValueType[] }): void {
  if (ty.params.includes('v128') || ty.results.includes('v128')) throw new Unsupported('v128 in a signature');
}

function zeroOf(t: T): string {
  return t === 'funcref' || t === 'externref' ? 'null' : '0';
}

/** A variable or a literal: templates may repeat it. */
const ATOM = /^(?:[\w$.]+|\(-?\d+\))$/;

const isAtom = (en: Entry): boolean => !en.b && (!en.pending || (ATOM.test(en.e) && (en.h === '' || ATOM.test(en.h))));

/** A JS literal for a double (never a NaN). */
function numLit(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  const s = String(x);
  return x < 0 ? `(${s})` : s;
}

export interface EmitOptions {
  readonly fuel: boolean;
  /** The module's canonical signature ids by type index (what `InterpFunc.sig` holds), for call_indirect. */
  readonly sigs: readonly number[];
}

/** Source of `function (H, C) { ...; return function wN(...) {...} }`'s body for function `index`. */
export function emitFunction(m: ModuleInfo, index: number, type: FuncType, code: CodeInfo, opts: EmitOptions): string {
  return new Emitter(m, index, type, code, opts, OUTER).run();
}

/**
 * Where an emitter's code goes: the function itself, or a copy of its body
 * inlined at one of its own call sites (`ns` prefixes every name the copy
 * declares, `depth` is its call depth, and a return stores `${ns}R` and
 * leaves the block labeled `${ns}I`).
 */
interface Role {
  readonly ns: string;
  readonly depth: string;
  readonly inlined: boolean;
}

const OUTER: Role = { ns: '', depth: 'd', inlined: false };
const INLINED: Role = { ns: 'y', depth: 'yd', inlined: true };

/**
 * Self-recursive functions up to this many bytes of body get one copy of
 * their body inlined at each of their direct calls to themselves (within
 * INLINE_BUDGET bytes in all): V8 does not inline a recursive call, so
 * every level of a recursion is a JS call; with the copy, every other level
 * runs inside its caller's JS call. The copy keeps the call's semantics:
 * it is a frame one deeper (with the depth check and the hand-over to the
 * interpreter a call has), its locals start at zero, and it charges fuel as
 * the callee would.
 */
const INLINE_MAX_BODY = 256;
const INLINE_BUDGET = 768;

class Emitter {
  readonly r: Reader;
  readonly localTypes: T[];
  readonly nParams: number;
  readonly out: string[] = [];
  readonly stack: Entry[] = [];
  readonly frames: Frame[] = [];
  readonly slotVars = new Set<string>();
  readonly consts: string[] = [];
  readonly globalsUsed = new Set<number>();
  /** Tables whose element array call_indirect or table.size reads (TEn: the array, which a table keeps for life). */
  readonly tablesUsed = new Set<number>();
  readonly results: T[];
  labels = 0;
  dead = false;
  deadDepth = 0;
  usesMemory = false;
  fuelGroups: number[] = [];
  fuelGroup = -1;
  /** The body copy inlined at calls to itself, made at the first such call; null when it cannot be. */
  copy: Emitter | null | undefined;
  inlineBudget = INLINE_BUDGET;
  readonly bodySize: number;
  /** The body has a tail call to another function: the function gets an entry that runs a trampoline (tail-calls.ts). */
  hasTail = false;
  /** The body has a tail call to itself: a jump back to the start of the body, in a loop labeled TCL. */
  selfTail = false;
  /** The body assigns a parameter (local.set or tee, or a tail call to itself). */
  paramsAssigned = false;

  constructor(
    readonly m: ModuleInfo,
    readonly index: number,
    readonly type: FuncType,
    readonly code: CodeInfo,
    readonly opts: EmitOptions,
    readonly role: Role,
  ) {
    scalarOnly(type);
    this.r = new Reader(m.bytes, code.start, code.end);
    this.localTypes = [...type.params, ...code.locals].map(toT);
    this.nParams = type.params.length;
    this.results = type.results.map(toT);
    this.bodySize = code.end - code.start;
  }

  run(): string {
    this.walk();
    return this.assemble();
  }

  walk(): void {
    this.frames.push({ kind: 'func', label: '', height: 0, params: [], results: this.results, hasElse: false });
    this.newFuelGroup();
    const r = this.r;
    while (this.frames.length > 0) this.step(r.u8());
  }

  /** The JS names of the parameters, in order (an i64 parameter is two: low and high word). */
  paramNames(): string[] {
    return this.localTypes.slice(0, this.nParams).flatMap((_, i) => this.localWords(i));
  }

  /** The name of local `x` (its high word with `hi`, for an i64). */
  local(x: number, hi = false): string {
    return `${this.role.ns}${hi ? 'X' : 'x'}${x}`;
  }

  /** The JS variables of local `x`: one, or an i64's two words, or a v128's four. */
  localWords(x: number): string[] {
    const t = this.localTypes[x]!;
    return t === 'i64' ? [this.local(x), this.local(x, true)] : t === 'v128' ? words4(this.local(x)) : [this.local(x)];
  }

  /** `local = zero` for every variable of local `x`. */
  localZeroes(x: number): string[] {
    const z = zeroOf(this.localTypes[x]!);
    return this.localWords(x).map((v) => `${v} = ${z}`);
  }

  /** Declarations of the locals past the parameters and of the slot variables, with their initial values. */
  declarations(): string[] {
    const decl: string[] = [];
    for (let i = this.nParams; i < this.localTypes.length; i++) decl.push(...this.localZeroes(i));
    for (const v of this.slotVars) decl.push(`${v} = ${v[this.role.ns.length] === 'e' ? 'null' : '0'}`);
    return decl;
  }

  /** The statements emitted, fuel charges filled in. */
  body(): string {
    // the markers are statements of their own (outcallStart/End), so whole entries of `out`
    if (!this.opts.fuel) return this.out.filter((line) => line !== FUEL_OUT && line !== FUEL_IN).join('\n');
    return this.out
      .map((line) => (line === FUEL_OUT ? 'st.fuelLeft = FL; FL = -1;' : line === FUEL_IN ? 'FL = st.fuelLeft;' : line))
      .join('\n')
      .replace(/\/\*F(\d+)\*\//g, (_, k: string) => {
        const n = this.fuelGroups[Number(k)]!;
        // the refill is inline: a call there would run every 2^29 units, enough for V8 to compile
        // it into the loop as a call that forgets all it knows at each iteration (matmul 2.5x slower);
        // and out of fuel, it leaves the body (FO, see assemble) for the trap, which as a call or a
        // throw here made the loop around a host call 2x slower (ping-pong)
        return n === 0 ? '' : `if (FL < ${n}) { FR = FL + st.fuelReserve; if (FR < ${n}) break FO; FL = (FR < FW ? FR : FW) | 0; st.fuelReserve = FR - FL; } FL -= ${n};`;
      });
  }

  /** Before a statement that may run other code or replace the memory's view (see FUEL_OUT). */
  outcallStart(): void {
    this.emit(FUEL_OUT);
  }

  /** After such a statement. */
  outcallEnd(): void {
    this.emit(FUEL_IN);
    this.emit(REFRESH_DV);
  }

  assemble(): string {
    const locals = this.paramNames();
    const wordTypes = this.localTypes.slice(0, this.nParams).flatMap((t, i) => this.localWords(i).map(() => t));
    const decl = this.declarations();
    // A parameter the body assigns is a loop-carried value whose first definition is the tagged
    // argument, so V8 keeps it tagged all through the loop (a counted self tail call ran 8x slower):
    // integer parameters then arrive under other names and the body's start makes them int32.
    const retyped = this.paramsAssigned && this.role === OUTER;
    const params = locals.map((x, k) => (retyped && (wordTypes[k] === 'i32' || wordTypes[k] === 'i64') ? `p${x}` : x));
    const copies = params.flatMap((p, k) => (p === locals[k] ? [] : [`${locals[k]} = ${p} | 0`]));
    decl.unshift(...copies);
    const copy = this.copy ?? undefined;
    if (copy !== undefined) {
      decl.push(`${INLINED.depth} = 0`);
      if (copy.results.length === 1) decl.push(`${INLINED.ns}R = ${zeroOf(copy.results[0]!)}`);
      if (copy.results[0] === 'i64') decl.push(`${INLINED.ns}RH = 0`);
      for (let i = 0; i < copy.nParams; i++) {
        decl.push(`${copy.local(i)} = ${zeroOf(copy.localTypes[i]!)}`);
        if (copy.localTypes[i] === 'i64') decl.push(`${copy.local(i, true)} = 0`);
      }
      decl.push(...copy.declarations());
    }
    for (const [tmp, init] of TEMPS) if (this.out.some((l) => new RegExp(`\\b${tmp}\\b`).test(l))) decl.push(`${tmp} = ${init}`);
    const usesMemory = this.usesMemory || copy?.usesMemory === true;
    let body = this.body();
    if (this.selfTail) body = `TCL: for (;;) {\n${body}\n}`;
    if (usesMemory) decl.push(REFRESH_DV.slice(0, -1));
    else body = body.split('\n').filter((line) => line !== REFRESH_DV).join('\n');
    if (this.opts.fuel) {
      decl.push('FL = st.fuelLeft', 'FR = 0');
      // every path through the body returns, so only a charge that finds no fuel leaves FO
      body = `try {\nFO: {\n${body}\n}\nH.noFuel();\n} finally { if (FL !== -1) st.fuelLeft = FL; }`;
    }
    const pre: string[] = ['const st = C.st, F = C.F, FN = C.FN, T = C.T, M = C.M, MR = C.MR, MRH = C.MRH, HI = C.HI, JSD = C.jsDepth, INST = C.inst;'];
    if (usesMemory) pre.push('const MV = M.view;');
    // a refill must cover the largest charge even in a store whose window is smaller (tests shrink
    // it); a loop, not Math.max(...groups): a body of some 200,000 blocks would overflow the stack
    if (this.opts.fuel) {
      let most = 0;
      for (const n of [this.fuelGroups, copy?.fuelGroups ?? []].flat()) if (n > most) most = n;
      pre.push(`const FW = Math.max(st.fuelWindow, ${most});`);
    }
    for (const t of new Set([...this.tablesUsed, ...(copy?.tablesUsed ?? [])])) pre.push(`const TE${t} = T[${t}].elems;`);
    for (const g of new Set([...this.globalsUsed, ...(copy?.globalsUsed ?? [])])) {
      pre.push(`const G${g} = C.G[${g}], GW${g} = G${g}.w, GF${g} = G${g}.f32v, GD${g} = G${g}.f64v;`);
    }
    this.consts.forEach((c, i) => pre.push(`const K${i} = ${c};`));
    copy?.consts.forEach((c, i) => pre.push(`const ${INLINED.ns}K${i} = ${c};`));
    if (this.hasTail) pre.push('const TA = H.TA, TN = H.TN, TAIL = H.TAIL;');
    // `d` is the function's own call depth, passed by every caller (link.ts): it stays in a register, and
    // only what can observe the depth (the interpreter, host functions) ever reads it from the store
    const name = this.hasTail ? `t${this.index}` : `w${this.index}`;
    const fn = `function ${name}(${['d', ...params].join(', ')}) {
if (d > JSD) return H.deep(FN[${this.index}], d${params.map((p) => `, ${p}`).join('')});
${decl.length > 0 ? `let ${decl.join(', ')};\n` : ''}${body}
}`;
    if (!this.hasTail) return `${pre.join('\n')}\nreturn ${fn};`;
    // the entry: the body, then the tail calls it leaves pending (a call to itself in the body names this entry)
    const args = ['d', ...params].join(', ');
    const t = this.results.length === 1 ? this.results[0]! : undefined;
    const result = t === undefined || t === 'i64' || t === 'funcref' || t === 'externref' ? 'q' : `H.tailForeign() ? ${normalized(t, 'q')} : q`;
    return `${pre.join('\n')}
const ${name} = ${fn};
function w${this.index}(${args}) {
const r = ${name}(${args});
if (r !== TAIL) return r;
const q = H.trampoline(d);
return ${result};
}
w${this.index}.ti = ${name};
return w${this.index};`;
  }

  // ---- output and fuel ----

  emit(s: string): void {
    this.out.push(s);
  }

  newFuelGroup(): void {
    if (!this.opts.fuel) return;
    this.fuelGroup = this.fuelGroups.length;
    this.fuelGroups.push(0);
    this.emit(`/*F${this.fuelGroup}*/`);
  }

  // ---- the operand stack ----

  /** The slot variable of stack position `pos` (for an i64, its low word; the high word is `hiVar`). */
  slotVar(t: T, pos: number): string {
    const v = this.role.ns + PREFIX[t] + pos;
    if (t === 'v128') for (const w of words4(v)) this.slotVars.add(w);
    else this.slotVars.add(v);
    if (t === 'i64') this.slotVars.add(hiVar(v));
    return v;
  }

  /** A stack entry already in its slot. */
  slotEntry(t: T, pos: number): Entry {
    const e = this.slotVar(t, pos);
    if (t === 'v128') return { t, e, h: '', b: false, pending: false, reads: 0, w: words4(e) };
    return { t, e, h: t === 'i64' ? hiVar(e) : '', b: false, pending: false, reads: 0 };
  }

  /** A v128 of four word expressions (variables or literals) as a pending entry. */
  pushV(w: string[], reads: number): void {
    this.stack.push({ t: 'v128', e: w[0]!, h: '', b: false, pending: true, reads, w });
  }

  /** Assigns the words `from` to the variables `to`, skipping those already equal (each word reads only its own word). */
  assignV(to: readonly string[], from: readonly string[]): void {
    const sets = to.flatMap((v, k) => (v === from[k] ? [] : [`${v} = ${from[k]};`]));
    if (sets.length > 0) this.emit(sets.join(' '));
  }

  push(t: T, e: string, b = false, reads = 0, h = ''): void {
    this.stack.push({ t, e, h, b, pending: true, reads });
    if (e.length > MAX_EXPR || h.length > MAX_EXPR) this.materialize(this.stack.length - 1);
  }

  /** Evaluates `e` now (it may trap or read state) into the slot of a new top entry. */
  pushNow(t: T, e: string, b = false): void {
    const en = this.slotEntry(t, this.stack.length);
    this.emit(`${en.e} = ${b ? `${e} ? 1 : 0` : e};`);
    this.stack.push(en);
  }

  /** An i64 from two expressions, evaluated now. */
  pushPairNow(lo: string, hi: string): void {
    const en = this.slotEntry('i64', this.stack.length);
    this.assignPair(en.e, en.h, lo, hi);
    this.stack.push(en);
  }

  /** An i64 from a call that returns the low word and leaves the high word in HI[0]. */
  pushCallPair(call: string): void {
    const en = this.slotEntry('i64', this.stack.length);
    this.emit(`${en.e} = ${call}; ${en.h} = HI[0];`);
    this.stack.push(en);
  }

  /**
   * Assigns an i64's words. Each expression reads the old values, so when
   * each also reads the other's target (a rotation, a swap) one goes through
   * a temporary.
   */
  assignPair(lo: string, hi: string, eLo: string, eHi: string): void {
    const loReadsHi = new RegExp(`\\b${hi}\\b`).test(eLo);
    const hiReadsLo = new RegExp(`\\b${lo}\\b`).test(eHi);
    const setLo = eLo === lo ? '' : `${lo} = ${eLo};`;
    const setHi = eHi === hi ? '' : `${hi} = ${eHi};`;
    if (setLo === '' && setHi === '') return;
    if (!hiReadsLo) this.emit(`${setLo} ${setHi}`);
    else if (!loReadsHi) this.emit(`${setHi} ${setLo}`);
    else this.emit(`tl = ${eLo}; ${hi} = ${eHi}; ${lo} = tl;`);
  }

  pop(): Entry {
    return this.stack.pop()!;
  }

  materialize(pos: number): void {
    const en = this.stack[pos]!;
    if (!en.pending) return;
    const v = this.slotVar(en.t, pos);
    if (en.t === 'v128') {
      this.assignV(words4(v), en.w!);
      en.w = words4(v);
    } else if (en.t === 'i64') {
      this.assignPair(v, hiVar(v), en.e, en.h);
      en.h = hiVar(v);
    } else {
      this.emit(`${v} = ${en.b ? `${en.e} ? 1 : 0` : en.e};`);
    }
    en.e = v;
    en.b = false;
    en.pending = false;
    en.reads = 0;
  }

  materializeAll(): void {
    for (let i = 0; i < this.stack.length; i++) this.materialize(i);
  }

  /** An entry as a value expression (parenthesised when compound); an i64's low word. */
  val(en: Entry): string {
    if (en.b) return `(${en.e} ? 1 : 0)`;
    return paren(en, en.e);
  }

  /** An i64 entry's high word as an expression. */
  hval(en: Entry): string {
    return paren(en, en.h);
  }

  cond(en: Entry): string {
    return en.b ? en.e : en.t === 'i32' ? `${this.val(en)} !== 0` : `${this.val(en)} !== null`;
  }

  // ---- control ----

  blockType(): { params: T[]; results: T[] } {
    const r = this.r;
    const b = r.bytes[r.pos]!;
    if (b === 0x40) {
      r.pos++;
      return { params: [], results: [] };
    }
    const vt = valueTypeOf(b);
    if (vt !== undefined) {
      r.pos++;
      return { params: [], results: [toT(vt)] };
    }
    const ft = this.m.types[r.s33()]!;
    return { params: ft.params.map(toT), results: ft.results.map(toT) };
  }

  /** Moves the top `types.length` values to the slots of a frame at `height`. */
  moveTo(types: readonly T[], height: number): void {
    const n = types.length;
    const top = this.stack.length;
    for (let i = 0; i < n; i++) {
      const en = this.stack[top - n + i]!;
      const v = this.slotVar(types[i]!, height + i);
      if (types[i] === 'v128') this.assignV(words4(v), en.w!);
      else if (types[i] === 'i64') this.assignPair(v, hiVar(v), this.val(en), this.hval(en));
      else if (en.e !== v || en.pending) this.emit(`${v} = ${this.val(en)};`);
    }
  }

  emitReturn(): void {
    const n = this.results.length;
    const top = this.stack.length;
    if (this.role.inlined) {
      // inlined copies have at most one result (inlineSelf)
      if (n === 1) {
        const en = this.stack[top - 1]!;
        if (en.t === 'i64') this.emit(`${this.role.ns}RH = ${this.hval(en)};`);
        this.emit(`${this.role.ns}R = ${this.val(en)};`);
      }
      this.emit(`break ${this.role.ns}I;`);
      return;
    }
    if (n === 0) {
      this.emit('return;');
    } else if (n === 1) {
      const en = this.stack[top - 1]!;
      if (en.t === 'i64') this.emit(`HI[0] = ${this.hval(en)};`);
      this.emit(`return ${this.val(en)};`);
    } else {
      for (let i = 0; i < n; i++) {
        const en = this.stack[top - n + i]!;
        this.emit(`MR[${i}] = ${this.val(en)};`);
        if (en.t === 'i64') this.emit(`MRH[${i}] = ${this.hval(en)};`);
      }
      this.emit('return;');
    }
  }

  /** The jump to the label `depth` levels out, its values already on top of the stack. */
  branch(depth: number): void {
    const f = this.frames[this.frames.length - 1 - depth]!;
    if (f.kind === 'func') {
      this.emitReturn();
      return;
    }
    if (f.kind === 'loop') {
      this.moveTo(f.params, f.height);
      this.emit(`continue ${f.label};`);
    } else {
      this.moveTo(f.results, f.height);
      this.emit(`break ${f.label};`);
    }
  }

  labelArity(depth: number): number {
    const f = this.frames[this.frames.length - 1 - depth]!;
    return f.kind === 'loop' ? f.params.length : f.results.length;
  }

  setDead(): void {
    this.dead = true;
    this.deadDepth = 0;
  }

  enterFrame(kind: Frame['kind'], bt: { params: T[]; results: T[] }): Frame {
    const f: Frame = { kind, label: `${this.role.ns}L${this.labels++}`, height: this.stack.length - bt.params.length, params: bt.params, results: bt.results, hasElse: false };
    this.frames.push(f);
    return f;
  }

  /** `end` of a frame (reachable or not). */
  endFrame(): void {
    const f = this.frames.pop()!;
    if (f.kind === 'func') {
      if (!this.dead) this.emitReturn();
      this.emit('');
      return;
    }
    if (!this.dead) {
      for (let i = f.height; i < this.stack.length; i++) this.materialize(i);
      if (f.kind === 'loop') this.emit(`break ${f.label};`);
    }
    this.emit('}');
    this.dead = false;
    this.stack.length = f.height;
    f.results.forEach((t, i) => this.stack.push(this.slotEntry(t, f.height + i)));
    this.newFuelGroup();
  }

  /** `else` (reachable or not): the then-branch's values go to the frame's slots, the params come back. */
  elseBranch(): void {
    const f = this.frames[this.frames.length - 1]!;
    if (!this.dead) for (let i = f.height; i < this.stack.length; i++) this.materialize(i);
    this.emit('} else {');
    f.hasElse = true;
    this.dead = false;
    this.stack.length = f.height;
    f.params.forEach((t, i) => this.stack.push(this.slotEntry(t, f.height + i)));
    this.newFuelGroup();
  }

  // ---- instructions ----

  step(op: number): void {
    const r = this.r;
    if (this.dead) {
      this.skipDead(op);
      return;
    }
    if (this.opts.fuel) this.fuelGroups[this.fuelGroup]!++;
    const num = NUMERIC[op];
    if (num !== undefined) {
      this.numeric(num);
      return;
    }
    const wide = I64[op];
    if (wide !== undefined) {
      this.numeric64(wide);
      return;
    }
    switch (op) {
      case 0x00:
        this.emit('H.unreachable();');
        this.setDead();
        return;
      case 0x01:
        return;
      case 0x02: {
        const bt = this.blockType();
        this.materializeAll();
        const f = this.enterFrame('block', bt);
        this.emit(`${f.label}: {`);
        return;
      }
      case 0x03: {
        const bt = this.blockType();
        this.materializeAll();
        const f = this.enterFrame('loop', bt);
        this.emit(`${f.label}: for (;;) {`);
        this.newFuelGroup();
        return;
      }
      case 0x04: {
        const bt = this.blockType();
        const c = this.pop();
        this.materializeAll();
        const f = this.enterFrame('if', bt);
        this.emit(`${f.label}: if (${this.cond(c)}) {`);
        this.newFuelGroup();
        return;
      }
      case 0x05:
        this.elseBranch();
        return;
      case 0x0b:
        this.endFrame();
        return;
      case 0x0c:
        this.branch(r.u32());
        this.setDead();
        return;
      case 0x0d: {
        const depth = r.u32();
        const c = this.pop();
        const n = this.labelArity(depth);
        for (let i = this.stack.length - n; i < this.stack.length; i++) this.materialize(i);
        this.emit(`if (${this.cond(c)}) {`);
        this.branch(depth);
        this.emit('}');
        return;
      }
      case 0x0e: {
        const n = r.u32();
        const depths: number[] = [];
        for (let i = 0; i <= n; i++) depths.push(r.u32());
        const idx = this.pop();
        const arity = this.labelArity(depths[n]!);
        for (let i = this.stack.length - arity; i < this.stack.length; i++) this.materialize(i);
        const byTarget = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          const d = depths[i]!;
          if (d === depths[n]) continue;
          let cases = byTarget.get(d);
          if (cases === undefined) byTarget.set(d, (cases = []));
          cases.push(i);
        }
        this.emit(`switch (${this.val(idx)}) {`);
        for (const [d, cases] of byTarget) {
          this.emit(cases.map((c) => `case ${c}:`).join(' '));
          this.branch(d);
        }
        this.emit('default:');
        this.branch(depths[n]!);
        this.emit('}');
        this.setDead();
        return;
      }
      case 0x0f:
        this.emitReturn();
        this.setDead();
        return;
      case 0x10:
        this.call(r.u32());
        return;
      case 0x11: {
        const ty = r.u32();
        const table = r.u32();
        this.callIndirect(ty, table);
        return;
      }
      case 0x12:
        this.returnCall(r.u32());
        this.setDead();
        return;
      case 0x13: {
        const ty = r.u32();
        const table = r.u32();
        this.returnCallIndirect(ty, table);
        this.setDead();
        return;
      }
      case 0x1a:
        this.pop();
        return;
      case 0x1b:
      case 0x1c: {
        if (op === 0x1c) {
          r.u32();
          toT(readValueType(r));
        }
        const c = this.pop();
        const b = this.pop();
        const a = this.pop();
        if (a.t === 'i64') {
          this.selectPair(a, b, c);
          return;
        }
        if (a.t === 'v128') {
          const en = this.slotEntry('v128', this.stack.length);
          this.emit(`if (${this.cond(c)}) {`);
          this.assignV(en.w!, a.w!);
          this.emit('} else {');
          this.assignV(en.w!, b.w!);
          this.emit('}');
          this.stack.push(en);
          return;
        }
        const e = `${this.cond(c)} ? ${this.val(a)} : ${this.val(b)}`;
        if (a.pending && b.pending && c.pending) this.push(a.t, e, false, a.reads | b.reads | c.reads);
        else this.pushNow(a.t, e);
        return;
      }
      case 0x20: {
        const x = r.u32();
        const t = this.localTypes[x]!;
        if (t === 'v128') this.pushV(this.localWords(x), 1 << (x & 31));
        else this.push(t, this.local(x), false, 1 << (x & 31), t === 'i64' ? this.local(x, true) : '');
        return;
      }
      case 0x21:
      case 0x22: {
        const x = r.u32();
        const v = this.pop();
        if (x < this.nParams) this.paramsAssigned = true;
        const bit = 1 << (x & 31);
        for (let i = 0; i < this.stack.length; i++) if ((this.stack[i]!.reads & bit) !== 0) this.materialize(i);
        const t = this.localTypes[x]!;
        if (t === 'v128') {
          this.assignV(this.localWords(x), v.w!);
          if (op === 0x22) this.pushV(this.localWords(x), bit);
          return;
        }
        if (t === 'i64') this.assignPair(this.local(x), this.local(x, true), this.val(v), this.hval(v));
        else this.emit(`${this.local(x)} = ${this.val(v)};`);
        if (op === 0x22) this.push(t, this.local(x), false, bit, t === 'i64' ? this.local(x, true) : '');
        return;
      }
      case 0x23: {
        const g = r.u32();
        this.globalsUsed.add(g);
        const t = toT(this.m.globals[g]!.content);
        if (t === 'v128') throw new Unsupported('v128 global');
        switch (t) {
          case 'i32': this.pushNow(t, `GW${g}[0]`); break;
          case 'i64': this.pushPairNow(`GW${g}[0]`, `GW${g}[1]`); break;
          case 'f64': this.pushNow(t, `GD${g}[0]`); break;
          case 'f32': this.pushNow(t, `(tm = GF${g}[0]) === tm ? tm : H.f32FromBits(GW${g}[0])`); break;
          default: this.pushNow(t, `G${g}.ref`);
        }
        return;
      }
      case 0x24: {
        const g = r.u32();
        this.globalsUsed.add(g);
        const en = this.pop();
        const v = this.val(en);
        if (this.m.globals[g]!.content === 'v128') throw new Unsupported('v128 global');
        switch (toT(this.m.globals[g]!.content)) {
          case 'i32': this.emit(`GW${g}[0] = ${v};`); break;
          case 'i64': this.emit(`GW${g}[0] = ${v}; GW${g}[1] = ${this.hval(en)};`); break;
          case 'f64': this.emit(`GD${g}[0] = ${v};`); break;
          case 'f32': this.emit(`tm = ${v}; if (tm === tm) GF${g}[0] = tm; else GW${g}[0] = H.f32Bits(tm);`); break;
          default: this.emit(`G${g}.ref = ${v};`);
        }
        return;
      }
      case 0x25: {
        const t = r.u32();
        const i = this.pop();
        this.pushNow(toT(this.m.tables[t]!.element), `H.tableGet(T[${t}], ${this.val(i)})`);
        return;
      }
      case 0x26: {
        const t = r.u32();
        const v = this.pop();
        const i = this.pop();
        this.emit(`H.tableSet(T[${t}], ${this.val(i)}, ${this.val(v)});`);
        return;
      }
      case 0x3f:
        if (r.u8() !== 0) throw new Unsupported('multi-memory');
        this.usesMemory = true;
        this.pushNow('i32', 'M.pages');
        return;
      case 0x40: {
        if (r.u8() !== 0) throw new Unsupported('multi-memory');
        this.usesMemory = true;
        const d = this.pop();
        const delta = this.val(d);
        this.outcallStart();
        this.pushNow('i32', `M.tryGrow(${delta} >>> 0)`);
        this.outcallEnd();
        return;
      }
      case 0x41:
        this.push('i32', String(r.s32()).replace(/^-.*/, (s) => `(${s})`));
        return;
      case 0x42: {
        const k = r.s64();
        this.push('i64', intLit(Number(BigInt.asIntN(32, k))), false, 0, intLit(Number(BigInt.asIntN(32, k >> 32n))));
        return;
      }
      case 0x43: {
        const bits = r.fixed32();
        const x = f32FromBits(bits);
        this.push('f32', x === x ? numLit(x) : this.constant(`H.f32FromBits(${bits})`));
        return;
      }
      case 0x44: {
        const lo = r.fixed32();
        const hi = r.fixed32();
        const bits = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
        const x = f64FromBits(bits);
        this.push('f64', x === x ? numLit(x) : this.constant(`H.f64FromWords(${lo | 0}, ${hi | 0})`));
        return;
      }
      case 0xd0: {
        const t = valueTypeOf(r.u8())!;
        this.push(toT(t), 'null');
        return;
      }
      case 0xd1: {
        const v = this.pop();
        this.push('i32', `${this.val(v)} === null`, true, v.reads);
        if (!v.pending) this.materialize(this.stack.length - 1);
        return;
      }
      case 0xd2:
        this.push('funcref', `FN[${r.u32()}]`);
        return;
      case 0xfc:
        this.prefixFC(r.u32());
        return;
      case 0xfd:
        this.prefixFD(r.u32());
        return;
      default:
        if (op >= 0x28 && op <= 0x3e) {
          this.memoryAccess(op);
          return;
        }
        throw new Unsupported(`opcode 0x${op.toString(16)}`);
    }
  }

  /** The value of an i32 entry that is a literal. */
  constantOf(en: Entry): number | undefined {
    return en.pending && !en.b ? literalOf(en.e) : undefined;
  }

  constant(src: string): string {
    this.consts.push(src);
    return `${this.role.ns}K${this.consts.length - 1}`;
  }

  numeric(n: NumOp): void {
    const k = n.args.length;
    const ops = this.stack.splice(this.stack.length - k, k);
    const byConst = n.byConst !== undefined ? this.constantOf(ops[1]!) : undefined;
    const special = byConst !== undefined ? n.byConst!(byConst) : undefined;
    let e = special ?? n.js;
    let reads = 0;
    let pure = special !== undefined || !n.effect;
    for (let i = 0; i < k; i++) {
      const o = ops[i]!;
      e = e.replaceAll(`$${i}`, this.val(o));
    }
    // a non-negative constant needs no conversion to unsigned; not where the parenthesis is a call's (Math.fround(0 >>> 0))
    e = e.replace(/(?<![\w$.\]])\((\d+) >>> 0\)/g, '$1');
    for (let i = 0; i < k; i++) {
      const o = ops[i]!;
      reads |= o.reads;
      if (!o.pending) pure = false;
    }
    // an operand that is a slot variable could be overwritten before a pending use: evaluate now
    if (pure) this.push(NUM_T[n.result], e, n.bool === true, reads);
    else this.pushNow(NUM_T[n.result], e, n.bool === true);
  }

  /**
   * An instruction on i64 words (numeric.ts). Its operands become atoms first,
   * as templates repeat them; like `numeric`, the result stays a pending
   * expression only when every operand is a local or a constant.
   */
  numeric64(n: I64Op): void {
    const k = n.args.length;
    const base = this.stack.length - k;
    for (let i = base; i < this.stack.length; i++) if (!isAtom(this.stack[i]!)) this.materialize(i);
    const ops = this.stack.splice(base, k);
    const operands = ops.map((o) => new Operand(o.e, o.h));
    const pure = ops.every((o) => o.pending);
    const reads = ops.reduce((m, o) => m | o.reads, 0);
    switch (n.kind) {
      case 'pair': {
        const res = n.f(operands);
        if ('call' in res) this.pushCallPair(res.call);
        else if (pure) this.push('i64', res[0], false, reads, res[1]);
        else this.pushPairNow(res[0], res[1]);
        return;
      }
      case 'call':
        this.pushCallPair(n.f(operands));
        return;
      case 'value': {
        const t = NUM_T[n.result];
        if (pure) this.push(t, n.f(operands), n.bool, reads);
        else this.pushNow(t, n.f(operands), n.bool);
      }
    }
  }

  /** `select` of i64s: both words under one test, into the first operand's slot. */
  selectPair(a: Entry, b: Entry, c: Entry): void {
    const en = this.slotEntry('i64', this.stack.length);
    this.emit(`if (${this.cond(c)}) {`);
    this.assignPair(en.e, en.h, this.val(a), this.hval(a));
    this.emit('} else {');
    this.assignPair(en.e, en.h, this.val(b), this.hval(b));
    this.emit('}');
    this.stack.push(en);
  }

  prefixFC(sub: number): void {
    const r = this.r;
    if (sub < 4) {
      this.numeric(SATURATING[sub]!);
      return;
    }
    if (sub < 8) {
      this.numeric64(I64_SATURATING[sub - 4]!);
      return;
    }
    const args = (n: number): string[] => this.stack.splice(this.stack.length - n, n).map((en) => this.val(en));
    switch (sub) {
      case 8: {
        const seg = r.u32();
        if (r.u8() !== 0) throw new Unsupported('multi-memory');
        this.usesMemory = true;
        this.emit(`H.memoryInit(INST, M, ${seg}, ${args(3).join(', ')});`);
        return;
      }
      case 9:
        this.emit(`H.dataDrop(INST, ${r.u32()});`);
        return;
      case 10:
        if (r.u8() !== 0 || r.u8() !== 0) throw new Unsupported('multi-memory');
        this.usesMemory = true;
        this.emit(`H.memoryCopy(M, ${args(3).join(', ')});`);
        return;
      case 11:
        if (r.u8() !== 0) throw new Unsupported('multi-memory');
        this.usesMemory = true;
        this.emit(`H.memoryFill(M, ${args(3).join(', ')});`);
        return;
      case 12: {
        const seg = r.u32();
        const t = r.u32();
        this.emit(`H.tableInit(INST, T[${t}], ${seg}, ${args(3).join(', ')});`);
        return;
      }
      case 13:
        this.emit(`H.elemDrop(INST, ${r.u32()});`);
        return;
      case 14: {
        const d = r.u32();
        const s = r.u32();
        this.emit(`H.tableCopy(T[${d}], T[${s}], ${args(3).join(', ')});`);
        return;
      }
      case 15: {
        const t = r.u32();
        const [v, n] = args(2);
        this.outcallStart();
        this.pushNow('i32', `T[${t}].tryGrow(${n} >>> 0, ${v})`);
        this.outcallEnd();
        return;
      }
      case 16: {
        const t = r.u32();
        this.tablesUsed.add(t);
        this.pushNow('i32', `TE${t}.length`);
        return;
      }
      case 17: {
        const t = r.u32();
        this.emit(`H.tableFill(T[${t}], ${args(3).join(', ')});`);
        return;
      }
      default:
        throw new Unsupported(`0xfc ${sub}`);
    }
  }

  /**
   * Loads and stores index the memory's DataView, read from the memory's
   * `view` on every access (memory.ts says why), whose own bounds check
   * throws a RangeError that the entry points (runtime/call.ts) turn into a
   * MemoryOutOfBounds trap. Without an offset the address is used as an int32:
   * one of 2 GiB or more is negative, out of bounds for any memory up to
   * 2 GiB, and a larger memory's DataView maps it back (memory.ts).
   */
  memoryAccess(op: number): void {
    const r = this.r;
    const align = r.u32();
    if ((align & 0x40) !== 0) throw new Unsupported('multi-memory');
    const off = r.u32();
    this.usesMemory = true;
    // With an offset: the unsigned address plus the offset, spelled as a branch on the sign
    // rather than `(a >>> 0) + off`, which V8 computes in doubles (a matrix kernel ran 9% slower)
    const addr = (a: Entry): string =>
      off === 0 ? `ea = ${this.val(a)};` : `ea = ${this.val(a)}; ea = ea < 0 ? ea + ${off + 2 ** 32} : ea + ${off};`;
    // The high word of an 8-byte access, at an address that is out of bounds
    // whenever any byte is: without an offset `ea` may be a negative int32
    // (see above), whose high word must not land at a small address.
    const hiAddr = off === 0 ? '(ea >>> 0) + 4' : 'ea + 4';
    if (op <= 0x35) {
      const a = this.pop();
      const pos = this.stack.length;
      const WIDE: Record<number, [string, string]> = {
        0x29: ['DV.getInt32(ea, true)', `DV.getInt32(${hiAddr}, true)`],
        0x30: ['DV.getInt8(ea)', '$ >> 31'],
        0x31: ['DV.getUint8(ea)', '0'],
        0x32: ['DV.getInt16(ea, true)', '$ >> 31'],
        0x33: ['DV.getUint16(ea, true)', '0'],
        0x34: ['DV.getInt32(ea, true)', '$ >> 31'],
        0x35: ['DV.getInt32(ea, true)', '0'],
      };
      const wide = WIDE[op];
      if (wide !== undefined) {
        const en = this.slotEntry('i64', pos);
        this.emit(`${addr(a)} ${en.e} = ${wide[0]}; ${en.h} = ${wide[1].replace('$', en.e)};`);
        this.stack.push(en);
        return;
      }
      const LOADS: Record<number, [T, string]> = {
        0x28: ['i32', 'DV.getInt32(ea, true)'],
        0x2a: ['f32', '(tm = DV.getFloat32(ea, true)) === tm ? tm : H.f32FromBits(DV.getInt32(ea, true))'],
        0x2b: ['f64', 'DV.getFloat64(ea, true)'],
        0x2c: ['i32', 'DV.getInt8(ea)'],
        0x2d: ['i32', 'DV.getUint8(ea)'],
        0x2e: ['i32', 'DV.getInt16(ea, true)'],
        0x2f: ['i32', 'DV.getUint16(ea, true)'],
      };
      const [t, js] = LOADS[op]!;
      const v = this.slotVar(t, pos);
      this.emit(`${addr(a)} ${v} = ${js};`);
      this.stack.push(this.slotEntry(t, pos));
      return;
    }
    const vEn = this.pop();
    const a = this.pop();
    const v = this.val(vEn);
    const STORES: Record<number, string> = {
      0x36: `DV.setInt32(ea, ${v}, true);`,
      // the high word first: when it is in bounds, so is the low word, and a trap writes nothing
      0x37: `DV.setInt32(${hiAddr}, ${vEn.t === 'i64' ? this.hval(vEn) : ''}, true); DV.setInt32(ea, ${v}, true);`,
      0x38: `tm = ${v}; if (tm === tm) DV.setFloat32(ea, tm, true); else DV.setInt32(ea, H.f32Bits(tm), true);`,
      0x39: `DV.setFloat64(ea, ${v}, true);`,
      0x3a: `DV.setInt8(ea, ${v});`,
      0x3b: `DV.setInt16(ea, ${v}, true);`,
      0x3c: `DV.setInt8(ea, ${v});`,
      0x3d: `DV.setInt16(ea, ${v}, true);`,
      0x3e: `DV.setInt32(ea, ${v}, true);`,
    };
    this.emit(`${addr(a)} ${STORES[op]!}`);
  }

  call(j: number): void {
    const ty = this.m.types[this.m.funcs[j]!]!;
    if (j === this.index && this.inlineSelf()) return;
    this.emitCall(ty, [{ cond: '', callee: this.directCallee(j), foreign: j < this.m.numImportedFuncs }]);
  }

  /** The top `n` values as call arguments (an i64 is two: low and high word). */
  popArgs(n: number): string[] {
    return this.stack.splice(this.stack.length - n, n).flatMap((en) => (en.t === 'i64' ? [this.val(en), this.hval(en)] : [this.val(en)]));
  }

  /** A copy of this function's body in place of a call to itself (see INLINE_MAX_BODY); false when it does not apply. */
  inlineSelf(): boolean {
    if (this.role.inlined || this.bodySize > INLINE_MAX_BODY || this.inlineBudget < this.bodySize) return false;
    if (this.copy === undefined) {
      this.copy = null;
      if (this.results.length <= 1) {
        const copy = new Emitter(this.m, this.index, this.type, this.code, this.opts, INLINED);
        try {
          copy.walk();
          this.copy = copy;
        } catch (e) {
          if (!(e instanceof NoInline)) throw e;
        }
      }
    }
    const copy = this.copy;
    if (copy === null) return false;
    this.inlineBudget -= this.bodySize;
    const n = copy.nParams;
    const params = copy.paramNames();
    const args = this.popArgs(n);
    const pos = this.stack.length;
    // the arguments go to the copy's parameters first: they read only this frame's variables
    const entry = [`${INLINED.depth} = ${this.role.depth} + 1;`, ...args.map((a, i) => `${params[i]} = ${a};`)];
    for (let i = n; i < copy.localTypes.length; i++) entry.push(...copy.localZeroes(i).map((z) => `${z};`));
    this.emit(entry.join(' '));
    const deep = `H.deep(FN[${this.index}], ${INLINED.depth}${params.map((p) => `, ${p}`).join('')})`;
    const rt = copy.results[0];
    // a result i64's high word comes in HI[0] from the interpreter, as from a call
    const deepCall = rt === undefined ? `${deep};` : rt === 'i64' ? `${INLINED.ns}R = ${deep}; ${INLINED.ns}RH = HI[0];` : `${INLINED.ns}R = ${deep};`;
    // only the hand-over is an outcall: the copy runs in this function, on its FL and DV
    this.emit(`if (${INLINED.depth} > JSD) {`);
    this.outcallStart();
    this.emit(deepCall);
    this.outcallEnd();
    this.emit(`} else ${INLINED.ns}I: {\n${copy.body()}\n}`);
    if (rt !== undefined) {
      const en = this.slotEntry(rt, pos);
      this.emit(`${en.e} = ${INLINED.ns}R;${rt === 'i64' ? ` ${en.h} = ${INLINED.ns}RH;` : ''}`);
      this.stack.push(en);
    }
    return true;
  }

  /**
   * An 0xFD (SIMD) instruction on v128 values held as four int32 words (simd.ts): common
   * lanewise i32x4 and bitwise operations, `v128.load`/`store` and i32x4 lane access inline
   * (simd-inline.ts), everything else through the interpreter's implementation.
   */
  prefixFD(sub: number): void {
    const r = this.r;
    const info = SIMD_OPS[sub]!;
    const S = 'H.S';
    const pack = (en: Entry): string => `${S}.w4(${en.w!.join(', ')})`;
    const unpack = (call: string): void => {
      const en = this.slotEntry('v128', this.stack.length);
      this.emit(`tv = ${call}; ${en.w!.map((w, k) => `${w} = tv[${k}];`).join(' ')}`);
      this.stack.push(en);
    };
    /** Word k of the result from word k of each operand, into the slot the result takes. */
    const lanewise = (word: (k: number) => string): void => {
      const en = this.slotEntry('v128', this.stack.length);
      // each word reads only word k of the operands, so a result in an operand's slot is safe
      this.emit(en.w!.map((w, k) => `${w} = ${word(k)};`).join(' '));
      this.stack.push(en);
    };
    /** An i32 operand used several times: a variable or a literal. */
    const atom = (en: Entry): string => (isAtom(en) ? this.val(en) : this.materialized(en));
    switch (info.form) {
      case 'memory': {
        const align = r.u32();
        if ((align & 0x40) !== 0) throw new Unsupported('multi-memory');
        const offset = r.u32() >>> 0;
        this.usesMemory = true;
        if (info.name === 'v128.load' || info.name === 'v128.store') {
          const v = info.name === 'v128.store' ? this.pop() : undefined;
          const a = this.pop();
          // as memoryAccess: the unsigned address plus the offset, a double past the int32 range
          const ea = offset === 0 ? `ea = ${this.val(a)};` : `ea = ${this.val(a)}; ea = ea < 0 ? ea + ${offset + 2 ** 32} : ea + ${offset};`;
          if (v === undefined) {
            // a word out of bounds throws (a trap at the entry), and a load writes nothing first
            const en = this.slotEntry('v128', this.stack.length);
            this.emit(`${ea} ${en.w!.map((w, k) => `${w} = DV.getInt32(${k === 0 ? 'ea' : `ea + ${4 * k}`}, true);`).join(' ')}`);
            this.stack.push(en);
          } else {
            // the last word first: in bounds, so are the others (no partial store); with no offset a
            // negative int32 `ea` puts it past the end
            const last = offset === 0 ? '(ea >>> 0) + 12' : 'ea + 12';
            const w = v.w!;
            this.emit(`${ea} DV.setInt32(${last}, ${w[3]}, true); DV.setInt32(ea, ${w[0]}, true); DV.setInt32(ea + 4, ${w[1]}, true); DV.setInt32(ea + 8, ${w[2]}, true);`);
          }
          return;
        }
        if (info.kind === 'load') {
          const a = this.pop();
          unpack(`${S}.load(${sub}, M, ${this.val(a)}, ${offset})`);
        } else if (info.kind === 'load_lane') {
          const lane = r.u8();
          const v = this.pop();
          const a = this.pop();
          unpack(`${S}.loadLane(${sub}, M, ${this.val(a)}, ${offset}, ${pack(v)}, ${lane})`);
        } else {
          const lane = info.kind === 'store_lane' ? `, ${r.u8()}` : '';
          const v = this.pop();
          const a = this.pop();
          this.emit(`${S}.${info.kind === 'store' ? 'store' : 'storeLane'}(${sub}, M, ${this.val(a)}, ${offset}, ${pack(v)}${lane});`);
        }
        return;
      }
      case 'const': {
        const bytes = r.bytes.slice(r.pos, r.pos + 16);
        r.pos += 16;
        this.pushV(Array.from(new Int32Array(bytes.buffer, bytes.byteOffset, 4), intLit), 0);
        return;
      }
      case 'shuffle': {
        const k = this.consts.length;
        this.consts.push(`new Uint8Array([${Array.from(r.bytes.subarray(r.pos, r.pos + 16)).join(', ')}])`);
        r.pos += 16;
        const b = this.pop();
        const a = this.pop();
        unpack(`${S}.shuffle(${pack(a)}, ${pack(b)}, ${this.role.ns}K${k})`);
        return;
      }
      case 'v128': {
        const args = this.stack.splice(this.stack.length - info.params.length);
        const inline = SIMD_INLINE[info.name];
        if (inline !== undefined) lanewise((k) => inline(...args.map((en) => en.w![k]!)));
        else unpack(`${S}.v${args.length}(${sub}, ${args.map(pack).join(', ')})`);
        return;
      }
      case 'splat': {
        const x = this.pop();
        if (info.name === 'i32x4.splat') {
          const v = atom(x);
          lanewise(() => v);
        } else {
          unpack(`${S}.splat(${sub}, ${this.val(x)}, ${x.t === 'i64' ? this.hval(x) : 0})`);
        }
        return;
      }
      case 'extract': {
        const lane = r.u8();
        const a = this.pop();
        if (info.name === 'i32x4.extract_lane') {
          this.pushNow('i32', a.w![lane]!);
          return;
        }
        const call = `${S}.extract(${sub}, ${pack(a)}, ${lane})`;
        const t = toT(info.results[0]!);
        if (t === 'i64') this.pushCallPair(call);
        else this.pushNow(t, call);
        return;
      }
      case 'replace': {
        const lane = r.u8();
        const x = this.pop();
        const a = this.pop();
        if (info.name === 'i32x4.replace_lane') {
          const v = this.val(x);
          lanewise((k) => (k === lane ? v : a.w![k]!));
        } else {
          unpack(`${S}.replace(${sub}, ${pack(a)}, ${lane}, ${this.val(x)}, ${x.t === 'i64' ? this.hval(x) : 0})`);
        }
        return;
      }
      case 'shift': {
        const c = this.pop();
        const a = this.pop();
        // JS shifts take the count modulo 32, as i32x4 shifts do
        const op = info.name === 'i32x4.shl' ? '<<' : info.name === 'i32x4.shr_s' ? '>>' : info.name === 'i32x4.shr_u' ? '>>>' : undefined;
        if (op !== undefined) {
          const n = atom(c);
          lanewise((k) => (op === '>>>' ? `(${a.w![k]} >>> ${n}) | 0` : `${a.w![k]} ${op} ${n}`));
        } else {
          unpack(`${S}.shift(${sub}, ${pack(a)}, ${this.val(c)})`);
        }
        return;
      }
      case 'test': {
        const a = this.pop();
        const w = a.w!;
        if (info.name === 'v128.any_true') this.pushNow('i32', `(${w.join(' | ')}) !== 0`, true);
        else if (info.name === 'i32x4.all_true') this.pushNow('i32', w.map((x) => `${x} !== 0`).join(' && '), true);
        else this.pushNow('i32', `${S}.test(${sub}, ${pack(a)})`);
        return;
      }
    }
  }

  /** return_call: a jump back to the body's start for a call to itself, else a pending call (tail-calls.ts). */
  returnCall(j: number): void {
    if (this.role.inlined) throw new NoInline();
    if (j === this.index) {
      this.selfTailCall();
      return;
    }
    this.tailTo(this.m.types[this.m.funcs[j]!]!, `F[${j}]`, j < this.m.numImportedFuncs);
  }

  /** return_call_indirect: the callee as call_indirect's generic path finds it (with its traps), then a pending call. */
  returnCallIndirect(ty: number, table: number): void {
    if (this.role.inlined) throw new NoInline();
    const ft = this.m.types[ty]!;
    this.tailTo(ft, this.tableCallee(ft, this.opts.sigs[ty]!, table).lookup, true);
  }

  /**
   * Pops a call_indirect's table index and returns the word-form entry of the
   * element as an expression: `lookup` reads the element, `given` expects it in
   * `tf` already. Either takes the element's compiled code directly when it is
   * a function of signature `sig` that has some, else `H.callee`, which traps
   * or bridges exactly as the interpreter would.
   */
  tableCallee(ft: FuncType, sig: number, table: number): { i: string; elems: string; lookup: string; given: string } {
    const idx = this.pop();
    const wide = [...ft.params, ...ft.results].includes('i64');
    // the index is read twice (the lookup and the fallback): pure, but kept short
    const i = isAtom(idx) ? this.val(idx) : this.materialized(idx);
    this.tablesUsed.add(table);
    const elems = `TE${table}`;
    const slow = `H.${wide ? 'calleeWide' : 'callee'}(${elems}, ${i}, ${sig})`;
    const entry = `(tc = tf.js) !== undefined ? ${wide ? 'tc.p' : 'tc'} : ${slow}`;
    return { i, elems, lookup: `((tf = ${elems}[${i} >>> 0]) != null && tf.sig === ${sig} && ${entry})`, given: `(tf != null && tf.sig === ${sig} && ${entry})` };
  }

  /** Leaves the callee and its arguments in TA and returns TAIL; the callee is evaluated after the arguments. */
  tailTo(ft: FuncType, callee: string, foreign: boolean): void {
    scalarOnly(ft);
    const args = this.popArgs(ft.params.length);
    this.hasTail = true;
    this.emit(`${args.map((a, k) => `TA[${k + 1}] = ${a};`).join(' ')} TA[0] = ${callee}; TN[0] = ${args.length}; TN[1] = ${foreign ? 1 : 0}; return TAIL;`);
  }

  /** A tail call to itself: the arguments become the parameters, the other locals zero, and the body starts over (charging its first block again). */
  selfTailCall(): void {
    const n = this.nParams;
    // into slots first: an argument may read a parameter that an earlier assignment replaces
    for (let k = this.stack.length - n; k < this.stack.length; k++) this.materialize(k);
    const args = this.popArgs(n);
    const params = this.paramNames();
    const sets = params.map((p, k) => `${p} = ${args[k]};`);
    for (let i = n; i < this.localTypes.length; i++) sets.push(...this.localZeroes(i).map((z) => `${z};`));
    this.selfTail = true;
    this.paramsAssigned = true;
    this.emit(`${sets.join(' ')} continue TCL;`);
  }

  /** A call to itself names the function: V8 then knows the target without a lookup. */
  directCallee(j: number): string {
    return j === this.index ? `w${j}` : `F[${j}]`;
  }

  /**
   * call_indirect. When few functions of this module could be in a table
   * with the call's signature (element segments name them), each gets its
   * own branch calling it as a direct call would: every such call site sees
   * one target, which V8 can inline, where a shared call site that meets
   * several targets (a sort's comparators) is megamorphic.
   *
   * Any other element goes through the generic path: it calls the element's
   * compiled code directly when the element is a function of the expected
   * signature that has some; anything else (an index out of bounds, null, a
   * mismatch, a host function, a function not compiled yet) goes through
   * `H.callee`, which traps or bridges exactly as the interpreter would.
   * `g.js` of a compiled function whose signature has an i64 is its BigInt
   * form, with the word form in `.p`.
   */
  callIndirect(ty: number, table: number): void {
    const ft = this.m.types[ty]!;
    const sig = this.opts.sigs[ty]!;
    const targets = indirectTargets(this.m, this.opts.sigs).get(sig) ?? [];
    const dispatch = targets.length > 0 && targets.length <= MAX_INDIRECT_TARGETS;
    const { i, elems, lookup, given } = this.tableCallee(ft, sig, table);
    // the callee is looked up after the arguments are evaluated, as the interpreter does:
    // they are pure expressions or slots, so evaluating them later changes nothing
    if (!dispatch) {
      this.emitCall(ft, [{ cond: '', callee: lookup, foreign: true }]);
      return;
    }
    // each branch repeats the arguments: compound ones are evaluated once, first
    for (let k = this.stack.length - ft.params.length; k < this.stack.length; k++) if (!isAtom(this.stack[k]!)) this.materialize(k);
    this.emit(`tf = ${elems}[${i} >>> 0];`);
    this.emitCall(ft, [
      ...targets.map((j) => ({ cond: `tf === FN[${j}]`, callee: this.directCallee(j), foreign: false })),
      { cond: '', callee: given, foreign: true },
    ]);
  }

  /** An entry already popped, evaluated into the slot it had. */
  materialized(en: Entry): string {
    this.stack.push(en);
    this.materialize(this.stack.length - 1);
    this.stack.pop();
    return en.e;
  }

  /**
   * A call to the first alternative whose condition holds (the last has
   * none). Results of functions that may be host functions (`foreign`) are
   * normalised like the interpreter's stack stores (an i64 result comes as
   * words from every entry, link.ts normalises host answers).
   */
  emitCall(ty: FuncType, alts: readonly CallAlternative[]): void {
    scalarOnly(ty);
    const params = ty.params.map(toT);
    const results = ty.results.map(toT);
    const n = params.length;
    const args = this.popArgs(n);
    const pos = this.stack.length;
    const argList = [`${this.role.depth} + 1`, ...args].join(', ');
    const t = results.length === 1 ? results[0]! : undefined;
    const en = t !== undefined ? this.slotEntry(t, pos) : undefined;
    const statement = (alt: CallAlternative): string => {
      const call = `${alt.callee}(${argList})`;
      if (en === undefined) return `${call};`;
      return `${en.e} = ${alt.foreign ? normalized(t!, call) : call};`;
    };
    this.outcallStart();
    if (alts.length === 1) this.emit(statement(alts[0]!));
    else this.emit(alts.map((alt, k) => (k === alts.length - 1 ? `else ${statement(alt)}` : `${k > 0 ? 'else ' : ''}if (${alt.cond}) ${statement(alt)}`)).join('\n'));
    this.outcallEnd();
    if (en !== undefined) {
      // the high word of an i64 result is in HI[0], whichever function answered
      if (t === 'i64') this.emit(`${en.h} = HI[0];`);
      this.stack.push(en);
      return;
    }
    results.forEach((rt, k) => {
      const r = this.slotEntry(rt, pos + k);
      this.emit(`${r.e} = MR[${k}];${rt === 'i64' ? ` ${r.h} = MRH[${k}];` : ''}`);
      this.stack.push(r);
    });
  }

  /** Unreachable code: only nesting matters, immediates are skipped. */
  skipDead(op: number): void {
    const r = this.r;
    switch (op) {
      case 0x02:
      case 0x03:
      case 0x04:
        this.blockTypeSkip();
        this.deadDepth++;
        return;
      case 0x05:
        if (this.deadDepth === 0) this.elseBranch();
        return;
      case 0x0b:
        if (this.deadDepth === 0) this.endFrame();
        else this.deadDepth--;
        return;
      default:
        skipImmediates(r, op);
    }
  }

  blockTypeSkip(): void {
    const r = this.r;
    const b = r.bytes[r.pos]!;
    if (b === 0x40 || valueTypeOf(b) !== undefined) r.pos++;
    else r.s33();
  }
}

interface CallAlternative {
  /** A JS condition ('' for the last alternative). */
  readonly cond: string;
  readonly callee: string;
  /** The callee may be a host function: its result is normalised. */
  readonly foreign: boolean;
}

/** An i32/f32/f64 result of a call that may reach a host function, in the tier's form. */
function normalized(t: T, call: string): string {
  switch (t) {
    case 'i32': return `${call} | 0`;
    case 'f32': return `H.f32FromHost(${call})`;
    case 'f64': return `+${call}`;
    default: return call;
  }
}

/** More candidates than this and call_indirect uses the generic path alone: the branches would cost more than they save. */
const MAX_INDIRECT_TARGETS = 4;

const targetsOf = new WeakMap<ModuleInfo, Map<number, number[]>>();

/**
 * The module's own functions that its element segments name, by canonical
 * signature: what call_indirect through its tables mostly finds.
 */
function indirectTargets(m: ModuleInfo, sigs: readonly number[]): Map<number, number[]> {
  let bySig = targetsOf.get(m);
  if (bySig !== undefined) return bySig;
  bySig = new Map();
  const seen = new Set<number>();
  for (const seg of m.elems) {
    for (const item of seg.items) {
      const op = item[0];
      if (item.length !== 1 || op?.op !== 'ref.func') continue;
      const j = op.func;
      if (j < m.numImportedFuncs || seen.has(j)) continue;
      seen.add(j);
      const sig = sigs[m.funcs[j]!]!;
      let list = bySig.get(sig);
      if (list === undefined) bySig.set(sig, (list = []));
      list.push(j);
    }
  }
  targetsOf.set(m, bySig);
  return bySig;
}

/** Skips the immediates of an instruction in unreachable code. */
function skipImmediates(r: Reader, op: number): void {
  if (NUMERIC[op] !== undefined || I64[op] !== undefined) return;
  switch (op) {
    case 0x0c: case 0x0d: case 0x10: case 0x12: case 0x20: case 0x21: case 0x22: case 0x23: case 0x24:
    case 0x25: case 0x26: case 0xd2:
      r.u32();
      return;
    case 0x0e: {
      const n = r.u32();
      for (let i = 0; i <= n; i++) r.u32();
      return;
    }
    case 0x11: case 0x13:
      r.u32();
      r.u32();
      return;
    case 0x1c: {
      const n = r.u32();
      for (let i = 0; i < n; i++) readValueType(r);
      return;
    }
    case 0x3f: case 0x40: case 0xd0:
      r.u8();
      return;
    case 0x41: r.s32(); return;
    case 0x42: r.s64(); return;
    case 0x43: r.fixed32(); return;
    case 0x44: r.fixed32(); r.fixed32(); return;
    case 0xfc: {
      const sub = r.u32();
      switch (sub) {
        case 8: r.u32(); r.u8(); return;
        case 9: case 13: case 15: case 16: case 17: r.u32(); return;
        case 10: r.u8(); r.u8(); return;
        case 11: r.u8(); return;
        case 12: case 14: r.u32(); r.u32(); return;
        default: return;
      }
    }
    case 0xfd: {
      const info = SIMD_OPS[r.u32()]!;
      if (info.imm === 'memarg' || info.imm === 'memarg_lane') {
        if ((r.u32() & 0x40) !== 0) r.u32();
        r.u32();
      }
      if (info.imm === 'memarg_lane' || info.imm === 'lane') r.u8();
      if (info.imm === 'v128const' || info.imm === 'shuffle') r.pos += 16;
      return;
    }
    default:
      if (op >= 0x28 && op <= 0x3e) {
        const align = r.u32();
        if ((align & 0x40) !== 0) r.u32();
        r.u32();
      }
  }
}
