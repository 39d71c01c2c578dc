/**
 * SIMD instructions the JS tier writes out inline, word by word: a v128 is
 * four int32 words (simd.ts), and each of these computes word k of its result
 * from word k of its operands only (an i32x4 lane is a word, two i16x8 or four
 * i8x16 lanes share one, and bitwise operations work on any lane shape). Each entry takes the operands' word k as
 * JS expressions (variables or literals) and returns the result's word k.
 */
type Word = (...w: string[]) => string;

const u = (x: string): string => `(${x} >>> 0)`;

export const SIMD_INLINE: Readonly<Record<string, Word>> = {
  'v128.not': (a) => `~${a}`,
  'v128.and': (a, b) => `${a} & ${b}`,
  'v128.andnot': (a, b) => `${a} & ~${b}`,
  'v128.or': (a, b) => `${a} | ${b}`,
  'v128.xor': (a, b) => `${a} ^ ${b}`,
  'v128.bitselect': (a, b, c) => `(${a} & ${c}) | (${b} & ~${c})`,
  // i8x16 and i16x8 lanes within a word, SWAR: the lanes' top bits are added (or subtracted)
  // apart, so no carry crosses into the next lane
  'i8x16.add': (a, b) => `((${a} & 0x7f7f7f7f) + (${b} & 0x7f7f7f7f)) ^ ((${a} ^ ${b}) & 0x80808080)`,
  'i8x16.sub': (a, b) => `((${a} | 0x80808080) - (${b} & 0x7f7f7f7f)) ^ ((${a} ^ ~${b}) & 0x80808080)`,
  'i16x8.add': (a, b) => `((${a} & 0x7fff7fff) + (${b} & 0x7fff7fff)) ^ ((${a} ^ ${b}) & 0x80008000)`,
  'i16x8.sub': (a, b) => `((${a} | 0x80008000) - (${b} & 0x7fff7fff)) ^ ((${a} ^ ~${b}) & 0x80008000)`,
  // the low lane's product is the low half of the words' product
  'i16x8.mul': (a, b) => `(Math.imul(${a}, ${b}) & 0xffff) | (Math.imul(${a} >>> 16, ${b} >>> 16) << 16)`,
  'i32x4.add': (a, b) => `(${a} + ${b}) | 0`,
  'i32x4.sub': (a, b) => `(${a} - ${b}) | 0`,
  'i32x4.mul': (a, b) => `Math.imul(${a}, ${b})`,
  'i32x4.neg': (a) => `-${a} | 0`,
  'i32x4.abs': (a) => `${a} < 0 ? -${a} | 0 : ${a}`,
  'i32x4.min_s': (a, b) => `${a} < ${b} ? ${a} : ${b}`,
  'i32x4.max_s': (a, b) => `${a} > ${b} ? ${a} : ${b}`,
  'i32x4.min_u': (a, b) => `${u(a)} < ${u(b)} ? ${a} : ${b}`,
  'i32x4.max_u': (a, b) => `${u(a)} > ${u(b)} ? ${a} : ${b}`,
  'i32x4.eq': (a, b) => `${a} === ${b} ? -1 : 0`,
  'i32x4.ne': (a, b) => `${a} !== ${b} ? -1 : 0`,
  'i32x4.lt_s': (a, b) => `${a} < ${b} ? -1 : 0`,
  'i32x4.gt_s': (a, b) => `${a} > ${b} ? -1 : 0`,
  'i32x4.le_s': (a, b) => `${a} <= ${b} ? -1 : 0`,
  'i32x4.ge_s': (a, b) => `${a} >= ${b} ? -1 : 0`,
  'i32x4.lt_u': (a, b) => `${u(a)} < ${u(b)} ? -1 : 0`,
  'i32x4.gt_u': (a, b) => `${u(a)} > ${u(b)} ? -1 : 0`,
  'i32x4.le_u': (a, b) => `${u(a)} <= ${u(b)} ? -1 : 0`,
  'i32x4.ge_u': (a, b) => `${u(a)} >= ${u(b)} ? -1 : 0`,
};
