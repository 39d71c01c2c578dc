import type { ValueType } from '@wrl/core/backend';
import type { SimdOpInfo } from './types.js';

/* Opcode numbers and signatures from the final fixed-width SIMD specification (WebAssembly 2.0). */

const V: readonly ValueType[] = Object.freeze(['v128']);
const VV: readonly ValueType[] = Object.freeze(['v128', 'v128']);
const VVV: readonly ValueType[] = Object.freeze(['v128', 'v128', 'v128']);
const I: readonly ValueType[] = Object.freeze(['i32']);
const IV: readonly ValueType[] = Object.freeze(['i32', 'v128']);
const VI: readonly ValueType[] = Object.freeze(['v128', 'i32']);
const NONE: readonly ValueType[] = Object.freeze([]);

const table: (SimdOpInfo | undefined)[] = new Array(256).fill(undefined);

function def(op: number, info: SimdOpInfo): void {
  if (table[op] !== undefined) throw new Error(`duplicate SIMD opcode 0x${op.toString(16)}`);
  table[op] = Object.freeze(info);
}

function pure(op: number, name: string, params: readonly ValueType[], results: readonly ValueType[], form: SimdOpInfo['form'], imm: SimdOpInfo['imm'] = 'none', lanes?: number): void {
  def(op, lanes === undefined ? { name, imm, params, results, kind: 'pure', form } : { name, imm, params, results, kind: 'pure', form, lanes });
}

const unary = (op: number, name: string) => pure(op, name, V, V, 'v128');
const binary = (op: number, name: string) => pure(op, name, VV, V, 'v128');

function load(op: number, name: string, memBytes: number, maxAlign: number): void {
  def(op, { name, imm: 'memarg', params: I, results: V, kind: 'load', form: 'memory', memBytes, maxAlign });
}

function laneMem(op: number, name: string, kind: 'load_lane' | 'store_lane', memBytes: number, maxAlign: number, lanes: number): void {
  def(op, { name, imm: 'memarg_lane', params: IV, results: kind === 'load_lane' ? V : NONE, kind, form: 'memory', memBytes, maxAlign, lanes });
}

load(0x00, 'v128.load', 16, 4);
load(0x01, 'v128.load8x8_s', 8, 3);
load(0x02, 'v128.load8x8_u', 8, 3);
load(0x03, 'v128.load16x4_s', 8, 3);
load(0x04, 'v128.load16x4_u', 8, 3);
load(0x05, 'v128.load32x2_s', 8, 3);
load(0x06, 'v128.load32x2_u', 8, 3);
load(0x07, 'v128.load8_splat', 1, 0);
load(0x08, 'v128.load16_splat', 2, 1);
load(0x09, 'v128.load32_splat', 4, 2);
load(0x0a, 'v128.load64_splat', 8, 3);
def(0x0b, { name: 'v128.store', imm: 'memarg', params: IV, results: NONE, kind: 'store', form: 'memory', memBytes: 16, maxAlign: 4 });
pure(0x0c, 'v128.const', NONE, V, 'const', 'v128const');
pure(0x0d, 'i8x16.shuffle', VV, V, 'shuffle', 'shuffle', 32);
binary(0x0e, 'i8x16.swizzle');

const SHAPES = [
  { shape: 'i8x16', scalar: 'i32', lanes: 16 },
  { shape: 'i16x8', scalar: 'i32', lanes: 8 },
  { shape: 'i32x4', scalar: 'i32', lanes: 4 },
  { shape: 'i64x2', scalar: 'i64', lanes: 2 },
  { shape: 'f32x4', scalar: 'f32', lanes: 4 },
  { shape: 'f64x2', scalar: 'f64', lanes: 2 },
] as const;

SHAPES.forEach(({ shape, scalar }, i) => pure(0x0f + i, `${shape}.splat`, [scalar], V, 'splat'));

/* Lane access: 0x15.. in shape order; i8x16 and i16x8 have signed and unsigned extracts. */
let laneOp = 0x15;
for (const { shape, scalar, lanes } of SHAPES) {
  const extracts = shape === 'i8x16' || shape === 'i16x8' ? ['extract_lane_s', 'extract_lane_u'] : ['extract_lane'];
  for (const e of extracts) pure(laneOp++, `${shape}.${e}`, V, [scalar], 'extract', 'lane', lanes);
  pure(laneOp++, `${shape}.replace_lane`, ['v128', scalar], V, 'replace', 'lane', lanes);
}

const INT_CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
INT_CMP.forEach((c, i) => binary(0x23 + i, `i8x16.${c}`));
INT_CMP.forEach((c, i) => binary(0x2d + i, `i16x8.${c}`));
INT_CMP.forEach((c, i) => binary(0x37 + i, `i32x4.${c}`));
FLOAT_CMP.forEach((c, i) => binary(0x41 + i, `f32x4.${c}`));
FLOAT_CMP.forEach((c, i) => binary(0x47 + i, `f64x2.${c}`));

unary(0x4d, 'v128.not');
binary(0x4e, 'v128.and');
binary(0x4f, 'v128.andnot');
binary(0x50, 'v128.or');
binary(0x51, 'v128.xor');
pure(0x52, 'v128.bitselect', VVV, V, 'v128');
pure(0x53, 'v128.any_true', V, I, 'test');

laneMem(0x54, 'v128.load8_lane', 'load_lane', 1, 0, 16);
laneMem(0x55, 'v128.load16_lane', 'load_lane', 2, 1, 8);
laneMem(0x56, 'v128.load32_lane', 'load_lane', 4, 2, 4);
laneMem(0x57, 'v128.load64_lane', 'load_lane', 8, 3, 2);
laneMem(0x58, 'v128.store8_lane', 'store_lane', 1, 0, 16);
laneMem(0x59, 'v128.store16_lane', 'store_lane', 2, 1, 8);
laneMem(0x5a, 'v128.store32_lane', 'store_lane', 4, 2, 4);
laneMem(0x5b, 'v128.store64_lane', 'store_lane', 8, 3, 2);
load(0x5c, 'v128.load32_zero', 4, 2);
load(0x5d, 'v128.load64_zero', 8, 3);

unary(0x5e, 'f32x4.demote_f64x2_zero');
unary(0x5f, 'f64x2.promote_low_f32x4');

unary(0x60, 'i8x16.abs');
unary(0x61, 'i8x16.neg');
unary(0x62, 'i8x16.popcnt');
pure(0x63, 'i8x16.all_true', V, I, 'test');
pure(0x64, 'i8x16.bitmask', V, I, 'test');
binary(0x65, 'i8x16.narrow_i16x8_s');
binary(0x66, 'i8x16.narrow_i16x8_u');
unary(0x67, 'f32x4.ceil');
unary(0x68, 'f32x4.floor');
unary(0x69, 'f32x4.trunc');
unary(0x6a, 'f32x4.nearest');
pure(0x6b, 'i8x16.shl', VI, V, 'shift');
pure(0x6c, 'i8x16.shr_s', VI, V, 'shift');
pure(0x6d, 'i8x16.shr_u', VI, V, 'shift');
binary(0x6e, 'i8x16.add');
binary(0x6f, 'i8x16.add_sat_s');
binary(0x70, 'i8x16.add_sat_u');
binary(0x71, 'i8x16.sub');
binary(0x72, 'i8x16.sub_sat_s');
binary(0x73, 'i8x16.sub_sat_u');
unary(0x74, 'f64x2.ceil');
unary(0x75, 'f64x2.floor');
binary(0x76, 'i8x16.min_s');
binary(0x77, 'i8x16.min_u');
binary(0x78, 'i8x16.max_s');
binary(0x79, 'i8x16.max_u');
unary(0x7a, 'f64x2.trunc');
binary(0x7b, 'i8x16.avgr_u');
unary(0x7c, 'i16x8.extadd_pairwise_i8x16_s');
unary(0x7d, 'i16x8.extadd_pairwise_i8x16_u');
unary(0x7e, 'i32x4.extadd_pairwise_i16x8_s');
unary(0x7f, 'i32x4.extadd_pairwise_i16x8_u');

unary(0x80, 'i16x8.abs');
unary(0x81, 'i16x8.neg');
binary(0x82, 'i16x8.q15mulr_sat_s');
pure(0x83, 'i16x8.all_true', V, I, 'test');
pure(0x84, 'i16x8.bitmask', V, I, 'test');
binary(0x85, 'i16x8.narrow_i32x4_s');
binary(0x86, 'i16x8.narrow_i32x4_u');
unary(0x87, 'i16x8.extend_low_i8x16_s');
unary(0x88, 'i16x8.extend_high_i8x16_s');
unary(0x89, 'i16x8.extend_low_i8x16_u');
unary(0x8a, 'i16x8.extend_high_i8x16_u');
pure(0x8b, 'i16x8.shl', VI, V, 'shift');
pure(0x8c, 'i16x8.shr_s', VI, V, 'shift');
pure(0x8d, 'i16x8.shr_u', VI, V, 'shift');
binary(0x8e, 'i16x8.add');
binary(0x8f, 'i16x8.add_sat_s');
binary(0x90, 'i16x8.add_sat_u');
binary(0x91, 'i16x8.sub');
binary(0x92, 'i16x8.sub_sat_s');
binary(0x93, 'i16x8.sub_sat_u');
unary(0x94, 'f64x2.nearest');
binary(0x95, 'i16x8.mul');
binary(0x96, 'i16x8.min_s');
binary(0x97, 'i16x8.min_u');
binary(0x98, 'i16x8.max_s');
binary(0x99, 'i16x8.max_u');
binary(0x9b, 'i16x8.avgr_u');
binary(0x9c, 'i16x8.extmul_low_i8x16_s');
binary(0x9d, 'i16x8.extmul_high_i8x16_s');
binary(0x9e, 'i16x8.extmul_low_i8x16_u');
binary(0x9f, 'i16x8.extmul_high_i8x16_u');

unary(0xa0, 'i32x4.abs');
unary(0xa1, 'i32x4.neg');
pure(0xa3, 'i32x4.all_true', V, I, 'test');
pure(0xa4, 'i32x4.bitmask', V, I, 'test');
unary(0xa7, 'i32x4.extend_low_i16x8_s');
unary(0xa8, 'i32x4.extend_high_i16x8_s');
unary(0xa9, 'i32x4.extend_low_i16x8_u');
unary(0xaa, 'i32x4.extend_high_i16x8_u');
pure(0xab, 'i32x4.shl', VI, V, 'shift');
pure(0xac, 'i32x4.shr_s', VI, V, 'shift');
pure(0xad, 'i32x4.shr_u', VI, V, 'shift');
binary(0xae, 'i32x4.add');
binary(0xb1, 'i32x4.sub');
binary(0xb5, 'i32x4.mul');
binary(0xb6, 'i32x4.min_s');
binary(0xb7, 'i32x4.min_u');
binary(0xb8, 'i32x4.max_s');
binary(0xb9, 'i32x4.max_u');
binary(0xba, 'i32x4.dot_i16x8_s');
binary(0xbc, 'i32x4.extmul_low_i16x8_s');
binary(0xbd, 'i32x4.extmul_high_i16x8_s');
binary(0xbe, 'i32x4.extmul_low_i16x8_u');
binary(0xbf, 'i32x4.extmul_high_i16x8_u');

unary(0xc0, 'i64x2.abs');
unary(0xc1, 'i64x2.neg');
pure(0xc3, 'i64x2.all_true', V, I, 'test');
pure(0xc4, 'i64x2.bitmask', V, I, 'test');
unary(0xc7, 'i64x2.extend_low_i32x4_s');
unary(0xc8, 'i64x2.extend_high_i32x4_s');
unary(0xc9, 'i64x2.extend_low_i32x4_u');
unary(0xca, 'i64x2.extend_high_i32x4_u');
pure(0xcb, 'i64x2.shl', VI, V, 'shift');
pure(0xcc, 'i64x2.shr_s', VI, V, 'shift');
pure(0xcd, 'i64x2.shr_u', VI, V, 'shift');
binary(0xce, 'i64x2.add');
binary(0xd1, 'i64x2.sub');
binary(0xd5, 'i64x2.mul');
['eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s'].forEach((c, i) => binary(0xd6 + i, `i64x2.${c}`));
binary(0xdc, 'i64x2.extmul_low_i32x4_s');
binary(0xdd, 'i64x2.extmul_high_i32x4_s');
binary(0xde, 'i64x2.extmul_low_i32x4_u');
binary(0xdf, 'i64x2.extmul_high_i32x4_u');

for (const [base, shape] of [[0xe0, 'f32x4'], [0xec, 'f64x2']] as const) {
  unary(base, `${shape}.abs`);
  unary(base + 1, `${shape}.neg`);
  unary(base + 3, `${shape}.sqrt`);
  ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'].forEach((o, i) => binary(base + 4 + i, `${shape}.${o}`));
}

unary(0xf8, 'i32x4.trunc_sat_f32x4_s');
unary(0xf9, 'i32x4.trunc_sat_f32x4_u');
unary(0xfa, 'f32x4.convert_i32x4_s');
unary(0xfb, 'f32x4.convert_i32x4_u');
unary(0xfc, 'i32x4.trunc_sat_f64x2_s_zero');
unary(0xfd, 'i32x4.trunc_sat_f64x2_u_zero');
unary(0xfe, 'f64x2.convert_low_i32x4_s');
unary(0xff, 'f64x2.convert_low_i32x4_u');

/** Every 0xFD-prefixed instruction, indexed by its sub-opcode; gaps are reserved opcodes. */
export const SIMD_OPS: ReadonlyArray<SimdOpInfo | undefined> = Object.freeze(table);

/** Sub-opcode of each instruction, by its text-format name. */
export const SIMD_OPCODE_BY_NAME: ReadonlyMap<string, number> = new Map(
  table.flatMap((info, op) => (info === undefined ? [] : [[info.name, op] as const])),
);
