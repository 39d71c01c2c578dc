/**
 * Numeric instructions as JS expression templates over their operands `$0`,
 * `$1` (already normalised: i32 as int32 numbers, i64 as signed 64-bit
 * BigInts, f32/f64 as numbers in the encoding of nan-bits.ts).
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
}

const T: Record<number, NumOp> = {};

function def(op: number, sig: string, js: string, flags = ''): void {
  const [a, r] = sig.split('>') as [string, string];
  T[op] = { args: [...a] as NumType[], result: r as NumType, js, bool: flags.includes('b') || undefined, effect: flags.includes('t') || undefined };
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
// i64 comparisons
def(0x50, 'l>i', '$0 === 0n', 'b');
def(0x51, 'll>i', '$0 === $1', 'b');
def(0x52, 'll>i', '$0 !== $1', 'b');
def(0x53, 'll>i', '$0 < $1', 'b');
def(0x54, 'll>i', 'H.ltU64($0, $1)', 'b');
def(0x55, 'll>i', '$0 > $1', 'b');
def(0x56, 'll>i', 'H.gtU64($0, $1)', 'b');
def(0x57, 'll>i', '$0 <= $1', 'b');
def(0x58, 'll>i', 'H.leU64($0, $1)', 'b');
def(0x59, 'll>i', '$0 >= $1', 'b');
def(0x5a, 'll>i', 'H.geU64($0, $1)', 'b');
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
def(0x6d, 'ii>i', 'H.divS32($0, $1)', 't');
def(0x6e, 'ii>i', 'H.divU32($0, $1)', 't');
def(0x6f, 'ii>i', 'H.remS32($0, $1)', 't');
def(0x70, 'ii>i', 'H.remU32($0, $1)', 't');
def(0x71, 'ii>i', '$0 & $1');
def(0x72, 'ii>i', '$0 | $1');
def(0x73, 'ii>i', '$0 ^ $1');
def(0x74, 'ii>i', '$0 << $1');
def(0x75, 'ii>i', '$0 >> $1');
def(0x76, 'ii>i', '($0 >>> $1) | 0');
def(0x77, 'ii>i', 'H.rotl32($0, $1)');
def(0x78, 'ii>i', 'H.rotr32($0, $1)');
// i64 arithmetic
def(0x79, 'l>l', 'H.clz64($0)');
def(0x7a, 'l>l', 'H.ctz64($0)');
def(0x7b, 'l>l', 'H.popcnt64($0)');
def(0x7c, 'll>l', 'BigInt.asIntN(64, $0 + $1)');
def(0x7d, 'll>l', 'BigInt.asIntN(64, $0 - $1)');
def(0x7e, 'll>l', 'BigInt.asIntN(64, $0 * $1)');
def(0x7f, 'll>l', 'H.divS64($0, $1)', 't');
def(0x80, 'll>l', 'H.divU64($0, $1)', 't');
def(0x81, 'll>l', 'H.remS64($0, $1)', 't');
def(0x82, 'll>l', 'H.remU64($0, $1)', 't');
def(0x83, 'll>l', '$0 & $1');
def(0x84, 'll>l', '$0 | $1');
def(0x85, 'll>l', '$0 ^ $1');
def(0x86, 'll>l', 'BigInt.asIntN(64, $0 << ($1 & 63n))');
def(0x87, 'll>l', '$0 >> ($1 & 63n)');
def(0x88, 'll>l', 'BigInt.asIntN(64, BigInt.asUintN(64, $0) >> ($1 & 63n))');
def(0x89, 'll>l', 'H.rotl64($0, $1)');
def(0x8a, 'll>l', 'H.rotr64($0, $1)');
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
def(0xa7, 'l>i', 'Number(BigInt.asIntN(32, $0))');
def(0xa8, 'f>i', 'H.truncI32S($0)', 't');
def(0xa9, 'f>i', 'H.truncI32U($0)', 't');
def(0xaa, 'd>i', 'H.truncI32S($0)', 't');
def(0xab, 'd>i', 'H.truncI32U($0)', 't');
def(0xac, 'i>l', 'BigInt($0)');
def(0xad, 'i>l', 'BigInt($0 >>> 0)');
def(0xae, 'f>l', 'H.truncI64S($0)', 't');
def(0xaf, 'f>l', 'H.truncI64U($0)', 't');
def(0xb0, 'd>l', 'H.truncI64S($0)', 't');
def(0xb1, 'd>l', 'H.truncI64U($0)', 't');
def(0xb2, 'i>f', 'Math.fround($0)');
def(0xb3, 'i>f', 'Math.fround($0 >>> 0)');
def(0xb4, 'l>f', 'H.i64ToF32($0)');
def(0xb5, 'l>f', 'H.u64ToF32($0)');
def(0xb6, 'd>f', 'Math.fround($0)');
def(0xb7, 'i>d', '$0');
def(0xb8, 'i>d', '$0 >>> 0');
def(0xb9, 'l>d', 'Number($0)');
def(0xba, 'l>d', 'Number(BigInt.asUintN(64, $0))');
def(0xbb, 'f>d', 'H.promote($0)');
def(0xbc, 'f>i', 'H.f32Bits($0)');
def(0xbd, 'd>l', 'H.f64Bits($0)');
def(0xbe, 'i>f', 'H.f32FromBits($0)');
def(0xbf, 'l>d', 'H.f64FromBits($0)');
def(0xc0, 'i>i', '($0 << 24) >> 24');
def(0xc1, 'i>i', '($0 << 16) >> 16');
def(0xc2, 'l>l', 'BigInt.asIntN(8, $0)');
def(0xc3, 'l>l', 'BigInt.asIntN(16, $0)');
def(0xc4, 'l>l', 'BigInt.asIntN(32, $0)');

export const NUMERIC: Readonly<Record<number, NumOp>> = T;

/** 0xFC 0..7: non-trapping float-to-int conversions. */
export const SATURATING: readonly NumOp[] = [
  { args: ['f'], result: 'i', js: 'H.satI32S($0)' },
  { args: ['f'], result: 'i', js: 'H.satI32U($0)' },
  { args: ['d'], result: 'i', js: 'H.satI32S($0)' },
  { args: ['d'], result: 'i', js: 'H.satI32U($0)' },
  { args: ['f'], result: 'l', js: 'H.satI64S($0)' },
  { args: ['f'], result: 'l', js: 'H.satI64U($0)' },
  { args: ['d'], result: 'l', js: 'H.satI64S($0)' },
  { args: ['d'], result: 'l', js: 'H.satI64U($0)' },
];
