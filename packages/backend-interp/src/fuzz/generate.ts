/**
 * Random valid WebAssembly modules as WAT text, from a seed.
 *
 * Every program terminates: loops run on dedicated counter locals that random
 * code reads but never writes, branches only go forward (to blocks and ifs),
 * and functions only call functions with a higher index, directly or through
 * the table, so the call graph has no cycle.
 *
 * Outcomes must not depend on what the spec leaves open, so engines can be
 * compared bit for bit: the bits of a NaN made by arithmetic are open, so a
 * float that may be such a NaN is canonicalised (`select` of the canonical
 * NaN) wherever its bits could become visible: stored to a local, global or
 * memory, passed to a call, returned, reinterpreted, or used as a copysign
 * sign. NaNs written as constants keep their payloads: moves must keep them.
 */
import { Rng } from './rng.js';

export type T = 'i32' | 'i64' | 'f32' | 'f64';
const TYPES: readonly T[] = ['i32', 'i64', 'f32', 'f64'];

export interface Sig {
  params: T[];
  results: T[];
}

export interface Program {
  text: string;
  /** The signature of the internal entry `$f0`; the export `run` takes and returns the same values as integer bits. */
  entry: Sig;
  /** Argument sets for `run`, as integer bits (i32 numbers, i64 bigints). */
  args: (number | bigint)[][];
  /** The signature of the imported host function `env.h`, if the program has one. */
  host?: Sig;
  /** The signature of the export `r`, one of the program's functions, which `env.h` sometimes calls back (re-entering wasm). */
  reenter?: Sig;
  /**
   * Set when the program recurses past the host's depth on purpose: our modes
   * then run with this call depth limit and are compared among themselves only.
   */
  maxCallDepth?: number;
}

/**
 * What the table, memory and data-segment statements may use. The second
 * table only ever holds null or leaf functions (which call nothing), so
 * call_indirect through it, and copying from it into table 0, cannot make a
 * cycle, whatever table.set/fill/copy/grow did before.
 */
interface Extras {
  leafType: string;
  leaves: number;
  tbMin: number;
  tbMax: number;
  teMin: number;
  minPages: number;
  pages: number;
  passive: number[];
  /** Lengths of the passive element segments `$e<k>`: leaf functions and nulls, for table.init into `$tb`. */
  elemSegs: number[];
}

/** A generated expression: its text, and whether it may be a NaN whose bits the spec leaves open. */
interface E {
  s: string;
  nd: boolean;
}

interface Local {
  name: string;
  type: T;
  writable: boolean;
}

interface FuncInfo {
  sig: Sig;
  typeName: string;
  cost: number;
}

interface Options {
  maxFuncs: number;
  maxSize: number;
  /** Leave arithmetic NaNs as they come (their bits then differ legitimately between engines; only for comparing our own modes). */
  rawNaNs: boolean;
}

const I32_EDGES = [0, 1, -1, 2, 3, 7, 8, 10, 16, 31, 32, 33, 63, 64, 255, 256, 0xffff, 0x10000, 0x7fffffff, -0x80000000, -2, 0x7ffffffe, 65532, 65535, 4096];
const I64_EDGES = [0n, 1n, -1n, 2n, 3n, 7n, 10n, 31n, 32n, 63n, 64n, 65n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x80000001n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn, -0x100000000n];
const F32_EDGES = ['0', '-0', '1', '-1', '0.5', '-0.5', '1.5', '2.5', '-2.5', 'inf', '-inf', 'nan', '-nan', 'nan:0x200001', 'nan:0x1', '-nan:0x3fffff', '2147483648', '-2147483648', '2147483520', '-2147483904', '4294967296', '4294967040', '-0.99', '9223372036854775808', '-9223372036854775808', '18446744073709551616', '1e-45', '3.4028234663852886e38', '1.1754943508222875e-38'];
const F64_EDGES = ['0', '-0', '1', '-1', '0.5', '-0.5', '1.5', '2.5', '-2.5', 'inf', '-inf', 'nan', '-nan', 'nan:0x4000000000001', 'nan:0x1', '-nan:0xfffffffffffff', '2147483647.9', '2147483648', '-2147483648.9', '-2147483649', '4294967295.9', '4294967296', '-0.9', '9223372036854775808', '9223372036854774784', '-9223372036854775808', '-9223372036854777856', '18446744073709551616', '18446744073709549568', '5e-324', '1.7976931348623157e308', '2.2250738585072014e-308'];

const INT_BIN = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const FLOAT_BIN = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const INT_CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const FLOAT_UN = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
const LOADS: Record<T, [string, number][]> = {
  i32: [['i32.load', 4], ['i32.load8_s', 1], ['i32.load8_u', 1], ['i32.load16_s', 2], ['i32.load16_u', 2]],
  i64: [['i64.load', 8], ['i64.load8_s', 1], ['i64.load8_u', 1], ['i64.load16_s', 2], ['i64.load16_u', 2], ['i64.load32_s', 4], ['i64.load32_u', 4]],
  f32: [['f32.load', 4]],
  f64: [['f64.load', 8]],
};
const STORES: Record<T, [string, number][]> = {
  i32: [['i32.store', 4], ['i32.store8', 1], ['i32.store16', 2]],
  i64: [['i64.store', 8], ['i64.store8', 1], ['i64.store16', 2], ['i64.store32', 4]],
  f32: [['f32.store', 4]],
  f64: [['f64.store', 8]],
};

const isFloat = (t: T): boolean => t === 'f32' || t === 'f64';
const intOf = (t: T): T => (t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t);

function randomSig(rng: Rng, minParams: number, minResults: number): Sig {
  const params = Array.from({ length: rng.range(minParams, 4) }, () => rng.pick(TYPES));
  const n = rng.chance(0.15) ? rng.range(2, 3) : rng.chance(0.15) ? 0 : 1;
  const results = Array.from({ length: Math.max(n, minResults) }, () => rng.pick(TYPES));
  return { params, results };
}

const sigKey = (s: Sig): string => `${s.params.join(',')}>${s.results.join(',')}`;
const sigText = (s: Sig): string =>
  `${s.params.length ? ` (param ${s.params.join(' ')})` : ''}${s.results.length ? ` (result ${s.results.join(' ')})` : ''}`;

function intConst(rng: Rng, t: 'i32' | 'i64'): string {
  if (t === 'i32') {
    const v = rng.chance(0.7) ? rng.pick(I32_EDGES) : rng.chance(0.5) ? rng.range(-300, 300) : rng.u32() | 0;
    return `(i32.const ${v | 0})`;
  }
  const v = rng.chance(0.7) ? rng.pick(I64_EDGES) : rng.chance(0.5) ? BigInt(rng.range(-300, 300)) : BigInt.asIntN(64, rng.u64());
  return `(i64.const ${v})`;
}

const f32Buf = new Float32Array(1);
const u32View = new Uint32Array(f32Buf.buffer);
const f64Buf = new Float64Array(1);
const u64View = new BigUint64Array(f64Buf.buffer);

/** A float constant's text from its bits, NaN payloads spelled out. */
function floatText(t: 'f32' | 'f64', bits: bigint): string {
  let x: number;
  let nanPayload: bigint | undefined;
  let neg: boolean;
  if (t === 'f32') {
    u32View[0] = Number(bits);
    x = f32Buf[0]!;
    neg = (bits >> 31n) !== 0n;
    if (Number.isNaN(x)) nanPayload = bits & 0x7fffffn;
  } else {
    u64View[0] = bits;
    x = f64Buf[0]!;
    neg = (bits >> 63n) !== 0n;
    if (Number.isNaN(x)) nanPayload = bits & 0xfffffffffffffn;
  }
  if (nanPayload !== undefined) return `${neg ? '-' : ''}nan:0x${nanPayload.toString(16)}`;
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

function floatConst(rng: Rng, t: 'f32' | 'f64'): string {
  if (rng.chance(0.65)) return `(${t}.const ${rng.pick(t === 'f32' ? F32_EDGES : F64_EDGES)})`;
  if (rng.chance(0.4)) return `(${t}.const ${rng.range(-100, 100) / 4})`;
  const bits = t === 'f32' ? BigInt(rng.u32()) : rng.u64();
  return `(${t}.const ${floatText(t, bits)})`;
}

function constOf(rng: Rng, t: T): string {
  return isFloat(t) ? floatConst(rng, t as 'f32' | 'f64') : intConst(rng, t as 'i32' | 'i64');
}

/** Argument bits for the entry: edge values, small numbers and random bits. */
function argBits(rng: Rng, t: T): number | bigint {
  switch (t) {
    case 'i32':
      return rng.chance(0.6) ? rng.pick(I32_EDGES) | 0 : rng.chance(0.5) ? rng.range(-20, 20) : rng.u32() | 0;
    case 'i64':
      return rng.chance(0.6) ? BigInt.asIntN(64, rng.pick(I64_EDGES)) : rng.chance(0.5) ? BigInt(rng.range(-20, 20)) : BigInt.asIntN(64, rng.u64());
    case 'f32': {
      const edges = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001, 0xffc00001, 0x4f000000, 0xcf000000, 0x40200000, 1];
      return (rng.chance(0.5) ? rng.pick(edges) : rng.chance(0.5) ? (f32Buf[0] = rng.range(-50, 50) / 2, u32View[0]!) : rng.u32()) | 0;
    }
    default: {
      const edges = [0n, 1n << 63n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0x7ff8000000000000n, 0x7ff4000000000001n, 0xfff8000000000001n, 0x43e0000000000000n, 0x41e0000000000000n, 1n];
      return BigInt.asIntN(64, rng.chance(0.5) ? rng.pick(edges) : rng.chance(0.5) ? (f64Buf[0] = rng.range(-50, 50) / 2, u64View[0]!) : rng.u64());
    }
  }
}

const COST_CAP = 4000;

class FuncGen {
  readonly locals: Local[] = [];
  readonly decls: string[] = [];
  /** Labels a random branch may target (blocks and ifs without results, never loops), innermost last. */
  readonly labels: string[] = [];
  /** The imported host function's signature and type name, callable from anywhere, and how often a call picks it. */
  host: { sig: Sig; typeName: string; chance: number } | undefined;
  extras: Extras | undefined;
  mult = 1;
  cost = 0;
  size = 0;
  loopDepth = 0;
  nest = 0;
  #next = 0;

  constructor(
    readonly rng: Rng,
    readonly index: number,
    readonly sig: Sig,
    readonly funcs: FuncInfo[],
    readonly globals: { name: string; type: T; mutable: boolean }[],
    readonly types: Map<string, string>,
    readonly tableSize: number,
    readonly opts: Options,
  ) {
    sig.params.forEach((t, i) => this.locals.push({ name: `$p${i}`, type: t, writable: true }));
    const n = rng.range(1, 6);
    for (let i = 0; i < n; i++) this.addLocal(`$l${i}`, rng.pick(TYPES), true);
    for (const t of ['f32', 'f64'] as const) this.decls.push(`(local $nan_${t} ${t})`);
  }

  addLocal(name: string, type: T, writable: boolean): void {
    this.locals.push({ name, type, writable });
    this.decls.push(`(local ${name} ${type})`);
  }

  label(prefix: string): string {
    return `$${prefix}${this.#next++}`;
  }

  /** The value with any open NaN replaced by the canonical NaN. */
  canon(t: T, e: E): string {
    if (!isFloat(t) || !e.nd || this.opts.rawNaNs) return e.s;
    const tmp = `$nan_${t}`;
    return `(select (${t}.const nan) (local.tee ${tmp} ${e.s}) (${t}.ne (local.get ${tmp}) (local.get ${tmp})))`;
  }

  value(t: T, depth: number): string {
    return this.canon(t, this.expr(t, depth));
  }

  readable(t: T): Local[] {
    return this.locals.filter((l) => l.type === t);
  }

  writable(t: T): Local[] {
    return this.locals.filter((l) => l.type === t && l.writable);
  }

  leaf(t: T): E {
    const r = this.rng.int(10);
    const ls = this.readable(t);
    if (r < 5 && ls.length) return { s: `(local.get ${this.rng.pick(ls).name})`, nd: false };
    const gs = this.globals.filter((g) => g.type === t);
    if (r < 6 && gs.length) return { s: `(global.get ${this.rng.pick(gs).name})`, nd: false };
    return { s: constOf(this.rng, t), nd: false };
  }

  expr(t: T, depth: number): E {
    this.size++;
    const rng = this.rng;
    if (depth <= 0 || rng.chance(0.3)) return this.leaf(t);
    const r = rng.int(100);
    if (r < 30) return this.binary(t, depth);
    if (r < 38) return this.unary(t, depth);
    if (r < 46) return this.convert(t, depth);
    if (r < 54 && t === 'i32') return { s: this.compare(depth), nd: false };
    if (r < 60) return this.select(t, depth);
    if (r < 68) return { s: this.load(t, depth), nd: false };
    if (r < 73) {
      const call = this.callExpr(t, depth);
      if (call) return { s: call, nd: false };
    }
    if (r < 77) return { s: `(if (result ${t}) ${this.cond(depth - 1)} (then ${this.value(t, depth - 1)}) (else ${this.value(t, depth - 1)}))`, nd: false };
    if (r < 81) return { s: this.blockExpr(t, depth), nd: false };
    if (r < 86) {
      const ls = this.writable(t);
      if (ls.length) return { s: `(local.tee ${rng.pick(ls).name} ${this.value(t, depth - 1)})`, nd: false };
    }
    if (r < 88 && t === 'i32') return { s: rng.chance(0.5) ? '(memory.size)' : `(memory.grow ${this.growDelta()})`, nd: false };
    if (r < 92 && t === 'i32' && this.extras) return { s: this.tableExpr(depth), nd: false };
    return this.leaf(t);
  }

  growDelta(): string {
    if (this.extras && this.rng.chance(0.2)) return `(i32.const ${this.rng.range(2, 6)})`;
    return this.rng.chance(0.8) ? `(i32.const ${this.rng.range(0, 2)})` : this.expr('i32', 1).s;
  }

  /** A funcref for the second table: null or a leaf. */
  leafRef(): string {
    const x = this.extras!;
    return this.rng.chance(0.25) ? '(ref.null func)' : `(ref.func $leaf${this.rng.int(x.leaves)})`;
  }

  /** A slot of the second table: mostly inside, sometimes just past its size or its maximum. */
  tbIndex(depth: number): string {
    const rng = this.rng;
    const x = this.extras!;
    const r = rng.int(40);
    if (r < 20) return `(i32.const ${rng.range(0, x.tbMin - 1)})`;
    if (r < 37) return `(i32.rem_u ${this.expr('i32', Math.min(depth - 1, 2)).s} (table.size $tb))`;
    if (r < 39) return '(table.size $tb)';
    return `(i32.const ${rng.pick([x.tbMax - 1, x.tbMax, -1, 0x7fffffff])})`;
  }

  tbDelta(): string {
    const rng = this.rng;
    return `(i32.const ${rng.chance(0.85) ? rng.range(0, 3) : rng.pick([this.extras!.tbMax, 100, -1, 0x10000])})`;
  }

  /** An i32 read from the tables: sizes, growth, null tests, calls through the second table. */
  tableExpr(depth: number): string {
    const rng = this.rng;
    switch (rng.int(8)) {
      case 0:
        return rng.chance(0.7) ? '(table.size $tb)' : rng.chance(0.5) ? '(table.size $te)' : '(table.size 0)';
      case 1:
        return `(table.grow $tb ${this.leafRef()} ${this.tbDelta()})`;
      case 2:
        return `(table.grow $te (ref.null extern) ${this.tbDelta()})`;
      case 3:
        return `(ref.is_null (table.get $tb ${this.tbIndex(depth)}))`;
      case 4:
        return `(ref.is_null (table.get $te (i32.const ${rng.chance(0.95) ? rng.range(0, this.extras!.teMin - 1) : rng.range(0, 6)})))`;
      case 5:
        return rng.chance(0.5) ? `(ref.is_null ${this.leafRef()})` : `(ref.is_null (ref.null extern))`;
      default:
        this.cost += this.mult;
        return `(call_indirect $tb (type ${this.extras!.leafType}) ${this.expr('i32', depth - 1).s} ${this.tbIndex(depth)})`;
    }
  }

  /** Table and passive-data statements; out-of-bounds ones must trap having written nothing. */
  extraStmt(): string {
    const rng = this.rng;
    const x = this.extras!;
    // mostly inside the table's initial size, sometimes past it (a trap unless it grew)
    const n = () => `(i32.const ${rng.chance(0.96) ? rng.range(0, 2) : rng.pick([3, 5, 8, x.tbMax, -1])})`;
    const at = () => `(i32.const ${rng.chance(0.96) ? rng.range(0, Math.max(0, x.tbMin - 2)) : rng.pick([x.tbMin, x.tbMax, x.tbMax + 1, -1])})`;
    switch (rng.int(11)) {
      case 0:
        return `(table.set $tb ${this.tbIndex(2)} ${this.leafRef()})`;
      case 10: {
        if (!x.elemSegs.length) return `(table.set $tb ${this.tbIndex(2)} ${this.leafRef()})`;
        const k = rng.int(x.elemSegs.length);
        if (rng.chance(0.2)) return `(elem.drop $e${k})`;
        const len = x.elemSegs[k]!;
        const src = rng.chance(0.95) ? rng.range(0, len) : rng.pick([len + 1, -1]);
        const cnt = rng.chance(0.95) ? rng.range(0, Math.max(0, len - Math.max(src, 0))) : rng.pick([len, len + 1, 0]);
        return `(table.init $tb $e${k} ${at()} (i32.const ${src}) (i32.const ${cnt}))`;
      }
      case 1:
        return `(table.fill $tb ${at()} ${this.leafRef()} ${n()})`;
      case 2: {
        // overlapping copies in both directions, and ones that run past the end
        const d = rng.range(0, x.tbMin - 1);
        const s2 = Math.max(0, d + rng.range(-2, 2));
        return `(table.copy $tb $tb (i32.const ${d}) (i32.const ${s2}) ${n()})`;
      }
      case 3:
        // leaves into table 0 (over wasm functions too): calls through it may now hit a leaf
        // mostly into the null slot after the host's, sometimes over wasm functions
        return `(table.copy 0 $tb (i32.const ${rng.chance(0.8) ? this.funcs.length + 1 : rng.range(0, 2)}) ${at()} (i32.const ${rng.chance(0.9) ? 1 : rng.range(0, 3)}))`;
      case 4:
        return `(drop (table.grow $tb ${this.leafRef()} ${this.tbDelta()}))`;
      case 5:
        {
          const te = () => `(i32.const ${rng.chance(0.95) ? rng.range(0, x.teMin - 1) : rng.range(0, 6)})`;
          return rng.chance(0.5) ? `(table.fill $te ${te()} (ref.null extern) (i32.const ${rng.range(0, 1)}))` : `(table.set $te ${te()} (table.get $te ${te()}))`;
        }
      case 6:
      case 7: {
        if (!x.passive.length) return `(drop (memory.grow ${this.growDelta()}))`;
        const k = rng.int(x.passive.length);
        const len = x.passive[k]!;
        const src = rng.chance(0.95) ? rng.range(0, len) : rng.pick([len + 1, -1]);
        const cnt = rng.chance(0.95) ? rng.range(0, Math.max(0, len - Math.max(src, 0))) : rng.pick([len, len + 1, 0]);
        const dst = rng.chance(0.7) ? `(i32.const ${rng.range(0, 1024)})` : this.address(1, 2);
        return `(memory.init $d${k} ${dst} (i32.const ${src}) (i32.const ${cnt}))`;
      }
      case 8:
        return x.passive.length && rng.chance(0.2) ? `(data.drop $d${rng.int(x.passive.length)})` : `(drop (memory.grow (i32.const ${rng.range(1, 5)})))`;
      default: {
        const ls = this.writable('i32');
        if (!ls.length) return `(drop ${this.tableExpr(2)})`;
        return `(local.set ${rng.pick(ls).name} ${this.tableExpr(2)})`;
      }
    }
  }

  binary(t: T, depth: number): E {
    const rng = this.rng;
    if (isFloat(t)) {
      const op = rng.pick(FLOAT_BIN);
      const a = this.expr(t, depth - 1);
      if (op === 'copysign') {
        const b = this.canon(t, this.expr(t, depth - 1));
        return { s: `(${t}.copysign ${a.s} ${b})`, nd: a.nd };
      }
      const b = this.expr(t, depth - 1);
      return { s: `(${t}.${op} ${a.s} ${b.s})`, nd: true };
    }
    const op = rng.pick(INT_BIN);
    const a = this.expr(t, depth - 1).s;
    // constant right operands reach the immediate forms and the constant-division paths
    let b = rng.chance(0.45) ? this.rightConst(t, op) : this.expr(t, depth - 1).s;
    // a divisor from random code is often 0 (locals start there): make most of them odd
    if (/^(div|rem)/.test(op) && !b.startsWith(`(${t}.const`) && rng.chance(0.85)) b = `(${t}.or ${b} (${t}.const 1))`;
    return { s: `(${t}.${op} ${a} ${b})`, nd: false };
  }

  rightConst(t: T, op: string): string {
    const rng = this.rng;
    if (/^(shl|shr|rot)/.test(op)) {
      const k = rng.pick([0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, -1, 127]);
      return `(${t}.const ${k})`;
    }
    if (/^(div|rem)/.test(op) && rng.chance(0.7)) {
      const ds = t === 'i32'
        ? [1, -1, 2, 3, 4, 5, 7, 8, 10, 16, 100, 1000, 641, -3, -8, 0x40000000, -0x80000000, 0x7fffffff, 6700417]
        : [1, -1, 2, 3, 7, 10, -3, 1000000007, 65535, 65536, 65537, 0x7fffffff, 0x80000000, 0xffffffff, -0x80000000, -0x80000001, 0x100000000, 0x100000001, '0x7fffffffffffffff', '-0x8000000000000000'];
      const d = rng.chance(0.02) ? 0 : rng.pick(ds);
      return `(${t}.const ${d})`;
    }
    return intConst(rng, t as 'i32' | 'i64');
  }

  unary(t: T, depth: number): E {
    const rng = this.rng;
    if (isFloat(t)) {
      const op = rng.pick(FLOAT_UN);
      const a = this.expr(t, depth - 1);
      return { s: `(${t}.${op} ${a.s})`, nd: op === 'abs' || op === 'neg' ? a.nd : true };
    }
    const ops = t === 'i32' ? ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'] : ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'];
    return { s: `(${t}.${rng.pick(ops)} ${this.expr(t, depth - 1).s})`, nd: false };
  }

  convert(t: T, depth: number): E {
    const rng = this.rng;
    const sat = rng.chance(0.8) ? '_sat' : '';
    const su = rng.pick(['s', 'u']);
    switch (t) {
      case 'i32': {
        const r = rng.int(4);
        if (r === 0) return { s: `(i32.wrap_i64 ${this.expr('i64', depth - 1).s})`, nd: false };
        if (r === 1) return { s: `(i32.reinterpret_f32 ${this.value('f32', depth - 1)})`, nd: false };
        const f = rng.pick(['f32', 'f64'] as const);
        return { s: `(i32.trunc${sat}_${f}_${su} ${this.expr(f, depth - 1).s})`, nd: false };
      }
      case 'i64': {
        const r = rng.int(4);
        if (r === 0) return { s: `(i64.extend_i32_${su} ${this.expr('i32', depth - 1).s})`, nd: false };
        if (r === 1) return { s: `(i64.reinterpret_f64 ${this.value('f64', depth - 1)})`, nd: false };
        const f = rng.pick(['f32', 'f64'] as const);
        return { s: `(i64.trunc${sat}_${f}_${su} ${this.expr(f, depth - 1).s})`, nd: false };
      }
      default: {
        const other = t === 'f32' ? 'f64' : 'f32';
        const r = rng.int(4);
        if (r === 0) return { s: `(${t}.${t === 'f32' ? 'demote' : 'promote'}_${other} ${this.expr(other, depth - 1).s})`, nd: true };
        if (r === 1) return { s: `(${t}.reinterpret_${intOf(t)} ${this.expr(intOf(t), depth - 1).s})`, nd: false };
        const i = rng.pick(['i32', 'i64'] as const);
        return { s: `(${t}.convert_${i}_${su} ${this.expr(i, depth - 1).s})`, nd: false };
      }
    }
  }

  compare(depth: number): string {
    const rng = this.rng;
    const t = rng.pick(TYPES);
    if (!isFloat(t) && rng.chance(0.15)) return `(${t}.eqz ${this.expr(t, depth - 1).s})`;
    const op = rng.pick(isFloat(t) ? FLOAT_CMP : INT_CMP);
    const b = !isFloat(t) && rng.chance(0.4) ? intConst(rng, t as 'i32' | 'i64') : this.expr(t, depth - 1).s;
    return `(${t}.${op} ${this.expr(t, depth - 1).s} ${b})`;
  }

  /** An i32 condition, mostly a comparison so that compare-and-branch forms appear. */
  cond(depth: number): string {
    return this.rng.chance(0.7) ? this.compare(Math.max(depth, 1)) : this.expr('i32', depth).s;
  }

  select(t: T, depth: number): E {
    const a = this.expr(t, depth - 1);
    const b = this.expr(t, depth - 1);
    const typed = this.rng.chance(0.5) ? ` (result ${t})` : '';
    return { s: `(select${typed} ${a.s} ${b.s} ${this.cond(depth - 1)})`, nd: a.nd || b.nd };
  }

  /** A block yielding t, left early by a value-carrying br_if. */
  blockExpr(t: T, depth: number): string {
    const l = this.label('v');
    const first = this.value(t, depth - 1);
    const inner = this.rng.chance(0.5) ? this.stmts(1) : '';
    return `(block ${l} (result ${t}) (drop (br_if ${l} ${first} ${this.cond(depth - 1)})) ${inner} ${this.value(t, depth - 1)})`;
  }

  memarg(width: number): string {
    const rng = this.rng;
    const r = rng.int(100);
    let s = '';
    if (r < 17) s = ` offset=${rng.range(1, 40)}`;
    else if (r < 18) s = ` offset=${rng.pick([65528, 65532, 65535, 65536, 131070, 0x7fffffff, 0xffffffff, 0xfffffffc])}`;
    if (rng.chance(0.2)) s += ` align=${rng.pick([1, 2, 4, 8].filter((a) => a <= width))}`;
    return s;
  }

  /**
   * An address: mostly inside the first page (so programs run on), sometimes
   * wrapping at 2^32 back into it, rarely at or past the end of memory.
   */
  address(width: number, depth: number): string {
    const rng = this.rng;
    const x = this.extras;
    // the pages past the first, which exist from the start or after a memory.grow (or not: a trap)
    if (x && x.pages > 1 && rng.chance(x.minPages > 1 ? 0.06 : 0.02)) return `(i32.const ${rng.range(1, x.minPages > 1 && rng.chance(0.8) ? x.minPages - 1 : x.pages - 1) * 65536 + rng.pick([0, 8, 1000, 65536 - width, rng.range(0, 65536 - width)])})`;
    const r = rng.int(100);
    if (r < 40) return `(i32.const ${rng.range(0, 1024)})`;
    if (r < 62) return `(i32.and ${this.expr('i32', depth - 1).s} (i32.const ${rng.pick([0xff, 0x3ff, 0xff8, 0xfffc - width, 0x7ff0])}))`;
    const counters = this.locals.filter((l) => l.name.startsWith('$c') && l.type === 'i32');
    if (r < 80 && counters.length) {
      const c = rng.pick(counters).name;
      const scaled = rng.chance(0.5) ? `(i32.shl (local.get ${c}) (i32.const ${rng.range(0, 3)}))` : `(local.get ${c})`;
      return rng.chance(0.7) ? `(i32.add ${scaled} (i32.const ${rng.pick([0, 4, 8, 100, 1000, 65000])}))` : scaled;
    }
    if (r < 95) {
      // a base in [-256, -1] plus a constant: the sum wraps at 2^32 into [k - 256, k)
      const ls = this.readable('i32');
      const x = ls.length && rng.chance(0.7) ? `(local.get ${rng.pick(ls).name})` : this.expr('i32', depth - 1).s;
      return `(i32.add (i32.or (i32.and ${x} (i32.const 255)) (i32.const -256)) (i32.const ${rng.pick([256, 260, 512, 1000, 4096])}))`;
    }
    if (r < 97) {
      const k = rng.pick([65536 - width, 65536 - width + 1, 65535, 65536, 131072 - width, 131072, 196608 - width, -1, -width, -4]);
      return `(i32.const ${k | 0})`;
    }
    const ls = this.readable('i32');
    const base = ls.length && rng.chance(0.7) ? `(local.get ${rng.pick(ls).name})` : this.expr('i32', depth - 1).s;
    return `(i32.add ${base} (i32.const ${rng.pick([0, 1, 4, 8, 16, 255, 1024, 65535, -1, -4, -8, 0x7fffffff, -0x80000000])}))`;
  }

  load(t: T, depth: number): string {
    const [op, width] = this.rng.pick(LOADS[t]);
    return `(${op}${this.memarg(width)} ${this.address(width, depth)})`;
  }

  /** Direct and indirect calls may only go to higher-indexed functions whose cost fits the remaining budget. */
  callees(pred: (f: FuncInfo) => boolean): number[] {
    const out: number[] = [];
    for (let j = this.index + 1; j < this.funcs.length; j++) {
      const f = this.funcs[j]!;
      if (pred(f) && this.cost + this.mult * (f.cost + 1) <= COST_CAP) out.push(j);
    }
    return out;
  }

  charge(j: number): void {
    this.cost += this.mult * (this.funcs[j]!.cost + 1);
  }

  args(sig: Sig, depth: number): string {
    return sig.params.map((p) => this.value(p, depth - 1)).join(' ');
  }

  /** A direct or indirect call of a function with the given results, or undefined if none fits. */
  call(results: (f: FuncInfo) => boolean, depth: number): { s: string; sig: Sig } | undefined {
    const h = this.host;
    if (h && this.rng.chance(h.chance) && results({ sig: h.sig, typeName: h.typeName, cost: 0 })) {
      this.cost += this.mult;
      const args = this.args(h.sig, depth);
      // the host function sits in the table right after the wasm functions
      if (this.rng.chance(0.7)) return { s: `(call $h ${args})`, sig: h.sig };
      return { s: `(call_indirect (type ${h.typeName}) ${args} (i32.const ${this.funcs.length}))`, sig: h.sig };
    }
    const js = this.callees(results);
    if (!js.length) return undefined;
    const j = this.rng.pick(js);
    const f = this.funcs[j]!;
    if (this.rng.chance(0.6)) {
      this.charge(j);
      return { s: `(call $f${j} ${this.args(f.sig, depth)})`, sig: f.sig };
    }
    return { s: this.callIndirect(j, depth), sig: f.sig };
  }

  callIndirect(j: number, depth: number): string {
    const rng = this.rng;
    const f = this.funcs[j]!;
    const r = rng.int(100);
    let index: string;
    let worst = j;
    if (r < 50) index = `(i32.const ${j})`;
    else if (r < 70) {
      // the neighbour may have another type (a signature trap), be a null slot, or lie past the table
      index = `(i32.add (i32.const ${j}) (i32.and ${this.expr('i32', depth - 1).s} (i32.const 1)))`;
      if (j + 1 < this.funcs.length && this.funcs[j + 1]!.cost > f.cost) worst = j + 1;
    } else if (r < 85) {
      const others = this.callees(() => true);
      const k = rng.pick(others.length ? others : [j]);
      index = `(select (i32.const ${j}) (i32.const ${k}) ${this.cond(depth - 1)})`;
      if (this.funcs[k]!.cost > this.funcs[worst]!.cost) worst = k;
    } else if (r < 92) index = `(i32.const ${rng.pick([this.funcs.length, this.funcs.length + 1])})`;
    else index = `(i32.const ${rng.pick([this.tableSize, this.tableSize + 5, -1, 0x7fffffff])})`;
    this.charge(worst);
    return `(call_indirect (type ${f.typeName}) ${this.args(f.sig, depth)} ${index})`;
  }

  callExpr(t: T, depth: number): string | undefined {
    return this.call((f) => f.sig.results.length === 1 && f.sig.results[0] === t, depth)?.s;
  }

  // ---- statements

  stmts(max: number): string {
    const n = this.rng.range(1, max);
    const out: string[] = [];
    for (let i = 0; i < n && this.size < this.opts.maxSize; i++) out.push(this.stmt());
    return out.join('\n');
  }

  depth(): number {
    return this.rng.range(1, 4);
  }

  stmt(): string {
    this.size++;
    this.cost += this.mult;
    const rng = this.rng;
    const r = rng.int(100);
    const nested = this.nest < 3;
    if (this.extras && rng.chance(0.05)) return this.extraStmt();
    if (rng.chance(0.2)) {
      const idiom = this.idiom();
      if (idiom) return idiom;
    }
    if (r < 22) {
      const l = rng.pick(this.locals.filter((x) => x.writable));
      return `(local.set ${l.name} ${this.value(l.type, this.depth())})`;
    }
    if (r < 36) return this.store();
    if (r < 42) {
      const gs = this.globals.filter((g) => g.mutable);
      if (gs.length) {
        const g = rng.pick(gs);
        return `(global.set ${g.name} ${this.value(g.type, this.depth())})`;
      }
    }
    if (r < 50 && nested) {
      const l = this.label('i');
      return this.nested(() => `(if ${l} ${this.cond(this.depth())}\n(then ${this.scoped(l, 3)})\n(else ${this.scoped(l, 2)}))`);
    }
    if (r < 56 && nested) return this.nested(() => this.block());
    if (r < 64 && nested && this.loopDepth < 2) return this.nested(() => this.loop());
    if (r < 67 && nested) return this.nested(() => this.brTable());
    if (r < 75) return this.callStmt();
    if (r < 79) return `(drop ${this.expr(rng.pick(TYPES), this.depth()).s})`;
    if (r < 84) return this.bulk();
    if (r < 87) return this.earlyReturn();
    if (r < 92 && this.labels.length) return `(br_if ${rng.pick(this.labels)} ${this.cond(this.depth())})`;
    if (r < 93 && rng.chance(0.3)) return `(if (i32.eq ${this.expr('i32', 2).s} (i32.const ${rng.range(0, 3)})) (then (unreachable)))`;
    if (r < 95) return `(drop (memory.grow ${this.growDelta()}))`;
    if (r < 98) return this.multiValue();
    if (r < 100 && rng.chance(0.5)) return this.tableSet() ?? this.bulk();
    const l = rng.pick(this.locals.filter((x) => x.writable));
    return `(local.set ${l.name} ${this.value(l.type, this.depth())})`;
  }

  nested(f: () => string): string {
    this.nest++;
    try {
      return f();
    } finally {
      this.nest--;
    }
  }

  /** Statements inside a construct whose label random branches may target. */
  scoped(label: string, max: number): string {
    this.labels.push(label);
    try {
      return this.stmts(max);
    } finally {
      this.labels.pop();
    }
  }

  block(): string {
    const l = this.label('b');
    return `(block ${l}\n${this.scoped(l, 4)})`;
  }

  store(): string {
    const t = this.rng.pick(TYPES);
    const [op, width] = this.rng.pick(STORES[t]);
    const d = this.depth();
    return `(${op}${this.memarg(width)} ${this.address(width, d)} ${this.value(t, d)})`;
  }

  bulk(): string {
    const rng = this.rng;
    const len = rng.chance(0.92) ? `(i32.const ${rng.range(0, 40)})` : rng.chance(0.5) ? `(i32.const ${rng.pick([64, 100, 1000, 65536, 70000, -1])})` : `(i32.and ${this.expr('i32', 2).s} (i32.const 63))`;
    const dst = this.address(1, 2);
    if (rng.chance(0.2)) {
      // overlapping, or running off the end of memory (which must write nothing)
      const at = rng.chance(0.7) ? rng.range(0, 200) : 65536 * rng.range(1, 3) - rng.range(1, 30);
      const d = rng.range(-12, 12);
      const n = rng.range(0, 40);
      if (rng.chance(0.3)) return `(memory.fill (i32.const ${at}) ${this.expr('i32', 2).s} (i32.const ${n}))`;
      return `(memory.copy (i32.const ${Math.max(0, at + d)}) (i32.const ${at}) (i32.const ${n}))`;
    }
    if (rng.chance(0.5)) return `(memory.fill ${dst} ${this.expr('i32', 2).s} ${len})`;
    return `(memory.copy ${dst} ${this.address(1, 2)} ${len})`;
  }

  earlyReturn(): string {
    if (this.rng.chance(0.5)) {
      // a tail call instead: of a function (or the host function, directly or through the table) with the same results
      const results = this.sig.results;
      const call = this.call((f) => f.sig.results.length === results.length && f.sig.results.every((t, i) => t === results[i]), this.depth());
      if (call) return `(if ${this.cond(2)} (then ${call.s.replace(/^\((call_indirect|call) /, '(return_$1 ')}))`;
    }
    const vals = this.sig.results.map((t) => this.value(t, this.depth())).join(' ');
    return `(if ${this.cond(2)} (then (return ${vals})))`;
  }

  /** An i32 local set to a small address (of the pointer-holding first data segment, mostly). */
  pointer(): { name: string; set: string } {
    const ls = this.writable('i32');
    const name = ls.length ? this.rng.pick(ls).name : '$ptr';
    if (!ls.length) this.addLocal('$ptr', 'i32', true);
    return { name, set: `(local.set ${name} (i32.const ${this.rng.range(0, 19) * 4}))` };
  }

  /** A local.get of type t, or a constant where the function has no such local. */
  get(t: T): string {
    const ls = this.readable(t);
    return ls.length ? `(local.get ${this.rng.pick(ls).name})` : constOf(this.rng, t);
  }

  /**
   * Shapes compiled C is made of (i++, hashes, xorshift, indexed access, copies),
   * with locals for operands, where the interpreter's fused instructions apply.
   */
  idiom(): string | undefined {
    const rng = this.rng;
    const it = rng.pick(this.writable('i32').concat(this.writable('i64')));
    if (!it) return undefined;
    const x = it.name;
    const t = it.type;
    const k = () => (t === 'i32' ? rng.pick([1, -1, 4, 8, 13, 17, 0x7fffffff]) : rng.pick([1, -1, 8, 13, 0x100000000]));
    switch (rng.int(16)) {
      case 0:
        return `(local.set ${x} (${t}.add (local.get ${x}) (${t}.const ${k()})))`;
      case 1:
        return `(local.set ${x} (${t}.mul (${t}.xor (local.get ${x}) (${t}.load8_u ${this.address(1, 2)})) (${t}.const ${t === 'i32' ? 16777619 : 1099511628211})))`;
      case 2: {
        const sh = rng.pick(['shl', 'shr_u']);
        return `(local.set ${x} (${t}.xor (local.get ${x}) (${t}.${sh} (local.get ${x}) (${t}.const ${rng.pick([7, 9, 13, 17, 25, 27, 31, 32, 33])}))))`;
      }
      case 3:
        return `(local.set ${x} (${t}.rotl (${t}.xor ${this.get(t)} ${this.get(t)}) (${t}.const ${rng.range(0, 70)})))`;
      case 4: {
        // p[i] with p a small pointer local and i a counter or local
        const [, w] = rng.pick(t === 'i32' ? LOADS.i32 : LOADS.i64);
        const shift = w === 8 ? 3 : w === 4 ? 2 : w === 2 ? 1 : 0;
        const base = rng.range(0, 512);
        const idx = this.get('i32');
        const scaled = `(i32.shl (i32.and ${idx} (i32.const 63)) (i32.const ${shift}))`;
        const addr = rng.chance(0.7) ? `(i32.add (local.get ${x}) ${scaled})` : scaled;
        if (t !== 'i32') return `(local.set ${x} (i64.load (i32.and (i32.add (i32.const ${base}) (i32.shl (i32.and ${idx} (i32.const 63)) (i32.const 3))) (i32.const 0xfff8))))`;
        const store = rng.chance(0.5);
        return `(local.set ${x} (i32.const ${base}))\n${store ? `(i32.store ${addr} ${this.get('i32')})` : `(local.set ${x} (i32.load ${addr}))`}`;
      }
      case 5: {
        const same = this.writable(t);
        const a = rng.pick(same).name;
        const b = rng.pick(same).name;
        return `(local.set ${x} ${this.get(t)})\n(local.set ${a} ${this.get(t)})\n(local.set ${b} (local.get ${x}))`;
      }
      case 6:
        return `(local.set ${x} (${t}.add (${t}.mul ${this.get(t)} (${t}.const ${k()})) (${t}.const ${k()})))`;
      case 7:
        // pointer chasing: the first data segment holds small words
        return `(local.set ${x} (${t}.load (i32.and (i32.load offset=${rng.pick([0, 4, 8])} (i32.const ${rng.range(0, 15) * 4})) (i32.const 0x3f8))))`;
      case 8: {
        const j = this.callees((f) => f.sig.params[0] === 'i32');
        if (!j.length) return undefined;
        const f = rng.pick(j);
        this.charge(f);
        const args = this.funcs[f]!.sig.params.map((p, i) => (i === 0 ? `(i32.add ${this.get('i32')} (i32.const ${rng.pick([1, -1, 4, 16])}))` : this.get(p)));
        const sinks = [...this.funcs[f]!.sig.results].reverse().map(() => '(drop)');
        return `(call $f${f} ${args.join(' ')}) ${sinks.join(' ')}`;
      }
      case 9:
        return `(local.set ${x} (${t}.load (i32.add ${this.get('i32')} ${this.get('i32')})))`;
      case 11: {
        // multiply-add: in a float, what C's a * b + c compiles to
        const ft = rng.pick(['f64', 'f32', t] as const);
        const fl = this.writable(ft);
        if (!fl.length) return undefined;
        const e = { s: `(${ft}.add (${ft}.mul ${this.get(ft)} ${this.get(ft)}) ${this.get(ft)})`, nd: isFloat(ft) };
        return `(local.set ${rng.pick(fl).name} ${this.canon(ft, e)})`;
      }
      case 12:
        return `(local.set ${x} (${t}.xor (${t}.add ${this.get(t)} ${this.get(t)}) ${this.get(t)}))`;
      case 13: {
        // two loads through pointer locals, as in a struct's fields summed
        const [p, q] = [this.pointer(), this.pointer()];
        return `${p.set}\n${q.set}\n(local.set ${x} (${t}.add (${t}.load offset=${rng.pick([0, 4, 8])} (local.get ${p.name})) (${t}.load offset=${rng.pick([0, 8, 16])} (local.get ${q.name}))))`;
      }
      case 14: {
        const p = this.pointer();
        return `${p.set}\n(local.set ${x} (${t}.load (i32.load offset=${rng.pick([0, 4])} (local.get ${p.name}))))`;
      }
      case 15: {
        // a word copied from one pointer to another
        const [p, q] = [this.pointer(), this.pointer()];
        return `${p.set}\n${q.set}\n(${t}.store offset=${rng.pick([0, 4, 8, 100])} (local.get ${p.name}) (${t}.load (local.get ${q.name})))`;
      }
      default: {
        const results = this.sig.results;
        if (results.length !== 1) return undefined;
        const r = results[0]!;
        const ct = rng.pick(['i32', 'i64'] as const);
        const op = rng.pick(INT_CMP);
        const cmp = `(${ct}.${op} ${this.get(ct)} ${rng.chance(0.5) ? this.get(ct) : intConst(rng, ct)})`;
        if (rng.chance(0.5)) return `(if ${cmp} (then (return (select ${this.get(r)} ${this.get(r)} ${cmp}))))`;
        return `(if ${cmp} (then (return ${this.get(r)})) (else (return ${isFloat(r) ? this.get(r) : `(${r}.add ${this.get(r)} ${this.get(r)})`})))`;
      }
    }
  }

  /**
   * Replaces a table slot the element segment filled, so a call_indirect
   * specialised to the segment's contents must notice. Slot k only ever holds
   * function m >= k, so the call graph stays acyclic; a callee of the same
   * type is preferred (the call then succeeds, reaching another function).
   */
  tableSet(): string | undefined {
    const rng = this.rng;
    const slots = this.callees(() => true);
    if (!slots.length) return undefined;
    const k = rng.pick(slots);
    if (rng.chance(0.1)) return `(table.set (i32.const ${k}) (ref.null func))`;
    const later = this.callees(() => true).filter((m) => m >= k && this.funcs[m]!.cost <= this.funcs[k]!.cost * 2 + 20);
    const same = later.filter((m) => this.funcs[m]!.typeName === this.funcs[k]!.typeName);
    const m = rng.pick(same.length && rng.chance(0.8) ? same : later.length ? later : [k]);
    return `(table.set (i32.const ${k}) (ref.func $f${m}))`;
  }

  /** A block or if yielding several values (sometimes by a br_if carrying them all), stored to locals. */
  multiValue(): string {
    const rng = this.rng;
    const ts = Array.from({ length: rng.range(2, 3) }, () => rng.pick(TYPES));
    const vals = () => ts.map((t) => this.value(t, 2)).join(' ');
    const res = `(result ${ts.join(' ')})`;
    let e: string;
    if (rng.chance(0.5)) {
      const l = this.label('m');
      e = `(block ${l} ${res} (br_if ${l} ${vals()} ${this.cond(2)}) ${ts.map(() => '(drop)').join(' ')} ${vals()})`;
    } else e = `(if ${res} ${this.cond(2)} (then ${vals()}) (else ${vals()}))`;
    const sinks = [...ts].reverse().map((t) => {
      const ls = this.writable(t);
      return ls.length && rng.chance(0.8) ? `(local.set ${rng.pick(ls).name})` : '(drop)';
    });
    return `${e} ${sinks.join(' ')}`;
  }

  /** A call whose results (any number) go to locals or are dropped. */
  callStmt(): string {
    const call = this.call(() => true, this.depth());
    if (!call) return `(drop ${this.expr('i64', 2).s})`;
    return `${call.s} ${this.sinks(call.sig)}`;
  }

  /** A call of the host function, its results to locals or dropped. */
  hostCallStmt(): string {
    const h = this.host!;
    this.cost += this.mult;
    return `(call $h ${this.args(h.sig, this.depth())}) ${this.sinks(h.sig)}`;
  }

  /** Where a call's results go: locals of their types, or dropped. */
  sinks(sig: Sig): string {
    return [...sig.results].reverse().map((t) => {
      const ls = this.writable(t);
      return ls.length && this.rng.chance(0.7) ? `(local.set ${this.rng.pick(ls).name})` : '(drop)';
    }).join(' ');
  }

  loop(): string {
    const rng = this.rng;
    const n = rng.range(0, 5);
    const shape = rng.int(6);
    const i64 = shape === 2 || shape === 4;
    const c = this.label('c');
    this.addLocal(c, i64 ? 'i64' : 'i32', false);
    const saved = this.mult;
    this.mult *= Math.max(n, 1) + 1;
    this.loopDepth++;
    const L = this.label('L');
    try {
      switch (shape) {
        case 0: {
          const B = this.label('B');
          const body = this.scoped(B, 4);
          return `(local.set ${c} (i32.const ${n}))
(block ${B} (loop ${L}
(br_if ${B} (i32.eqz (local.get ${c})))
${body}
(local.set ${c} (i32.sub (local.get ${c}) (i32.const 1)))
(br ${L})))`;
        }
        case 1:
          return `(local.set ${c} (i32.const ${Math.max(n, 1)}))
(loop ${L}
${this.stmts(4)}
(br_if ${L} (local.tee ${c} (i32.sub (local.get ${c}) (i32.const 1)))))`;
        case 2:
          return `(local.set ${c} (i64.const 0))
(loop ${L}
${this.stmts(4)}
(br_if ${L} (i64.lt_s (local.tee ${c} (i64.add (local.get ${c}) (i64.const 1))) (i64.const ${n}))))`;
        case 4: {
          // a rotated i64 countdown: the test at the top becomes the back edge
          const B = this.label('B');
          const body = this.scoped(B, 4);
          return `(local.set ${c} (i64.const ${n}))
(block ${B} (loop ${L}
(br_if ${B} (i64.eqz (local.get ${c})))
${body}
(local.set ${c} (i64.add (local.get ${c}) (i64.const -1)))
(br ${L})))`;
        }
        case 5: {
          const B = this.label('B');
          const body = this.scoped(B, 4);
          // exit tests of several kinds, all true once the count reaches n (chosen by n: no extra draw)
          const exit = [`(i32.ge_s (local.get ${c}) (i32.const ${n}))`, `(i32.ge_u (local.get ${c}) (i32.const ${n}))`, `(i32.eq (local.get ${c}) (i32.const ${n}))`, `(i32.le_s (i32.const ${n}) (local.get ${c}))`][n % 4];
          return `(local.set ${c} (i32.const 0))
(block ${B} (loop ${L}
(br_if ${B} ${exit})
${body}
(local.set ${c} (i32.add (local.get ${c}) (i32.const 1)))
(br ${L})))`;
        }
        default:
          return `(local.set ${c} (i32.const 0))
(loop ${L}
${this.stmts(4)}
(local.set ${c} (i32.add (local.get ${c}) (i32.const 1)))
(br_if ${L} (i32.lt_u (local.get ${c}) (i32.const ${n}))))`;
      }
    } finally {
      this.loopDepth--;
      this.mult = saved;
    }
  }

  /** A switch: blocks nested three deep, a br_table innermost, each case's code after the block its label ends. */
  brTable(): string {
    const rng = this.rng;
    const names = [this.label('s'), this.label('s'), this.label('s')];
    const targets = [...names, ...this.labels];
    const list = Array.from({ length: rng.range(0, 5) }, () => rng.pick(targets));
    const idx = rng.chance(0.5) ? `(i32.and ${this.expr('i32', 2).s} (i32.const 3))` : this.expr('i32', 2).s;
    let inner = `(block ${names[2]} (br_table ${list.join(' ')} ${rng.pick(targets)} ${idx}))`;
    for (let i = names.length - 1; i >= 1; i--) {
      const open = names.slice(0, i);
      this.labels.push(...open);
      let body: string;
      try {
        body = this.stmts(2);
      } finally {
        this.labels.length -= open.length;
      }
      inner = `(block ${names[i - 1]}\n${inner}\n${body})`;
    }
    return inner;
  }
}

export function generate(seed: number, opts: Partial<Options> = {}): Program {
  const o: Options = { maxFuncs: opts.maxFuncs ?? 5, maxSize: opts.maxSize ?? 120, rawNaNs: opts.rawNaNs ?? false };
  const rng = new Rng(seed);
  const nFuncs = rng.range(1, o.maxFuncs);
  const sigs = Array.from({ length: nFuncs }, (_, i) => randomSig(rng, i === 0 ? 1 : 0, i === 0 ? 1 : 0));
  const hostSig = rng.chance(0.4) ? randomSig(rng, 0, 0) : undefined;
  // the function the host function may call back (programs without a host function draw nothing here)
  const reenter = hostSig && rng.chance(0.6) ? rng.int(nFuncs) : undefined;
  const types = new Map<string, string>();
  for (const s of hostSig ? [...sigs, hostSig] : sigs) if (!types.has(sigKey(s))) types.set(sigKey(s), `$t${types.size}`);
  const leafSig: Sig = { params: ['i32'], results: ['i32'] };
  if (!types.has(sigKey(leafSig))) types.set(sigKey(leafSig), `$t${types.size}`);
  const funcs: FuncInfo[] = sigs.map((sig) => ({ sig, typeName: types.get(sigKey(sig))!, cost: 0 }));
  const globals = Array.from({ length: rng.range(1, 5) }, (_, i) => ({ name: `$g${i}`, type: rng.pick(TYPES), mutable: rng.chance(0.8) }));
  const minPages = rng.chance(0.6) ? 1 : rng.range(2, 5);
  const extras: Extras = {
    leafType: types.get(sigKey(leafSig))!,
    leaves: rng.range(1, 3),
    tbMin: 0,
    tbMax: rng.range(4, 10),
    teMin: rng.range(1, 3),
    minPages,
    pages: minPages + rng.range(0, 5),
    passive: Array.from({ length: rng.range(0, 2) }, () => rng.range(1, 40)),
    elemSegs: Array.from({ length: rng.range(0, 2) }, () => rng.range(1, 4)),
  };
  extras.tbMin = rng.range(extras.leaves, 4);
  const deep = rng.chance(0.12) ? { indirect: rng.chance(0.5), limit: rng.pick(DEEP_LIMITS) } : undefined;
  // slot nFuncs + 1 stays null; the deep recursion's own slot comes after it
  const tableSize = nFuncs + (deep ? 3 : 2);

  // callees first, so each caller knows what its calls cost
  const bodies: string[] = new Array(nFuncs);
  const rec = rng.chance(0.15) ? recursive(rng, funcs, globals, types, tableSize, o) : undefined;
  for (let i = nFuncs - 1; i >= 0; i--) {
    const g = new FuncGen(rng, i, sigs[i]!, funcs, globals, types, tableSize, o);
    if (hostSig) g.host = { sig: hostSig, typeName: types.get(sigKey(hostSig))!, chance: reenter !== undefined ? 0.4 : 0.15 };
    g.extras = extras;
    let body = g.stmts(12);
    if (i === 0 && rec) body = `${rec.call(g)}\n${body}`;
    if (i === 0 && deep) body = `${deepCall(rng, g, deep.limit)}\n${body}`;
    // so that re-entry happens at all: most host calls sit in code that a run does not reach
    if (i === 0 && reenter !== undefined) body = `${g.hostCallStmt()}\n${body}`;
    const results = sigs[i]!.results.map((t) => g.value(t, g.depth())).join('\n');
    funcs[i]!.cost = g.cost;
    const params = sigs[i]!.params.map((t, k) => `(param $p${k} ${t})`).join(' ');
    const res = sigs[i]!.results.length ? `(result ${sigs[i]!.results.join(' ')})` : '';
    bodies[i] = `(func $f${i} (type ${funcs[i]!.typeName}) ${params} ${res}\n${g.decls.join(' ')}\n${body}\n${results})`;
  }

  const entry = sigs[0]!;
  const lines: string[] = ['(module'];
  for (const [key, name] of types) {
    const [p, r] = key.split('>') as [string, string];
    lines.push(`(type ${name} (func${sigText({ params: p ? (p.split(',') as T[]) : [], results: r ? (r.split(',') as T[]) : [] })}))`);
  }
  if (hostSig) lines.push(`(import "env" "h" (func $h (type ${types.get(sigKey(hostSig))})))`);
  lines.push(`(memory (export "mem") ${minPages} ${extras.pages})`);
  lines.push(`(table ${tableSize} funcref)`);
  lines.push(`(elem (i32.const 0) func ${funcs.map((_, i) => `$f${i}`).join(' ')}${hostSig ? ' $h' : ''})`);
  if (deep) lines.push(`(elem (i32.const ${nFuncs + 2}) func $deep)`);
  const tbMin = extras.tbMin;
  lines.push(`(table $tb ${tbMin} ${extras.tbMax} funcref)`);
  lines.push(`(elem (table $tb) (i32.const 0) func ${Array.from({ length: extras.leaves }, (_, k) => `$leaf${k}`).join(' ')})`);
  lines.push(`(table $te ${extras.teMin} ${extras.teMin + rng.range(0, 3)} externref)`);
  for (const g of globals) lines.push(`(global ${g.name} ${g.mutable ? `(mut ${g.type})` : g.type} ${constOf(rng, g.type)})`);
  lines.push(pointerSegment(rng), dataSegment(rng, rng.range(80, 65000)));
  extras.passive.forEach((len, k) => lines.push(`(data $d${k} "${randomBytes(rng, len)}")`));
  extras.elemSegs.forEach((len, k) => {
    const items = Array.from({ length: len }, () => (rng.chance(0.8) ? `(ref.func $leaf${rng.int(extras.leaves)})` : '(ref.null func)'));
    lines.push(`(elem $e${k} funcref ${items.join(' ')})`);
  });
  lines.push(...bodies);
  if (rec) lines.push(rec.text);
  for (let k = 0; k < extras.leaves; k++) lines.push(`(func $leaf${k} (type ${extras.leafType}) (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const ${rng.range(2, 99)})) (i32.const ${k + 1})))`);
  if (deep) lines.push(deepFunc(rng, extras.leafType, deep.indirect, nFuncs + 2));
  lines.push(runWrapper(entry));
  lines.push(dumpFunc(globals.filter((g) => g.mutable), extras.leafType));
  lines.push(')');
  const args = Array.from({ length: 3 }, () => entry.params.map((t) => argBits(rng, t)));
  if (reenter !== undefined) lines.splice(lines.length - 1, 0, `(export "r" (func $f${reenter}))`);
  return {
    text: lines.join('\n'), entry, args,
    ...(hostSig ? { host: hostSig } : {}),
    ...(reenter !== undefined ? { reenter: sigs[reenter]! } : {}),
    ...(deep ? { maxCallDepth: deep.limit } : {}),
  };
}

/**
 * Call depth limits our modes get in programs with deep recursion, far below
 * the host's, so only our modes are compared there: one the JS tier reaches
 * itself, one past its own depth (JS_DEPTH_LIMIT, 1000), where calls go on in
 * the interpreter's frames.
 */
const DEEP_LIMITS = [300, 1100];

/**
 * Recursion to a depth from the entry's argument or around the limit, directly
 * or through table 0 (where table.copy may have put a leaf instead, ending it).
 */
function deepFunc(rng: Rng, type: string, indirect: boolean, slot: number): string {
  const next = '(i32.sub (local.get $n) (i32.const 1))';
  const self = indirect ? `(call_indirect (type ${type}) ${next} (i32.const ${slot}))` : `(call $deep ${next})`;
  return `(func $deep (type ${type}) (param $n i32) (result i32) (local $a i64) (local $b f64)
(local.set $a (i64.extend_i32_s (local.get $n)))
(if (result i32) (i32.le_s (local.get $n) (i32.const 0))
(then (i32.const ${rng.range(1, 9)}))
(else (i32.add (i32.mul ${self} (i32.const 3)) (i32.wrap_i64 (local.get $a))))))`;
}

/** A call of the deep recursion: `run`, the entry and n + 1 levels make n + 3 frames, so depths near limit - 3 find off-by-ones. */
function deepCall(rng: Rng, g: FuncGen, limit: number): string {
  const p0 = g.sig.params[0] === 'i32' && rng.chance(0.4);
  const near = limit - 3 + rng.range(-4, 2);
  const n = p0 ? `(i32.and (local.get $p0) (i32.const ${limit > 1000 ? 2047 : 511}))` : `(i32.const ${rng.chance(0.7) ? near : rng.pick([5, 150, limit * 2])})`;
  const ls = g.writable('i32');
  return ls.length ? `(local.set ${rng.pick(ls).name} (call $deep ${n}))` : `(drop (call $deep ${n}))`;
}

function randomBytes(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `\\${rng.int(256).toString(16).padStart(2, '0')}`;
  return s;
}

/**
 * A leaf function that calls itself first, its first parameter counting the
 * depth down: the entry calls it once, sometimes deeper than the JS tier's
 * own call depth (1000), where the interpreter's frame stack takes over.
 */
function recursive(rng: Rng, funcs: FuncInfo[], globals: { name: string; type: T; mutable: boolean }[], types: Map<string, string>, tableSize: number, o: Options) {
  const sig: Sig = { params: ['i32', ...Array.from({ length: rng.range(0, 2) }, () => rng.pick(TYPES))], results: Array.from({ length: rng.range(0, 2) }, () => rng.pick(TYPES)) };
  const g = new FuncGen(rng, funcs.length, sig, funcs, globals, types, tableSize, { ...o, maxSize: 40 });
  g.loopDepth = 2; // no loops: the body runs once per level
  const sinks = (f: FuncGen) =>
    [...sig.results].reverse().map((t) => {
      const ls = f.writable(t);
      return ls.length && rng.chance(0.7) ? `(local.set ${rng.pick(ls).name})` : '(drop)';
    }).join(' ');
  const args = (f: FuncGen, first: string) => [first, ...sig.params.slice(1).map((t) => f.value(t, 2))].join(' ');
  const down = args(g, '(i32.sub (local.get $p0) (i32.const 1))');
  // sometimes a tail call: the level then ends there, its locals zeroed and its parameters replaced
  const self = rng.chance(0.3)
    ? `(if (i32.gt_s (local.get $p0) (i32.const 0)) (then (return_call $rec ${down})))`
    : `(if (i32.gt_s (local.get $p0) (i32.const 0)) (then (call $rec ${down}) ${sinks(g)}))`;
  const body = g.stmts(4);
  const results = sig.results.map((t) => g.value(t, 2)).join('\n');
  const params = sig.params.map((t, k) => `(param $p${k} ${t})`).join(' ');
  const res = sig.results.length ? `(result ${sig.results.join(' ')})` : '';
  return {
    text: `(func $rec ${params} ${res}\n${g.decls.join(' ')}\n${self}\n${body}\n${results})`,
    call: (f: FuncGen) => `(call $rec ${args(f, `(i32.const ${rng.pick([0, 3, 40, 999, 1000, 1001, 1100, 1500])})`)}) ${sinks(f)}`,
  };
}

/** Words that are small addresses, so loads of loads (pointer chasing) mostly stay in bounds. */
function pointerSegment(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 20; i++) {
    const w = rng.chance(0.9) ? rng.range(0, 255) * 4 : rng.u32();
    for (let b = 0; b < 4; b++) s += `\\${((w >>> (8 * b)) & 255).toString(16).padStart(2, '0')}`;
  }
  return `(data (i32.const 0) "${s}")`;
}

function dataSegment(rng: Rng, at: number): string {
  const n = rng.range(8, 64);
  let s = '';
  for (let i = 0; i < n; i++) s += `\\${rng.int(256).toString(16).padStart(2, '0')}`;
  return `(data (i32.const ${at}) "${s}")`;
}

/** `run` takes and returns the entry's values as integer bits, so no NaN crosses the JS boundary as a number. */
function runWrapper(sig: Sig): string {
  const params = sig.params.map((t, i) => `(param $a${i} ${intOf(t)})`).join(' ');
  const args = sig.params.map((t, i) => (isFloat(t) ? `(${t}.reinterpret_${intOf(t)} (local.get $a${i}))` : `(local.get $a${i})`)).join(' ');
  const locals = sig.results.map((t, i) => `(local $r${i} ${t})`).join(' ');
  const sets = sig.results.map((_, i) => `(local.set $r${sig.results.length - 1 - i})`).join(' ');
  const gets = sig.results.map((t, i) => (isFloat(t) ? `(${intOf(t)}.reinterpret_${t} (local.get $r${i}))` : `(local.get $r${i})`)).join(' ');
  return `(func (export "run") ${params} (result ${sig.results.map(intOf).join(' ')}) ${locals}\n(call $f0 ${args}) ${sets}\n${gets})`;
}

/** The mutable globals, then the second table's contents folded into a number (a leaf's result tells which leaf), and both tables' sizes. */
function dumpFunc(globals: { name: string; type: T }[], leafType: string): string {
  const vals = globals.map((g) => (isFloat(g.type) ? `(${intOf(g.type)}.reinterpret_${g.type} (global.get ${g.name}))` : `(global.get ${g.name})`));
  const fold = `(block $done (loop $next
(br_if $done (i32.ge_u (local.get $i) (table.size $tb)))
(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))
  (if (result i32) (ref.is_null (table.get $tb (local.get $i))) (then (i32.const 7)) (else (call_indirect $tb (type ${leafType}) (i32.const 1000) (local.get $i))))))
(local.set $i (i32.add (local.get $i) (i32.const 1)))
(br $next)))`;
  const results = [...globals.map((g) => intOf(g.type)), 'i32', 'i32', 'i32', 'i32'];
  return `(func (export "dump") (result ${results.join(' ')}) (local $i i32) (local $acc i32)
${vals.join(' ')}
${fold}
(local.get $acc) (table.size $tb) (table.size $te) (table.size 0))`;
}
