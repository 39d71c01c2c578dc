/**
 * Numeric instructions as JS expression templates over their operands `$0`,
 * `$1` (already normalised: i32 as int32 numbers, f32/f64 as numbers in the
 * encoding of nan-bits.ts). Instructions that read or produce an i64 are in
 * `I64` below: an i64 is a pair of int32 numbers there (low and high word).
 */

/** Operand/result types: i = i32, l = i64, f = f32, d = f64. */
export type NumType = 'i' | 'l' | 'f' | 'd';

export interface NumOp {
  readonly args: readonly NumType[];
  readonly result: NumType;
  readonly js: string;
  /** The template is a JS boolean (a comparison), an i32 0/1 once materialised. */
  readonly bool?: boolean;
  /** May trap or reads state: evaluated at once, in order, into its stack slot. */
  readonly effect?: boolean;
  /**
   * A pure template for a constant second operand `k`, where `k` rules out
   * every trap (integer division), or undefined to keep `js`.
   */
  readonly byConst?: (k: number) => string | undefined;
}

const T: Record<number, NumOp> = {};

function def(op: number, sig: string, js: string, flags = '', byConst?: (k: number) => string | undefined): void {
  const [a, r] = sig.split('>') as [string, string];
  T[op] = { args: [...a] as NumType[], result: r as NumType, js, bool: flags.includes('b') || undefined, effect: flags.includes('t') || undefined, byConst };
}

const cmp = ['===', '!=='];
// i32 comparisons
def(0x45, 'i>i', '$0 === 0', 'b');
def(0x46, 'ii>i', `$0 ${cmp[0]} $1`, 'b');
def(0x47, 'ii>i', `$0 ${cmp[1]} $1`, 'b');
def(0x48, 'ii>i', '$0 < $1', 'b');
def(0x49, 'ii>i', '($0 >>> 0) < ($1 >>> 0)', 'b');
def(0x4a, 'ii>i', '$0 > $1', 'b');
def(0x4b, 'ii>i', '($0 >>> 0) > ($1 >>> 0)', 'b');
def(0x4c, 'ii>i', '$0 <= $1', 'b');
def(0x4d, 'ii>i', '($0 >>> 0) <= ($1 >>> 0)', 'b');
def(0x4e, 'ii>i', '$0 >= $1', 'b');
def(0x4f, 'ii>i', '($0 >>> 0) >= ($1 >>> 0)', 'b');
// float comparisons (the encoding keeps order and NaN-ness)
for (const [base, t] of [[0x5b, 'f'], [0x61, 'd']] as const) {
  ['===', '!==', '<', '>', '<=', '>='].forEach((o, i) => def(base + i, `${t}${t}>i`, `$0 ${o} $1`, 'b'));
}
// i32 arithmetic
def(0x67, 'i>i', 'Math.clz32($0)');
def(0x68, 'i>i', 'H.ctz32($0)');
def(0x69, 'i>i', 'H.popcnt32($0)');
def(0x6a, 'ii>i', '($0 + $1) | 0');
def(0x6b, 'ii>i', '($0 - $1) | 0');
def(0x6c, 'ii>i', 'Math.imul($0, $1)');
// Division by a constant other than 0 (and, signed, -1: -2^31 / -1 overflows)
// cannot trap. The double quotient of int32s never rounds across an integer
// (it stays more than an ulp from one), so truncating it is exact; JS `%`
// takes the dividend's sign, as wasm's rem does, and `| 0` turns -0 into 0.
def(0x6d, 'ii>i', 'H.divS32($0, $1)', 't', (k) => (k === 0 || k === -1 ? undefined : k === 1 ? '$0' : `($0 / ${intLit(k)}) | 0`));
def(0x6e, 'ii>i', 'H.divU32($0, $1)', 't', (k) => divUByConst(k >>> 0));
def(0x6f, 'ii>i', 'H.remS32($0, $1)', 't', (k) => (k === 0 ? undefined : `$0 % ${intLit(k)} | 0`));
def(0x70, 'ii>i', 'H.remU32($0, $1)', 't', (k) => remUByConst(k >>> 0));
def(0x71, 'ii>i', '$0 & $1');
def(0x72, 'ii>i', '$0 | $1');
def(0x73, 'ii>i', '$0 ^ $1');
def(0x74, 'ii>i', '$0 << $1');
def(0x75, 'ii>i', '$0 >> $1');
def(0x76, 'ii>i', '($0 >>> $1) | 0');
def(0x77, 'ii>i', 'H.rotl32($0, $1)');
def(0x78, 'ii>i', 'H.rotr32($0, $1)');
// f32 and f64 arithmetic: f32 results round through Math.fround (exact for + - * / sqrt of f32 operands)
for (const [base, t, r] of [[0x8b, 'f', (e: string) => `Math.fround(${e})`], [0x99, 'd', (e: string) => e]] as const) {
  const u = `${t}>${t}`;
  const b = `${t}${t}>${t}`;
  def(base, u, 'H.fabs($0)');
  def(base + 1, u, 'H.fneg($0)');
  def(base + 2, u, 'H.ceil($0)');
  def(base + 3, u, 'H.floor($0)');
  def(base + 4, u, 'H.trunc($0)');
  def(base + 5, u, 'H.nearest($0)');
  def(base + 6, u, r('Math.sqrt($0)'));
  def(base + 7, b, r('$0 + $1'));
  def(base + 8, b, r('$0 - $1'));
  def(base + 9, b, r('$0 * $1'));
  def(base + 10, b, r('$0 / $1'));
  def(base + 11, b, 'H.min($0, $1)');
  def(base + 12, b, 'H.max($0, $1)');
  def(base + 13, b, 'H.copysign($0, $1)');
}
// conversions
def(0xa8, 'f>i', 'H.truncI32S($0)', 't');
def(0xa9, 'f>i', 'H.truncI32U($0)', 't');
def(0xaa, 'd>i', 'H.truncI32S($0)', 't');
def(0xab, 'd>i', 'H.truncI32U($0)', 't');
def(0xb2, 'i>f', 'Math.fround($0)');
def(0xb3, 'i>f', 'Math.fround($0 >>> 0)');
def(0xb6, 'd>f', 'Math.fround($0)');
def(0xb7, 'i>d', '$0');
def(0xb8, 'i>d', '$0 >>> 0');
def(0xbb, 'f>d', 'H.promote($0)');
def(0xbc, 'f>i', 'H.f32Bits($0)');
def(0xbe, 'i>f', 'H.f32FromBits($0)');
def(0xc0, 'i>i', '($0 << 24) >> 24');
def(0xc1, 'i>i', '($0 << 16) >> 16');

function divUByConst(k: number): string | undefined {
  if (k === 0) return undefined;
  if (k === 1) return '$0';
  const j = Math.log2(k);
  // below 2^31 after a shift of one or more: already an int32
  if (Number.isInteger(j)) return `$0 >>> ${j}`;
  return `(($0 >>> 0) / ${k}) | 0`;
}

function remUByConst(k: number): string | undefined {
  if (k === 0) return undefined;
  if (Number.isInteger(Math.log2(k))) return `$0 & ${intLit((k - 1) | 0)}`;
  return `($0 >>> 0) % ${k} | 0`;
}

export const NUMERIC: Readonly<Record<number, NumOp>> = T;

/** 0xFC 0..3: non-trapping float-to-i32 conversions (4..7, to i64, are in I64_SATURATING). */
export const SATURATING: readonly NumOp[] = [
  { args: ['f'], result: 'i', js: 'H.satI32S($0)' },
  { args: ['f'], result: 'i', js: 'H.satI32U($0)' },
  { args: ['d'], result: 'i', js: 'H.satI32S($0)' },
  { args: ['d'], result: 'i', js: 'H.satI32U($0)' },
];

// ---- i64 as two int32 words ----

/**
 * An operand of an instruction in `I64`: JS atoms (a variable or a literal,
 * so templates may repeat them) for the low and the high word of an i64, or
 * in `lo` the value of an i32/f32/f64 operand (`hi` is then '').
 */
export class Operand {
  constructor(
    readonly lo: string,
    readonly hi: string,
  ) {}

  /** The low word's value when it is a literal. */
  get k(): number | undefined {
    return literalOf(this.lo);
  }

  /** The low word as an unsigned number. */
  get u(): string {
    return unsigned(this.lo);
  }

  /** The high word as an unsigned number. */
  get uh(): string {
    return unsigned(this.hi);
  }

  /** Bits 0..15 of the low word. */
  get l16(): string {
    const k = this.k;
    return k !== undefined ? String(k & 0xffff) : `(${this.lo} & 65535)`;
  }

  /** Bits 16..31 of the low word. */
  get h16(): string {
    const k = this.k;
    return k !== undefined ? String(k >>> 16) : `(${this.lo} >>> 16)`;
  }
}

/** The value of a JS literal for an integer (as `intLit` writes it), else undefined. */
export function literalOf(e: string): number | undefined {
  const m = /^\(?(-?\d+)\)?$/.exec(e);
  return m === null ? undefined : Number(m[1]);
}

function unsigned(e: string): string {
  const k = literalOf(e);
  return k !== undefined ? String(k >>> 0) : `(${e} >>> 0)`;
}

/** A JS literal for an int32. */
export function intLit(n: number): string {
  return n < 0 ? `(${n})` : String(n);
}

/**
 * An instruction that reads or produces an i64. `pair`: an i64 result as two
 * pure expressions (low, high word). `call`: an i64 result from a helper that
 * returns the low word and leaves the high word in `HI[0]`; it may trap, and
 * is evaluated at once, in order. `value`: a result
 * of another type as one expression.
 */
export type I64Op =
  | { readonly kind: 'pair'; readonly args: readonly NumType[]; readonly f: (a: readonly Operand[]) => PairResult }
  | { readonly kind: 'call'; readonly args: readonly NumType[]; readonly f: (a: readonly Operand[]) => string }
  | {
      readonly kind: 'value';
      readonly args: readonly NumType[];
      readonly result: NumType;
      readonly f: (a: readonly Operand[]) => string;
      readonly bool?: boolean;
    };

/** Two expressions, or (where the operands call for it) a helper call as for `call`. */
export type PairResult = readonly [string, string] | { readonly call: string };

const L: Record<number, I64Op> = {};

const args = (sig: string): NumType[] => [...sig] as NumType[];
const pair = (op: number, sig: string, f: (a: readonly Operand[]) => PairResult): void => {
  L[op] = { kind: 'pair', args: args(sig), f };
};
const call = (op: number, sig: string, f: (a: readonly Operand[]) => string): void => {
  L[op] = { kind: 'call', args: args(sig), f };
};
const value = (op: number, sig: string, f: (a: readonly Operand[]) => string, bool = false): void => {
  const [a, r] = sig.split('>') as [string, string];
  L[op] = { kind: 'value', args: args(a), result: r as NumType, f, bool };
};

// comparisons: the high words decide unless equal, then the low words unsigned
const ltS = (a: Operand, b: Operand, eq: string): string => `(${a.hi} < ${b.hi} || ${a.hi} === ${b.hi} && ${a.u} ${eq} ${b.u})`;
const ltU = (a: Operand, b: Operand, eq: string): string => `(${a.uh} < ${b.uh} || ${a.hi} === ${b.hi} && ${a.u} ${eq} ${b.u})`;
value(0x50, 'l>i', ([a]) => `(${a!.lo} | ${a!.hi}) === 0`, true);
value(0x51, 'll>i', ([a, b]) => `(${a!.lo} === ${b!.lo} && ${a!.hi} === ${b!.hi})`, true);
value(0x52, 'll>i', ([a, b]) => `(${a!.lo} !== ${b!.lo} || ${a!.hi} !== ${b!.hi})`, true);
value(0x53, 'll>i', ([a, b]) => ltS(a!, b!, '<'), true);
value(0x54, 'll>i', ([a, b]) => ltU(a!, b!, '<'), true);
value(0x55, 'll>i', ([a, b]) => ltS(b!, a!, '<'), true);
value(0x56, 'll>i', ([a, b]) => ltU(b!, a!, '<'), true);
value(0x57, 'll>i', ([a, b]) => ltS(a!, b!, '<='), true);
value(0x58, 'll>i', ([a, b]) => ltU(a!, b!, '<='), true);
value(0x59, 'll>i', ([a, b]) => ltS(b!, a!, '<='), true);
value(0x5a, 'll>i', ([a, b]) => ltU(b!, a!, '<='), true);

// bit counts
pair(0x79, 'l', ([a]) => [`(${a!.hi} !== 0 ? Math.clz32(${a!.hi}) : 32 + Math.clz32(${a!.lo}))`, '0']);
pair(0x7a, 'l', ([a]) => [`(${a!.lo} !== 0 ? H.ctz32(${a!.lo}) : 32 + H.ctz32(${a!.hi}))`, '0']);
pair(0x7b, 'l', ([a]) => [`H.popcnt32(${a!.lo}) + H.popcnt32(${a!.hi})`, '0']);

// add carries when the wrapped low sum is below an addend (V8 shares the sum
// with the low word; measured faster than comparing the unsigned sum with 2^32)
pair(0x7c, 'll', ([a, b]) => [`(${a!.lo} + ${b!.lo}) | 0`, `(${a!.hi} + ${b!.hi} + ((${a!.lo} + ${b!.lo}) >>> 0 < ${b!.u} ? 1 : 0)) | 0`]);
pair(0x7d, 'll', ([a, b]) => [`(${a!.lo} - ${b!.lo}) | 0`, `(${a!.hi} - ${b!.hi} - (${a!.u} < ${b!.u} ? 1 : 0)) | 0`]);
pair(0x7e, 'll', ([a, b]) => mul64(a!, b!));
call(0x7f, 'll', ([a, b]) => `H.divS64(${a!.lo}, ${a!.hi}, ${b!.lo}, ${b!.hi})`);
call(0x80, 'll', ([a, b]) => `H.divU64(${a!.lo}, ${a!.hi}, ${b!.lo}, ${b!.hi})`);
call(0x81, 'll', ([a, b]) => `H.remS64(${a!.lo}, ${a!.hi}, ${b!.lo}, ${b!.hi})`);
call(0x82, 'll', ([a, b]) => `H.remU64(${a!.lo}, ${a!.hi}, ${b!.lo}, ${b!.hi})`);
pair(0x83, 'll', ([a, b]) => [`${a!.lo} & ${b!.lo}`, `${a!.hi} & ${b!.hi}`]);
pair(0x84, 'll', ([a, b]) => [`${a!.lo} | ${b!.lo}`, `${a!.hi} | ${b!.hi}`]);
pair(0x85, 'll', ([a, b]) => [`${a!.lo} ^ ${b!.lo}`, `${a!.hi} ^ ${b!.hi}`]);
pair(0x86, 'll', ([a, b]) => (b!.k !== undefined ? shlK(a!, b!.k & 63) : shlN(a!, b!.lo)));
pair(0x87, 'll', ([a, b]) => (b!.k !== undefined ? shrSK(a!, b!.k & 63) : shrSN(a!, b!.lo)));
pair(0x88, 'll', ([a, b]) => (b!.k !== undefined ? shrUK(a!, b!.k & 63) : shrUN(a!, b!.lo)));
// a constant rotation is two shifts per word
pair(0x89, 'll', ([a, b]) => (b!.k !== undefined ? rotlK(a!, b!.k & 63) : { call: `H.rotl64(${a!.lo}, ${a!.hi}, ${b!.lo})` }));
pair(0x8a, 'll', ([a, b]) => (b!.k !== undefined ? rotlK(a!, (64 - (b!.k & 63)) & 63) : { call: `H.rotl64(${a!.lo}, ${a!.hi}, 64 - ${b!.lo})` }));

// conversions
value(0xa7, 'l>i', ([a]) => a!.lo);
call(0xae, 'f', ([a]) => `H.truncI64S(${a!.lo})`);
call(0xaf, 'f', ([a]) => `H.truncI64U(${a!.lo})`);
call(0xb0, 'd', ([a]) => `H.truncI64S(${a!.lo})`);
call(0xb1, 'd', ([a]) => `H.truncI64U(${a!.lo})`);
pair(0xac, 'i', ([a]) => [a!.lo, `${a!.lo} >> 31`]);
pair(0xad, 'i', ([a]) => [a!.lo, '0']);
value(0xb4, 'l>f', ([a]) => `H.i64ToF32(${a!.lo}, ${a!.hi})`);
value(0xb5, 'l>f', ([a]) => `H.u64ToF32(${a!.lo}, ${a!.hi})`);
// the high word times 2^32 is exact, so the sum rounds once, as the conversion must
value(0xb9, 'l>d', ([a]) => `${a!.hi} * 4294967296 + ${a!.u}`);
value(0xba, 'l>d', ([a]) => `${a!.uh} * 4294967296 + ${a!.u}`);
L[0xbd] = { kind: 'call', args: ['d'], f: ([a]) => `H.f64Words(${a!.lo})` };
value(0xbf, 'l>d', ([a]) => `H.f64FromWords(${a!.lo}, ${a!.hi})`);
pair(0xc2, 'l', ([a]) => [`${a!.lo} << 24 >> 24`, `${a!.lo} << 24 >> 31`]);
pair(0xc3, 'l', ([a]) => [`${a!.lo} << 16 >> 16`, `${a!.lo} << 16 >> 31`]);
pair(0xc4, 'l', ([a]) => [a!.lo, `${a!.lo} >> 31`]);

/**
 * The low 64 bits of a product: the low word by Math.imul; the high word is
 * the exact high half of the low words' unsigned product (16-bit times 32-bit
 * partial products stay below 2^48, exact in doubles) plus the two cross
 * products, whose high halves fall outside 64 bits.
 */
function mul64(a: Operand, b: Operand): [string, string] {
  // the split operand folds to literals when it is a constant
  if (b.k !== undefined && a.k === undefined) [a, b] = [b, a];
  const mulhi = `((${a.h16} * ${b.u} + (${a.l16} * ${b.u} / 65536 >>> 0)) / 65536 >>> 0)`;
  const cross = [imul(a.lo, b.hi), imul(a.hi, b.lo)].filter((x) => x !== '');
  return [`Math.imul(${a.lo}, ${b.lo})`, `(${[mulhi, ...cross].join(' + ')}) | 0`];
}

function imul(x: string, y: string): string {
  return literalOf(x) === 0 || literalOf(y) === 0 ? '' : `Math.imul(${x}, ${y})`;
}

// Shifts by a constant (already masked to 0..63). JS shifts take their count
// mod 32, so a count of 0 or 32 and up is its own case.
function shlK(a: Operand, k: number): [string, string] {
  if (k === 0) return [a.lo, a.hi];
  if (k < 32) return [`${a.lo} << ${k}`, `${a.hi} << ${k} | ${a.lo} >>> ${32 - k}`];
  return ['0', k === 32 ? a.lo : `${a.lo} << ${k - 32}`];
}

function shrUK(a: Operand, k: number): [string, string] {
  if (k === 0) return [a.lo, a.hi];
  if (k < 32) return [`${a.lo} >>> ${k} | ${a.hi} << ${32 - k}`, `${a.hi} >>> ${k}`];
  return [k === 32 ? a.hi : `${a.hi} >>> ${k - 32}`, '0'];
}

function shrSK(a: Operand, k: number): [string, string] {
  if (k === 0) return [a.lo, a.hi];
  if (k < 32) return [`${a.lo} >>> ${k} | ${a.hi} << ${32 - k}`, `${a.hi} >> ${k}`];
  return [k === 32 ? a.hi : `${a.hi} >> ${k - 32}`, `${a.hi} >> 31`];
}

function rotlK(a: Operand, k: number): [string, string] {
  if (k === 0) return [a.lo, a.hi];
  if (k === 32) return [a.hi, a.lo];
  const [x, y, j] = k < 32 ? [a.lo, a.hi, k] : [a.hi, a.lo, k - 32];
  return [`${x} << ${j} | ${y} >>> ${32 - j}`, `${y} << ${j} | ${x} >>> ${32 - j}`];
}

// Shifts by a variable count `n` (an atom): bit 5 picks the word, and a count
// that is 0 mod 32 must not shift the other word in by 32 (JS would by 0).
function shlN(a: Operand, n: string): [string, string] {
  return [
    `(${n} & 32 ? 0 : ${a.lo} << ${n})`,
    `(${n} & 32 ? ${a.lo} << ${n} : (${n} & 31) === 0 ? ${a.hi} : ${a.hi} << ${n} | ${a.lo} >>> 32 - ${n})`,
  ];
}

function shrUN(a: Operand, n: string): [string, string] {
  return [
    `(${n} & 32 ? ${a.hi} >>> ${n} | 0 : (${n} & 31) === 0 ? ${a.lo} : ${a.lo} >>> ${n} | ${a.hi} << 32 - ${n})`,
    `(${n} & 32 ? 0 : ${a.hi} >>> ${n} | 0)`,
  ];
}

function shrSN(a: Operand, n: string): [string, string] {
  return [
    `(${n} & 32 ? ${a.hi} >> ${n} : (${n} & 31) === 0 ? ${a.lo} : ${a.lo} >>> ${n} | ${a.hi} << 32 - ${n})`,
    `(${n} & 32 ? ${a.hi} >> 31 : ${a.hi} >> ${n})`,
  ];
}

export const I64: Readonly<Record<number, I64Op>> = L;

/** 0xFC 4..7: non-trapping float-to-i64 conversions. */
export const I64_SATURATING: readonly I64Op[] = [
  { kind: 'call', args: ['f'], f: ([a]) => `H.satI64S(${a!.lo})` },
  { kind: 'call', args: ['f'], f: ([a]) => `H.satI64U(${a!.lo})` },
  { kind: 'call', args: ['d'], f: ([a]) => `H.satI64S(${a!.lo})` },
  { kind: 'call', args: ['d'], f: ([a]) => `H.satI64U(${a!.lo})` },
];
