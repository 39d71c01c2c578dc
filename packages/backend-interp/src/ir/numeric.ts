import type { ValueType } from '@wrl/core/backend';

/** Operand and result types of the plain numeric instructions (by IR opcode), which all translate 1:1. */
export const NUMERIC_SIG: ReadonlyArray<readonly [readonly ValueType[], ValueType] | undefined> = buildNumeric();

function buildNumeric(): Array<readonly [readonly ValueType[], ValueType] | undefined> {
  const t: Array<readonly [readonly ValueType[], ValueType] | undefined> = [];
  const range = (from: number, to: number, params: ValueType[], result: ValueType) => {
    for (let op = from; op <= to; op++) t[op] = [params, result];
  };
  range(0x45, 0x45, ['i32'], 'i32');
  range(0x46, 0x4f, ['i32', 'i32'], 'i32');
  range(0x50, 0x50, ['i64'], 'i32');
  range(0x51, 0x5a, ['i64', 'i64'], 'i32');
  range(0x5b, 0x60, ['f32', 'f32'], 'i32');
  range(0x61, 0x66, ['f64', 'f64'], 'i32');
  range(0x67, 0x69, ['i32'], 'i32');
  range(0x6a, 0x78, ['i32', 'i32'], 'i32');
  range(0x79, 0x7b, ['i64'], 'i64');
  range(0x7c, 0x8a, ['i64', 'i64'], 'i64');
  range(0x8b, 0x91, ['f32'], 'f32');
  range(0x92, 0x98, ['f32', 'f32'], 'f32');
  range(0x99, 0x9f, ['f64'], 'f64');
  range(0xa0, 0xa6, ['f64', 'f64'], 'f64');
  range(0xa7, 0xa7, ['i64'], 'i32');
  range(0xa8, 0xa9, ['f32'], 'i32');
  range(0xaa, 0xab, ['f64'], 'i32');
  range(0xac, 0xad, ['i32'], 'i64');
  range(0xae, 0xaf, ['f32'], 'i64');
  range(0xb0, 0xb1, ['f64'], 'i64');
  range(0xb2, 0xb3, ['i32'], 'f32');
  range(0xb4, 0xb5, ['i64'], 'f32');
  range(0xb6, 0xb6, ['f64'], 'f32');
  range(0xb7, 0xb8, ['i32'], 'f64');
  range(0xb9, 0xba, ['i64'], 'f64');
  range(0xbb, 0xbb, ['f32'], 'f64');
  range(0xbc, 0xbc, ['f32'], 'i32');
  range(0xbd, 0xbd, ['f64'], 'i64');
  range(0xbe, 0xbe, ['i32'], 'f32');
  range(0xbf, 0xbf, ['i64'], 'f64');
  range(0xc0, 0xc1, ['i32'], 'i32');
  range(0xc2, 0xc4, ['i64'], 'i64');
  // 0xfc 0..7: saturating truncations, at IR opcode 0x100 + sub-opcode.
  range(0x100, 0x101, ['f32'], 'i32');
  range(0x102, 0x103, ['f64'], 'i32');
  range(0x104, 0x105, ['f32'], 'i64');
  range(0x106, 0x107, ['f64'], 'i64');
  return t;
}

/** Loads: result type, access bytes, and the largest valid alignment exponent. */
export const LOAD_INFO: ReadonlyArray<readonly [ValueType, number] | undefined> = (() => {
  const t: Array<readonly [ValueType, number] | undefined> = [];
  t[0x28] = ['i32', 4]; t[0x29] = ['i64', 8]; t[0x2a] = ['f32', 4]; t[0x2b] = ['f64', 8];
  t[0x2c] = ['i32', 1]; t[0x2d] = ['i32', 1]; t[0x2e] = ['i32', 2]; t[0x2f] = ['i32', 2];
  t[0x30] = ['i64', 1]; t[0x31] = ['i64', 1]; t[0x32] = ['i64', 2]; t[0x33] = ['i64', 2];
  t[0x34] = ['i64', 4]; t[0x35] = ['i64', 4];
  return t;
})();

/** Stores: value type and access bytes. */
export const STORE_INFO: ReadonlyArray<readonly [ValueType, number] | undefined> = (() => {
  const t: Array<readonly [ValueType, number] | undefined> = [];
  t[0x36] = ['i32', 4]; t[0x37] = ['i64', 8]; t[0x38] = ['f32', 4]; t[0x39] = ['f64', 8];
  t[0x3a] = ['i32', 1]; t[0x3b] = ['i32', 2]; t[0x3c] = ['i64', 1]; t[0x3d] = ['i64', 2]; t[0x3e] = ['i64', 4];
  return t;
})();

/** log2 of a byte count, for alignment checks. */
export function log2(n: number): number {
  return 31 - Math.clz32(n);
}
