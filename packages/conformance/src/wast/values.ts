/**
 * The constants of .wast scripts: invoke arguments and expected results,
 * kept as exact bit patterns.
 */
import { F32, F64, parseFloatBits, parseInt } from './numbers.js';
import { isAtom, type SExpr, type SList } from './sexpr.js';

export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** A concrete value: an argument, or an exact expected result. */
export type Const =
  | { readonly type: 'i32' | 'f32'; readonly bits: number }
  | { readonly type: 'i64' | 'f64'; readonly bits: bigint }
  | { readonly type: 'v128'; readonly bits: bigint }
  | { readonly type: 'funcref' | 'externref'; readonly null: true }
  | { readonly type: 'externref'; readonly null: false; readonly id: number };

export type NanPattern = 'nan:canonical' | 'nan:arithmetic';

/** What an assertion expects of one result. */
export type Expected =
  | { readonly kind: 'const'; readonly value: Const }
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly pattern: NanPattern }
  | { readonly kind: 'v128'; readonly shape: LaneShape; readonly lanes: ReadonlyArray<bigint | NanPattern> }
  | { readonly kind: 'ref.func' }
  | { readonly kind: 'ref.extern' }
  | { readonly kind: 'either'; readonly options: readonly Expected[] };

export const LANES: Record<LaneShape, { readonly count: number; readonly bits: 8 | 16 | 32 | 64 }> = {
  i8x16: { count: 16, bits: 8 },
  i16x8: { count: 8, bits: 16 },
  i32x4: { count: 4, bits: 32 },
  i64x2: { count: 2, bits: 64 },
  f32x4: { count: 4, bits: 32 },
  f64x2: { count: 2, bits: 64 },
};

function atomText(x: SExpr | undefined, what: string): string {
  if (!isAtom(x)) throw new SyntaxError(`expected ${what}`);
  return x.text;
}

function laneBits(shape: LaneShape, text: string): bigint {
  switch (shape) {
    case 'f32x4': return parseFloatBits(text, F32);
    case 'f64x2': return parseFloatBits(text, F64);
    default: return parseInt(text, LANES[shape].bits);
  }
}

/** Packs lane values (lane 0 first) into a 128-bit little-endian integer. */
export function packLanes(shape: LaneShape, lanes: readonly bigint[]): bigint {
  const w = BigInt(LANES[shape].bits);
  let v = 0n;
  for (let i = lanes.length - 1; i >= 0; i--) v = (v << w) | lanes[i]!;
  return v;
}

export function unpackLanes(shape: LaneShape, v: bigint): bigint[] {
  const { count, bits } = LANES[shape];
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) out.push(BigInt.asUintN(bits, v >> BigInt(i * bits)));
  return out;
}

function parseShape(x: SExpr | undefined): LaneShape {
  const s = atomText(x, 'a v128 lane shape');
  if (!(s in LANES)) throw new SyntaxError(`unknown v128 shape ${s}`);
  return s as LaneShape;
}

/** Parses an argument constant such as `(i32.const 1)`. */
export function parseConst(e: SExpr): Const {
  if (e.kind !== 'list') throw new SyntaxError('expected a constant');
  const op = atomText(e.items[0], 'a constant');
  const a = e.items[1];
  switch (op) {
    case 'i32.const': return { type: 'i32', bits: Number(parseInt(atomText(a, 'an i32'), 32)) };
    case 'i64.const': return { type: 'i64', bits: parseInt(atomText(a, 'an i64'), 64) };
    case 'f32.const': return { type: 'f32', bits: Number(parseFloatBits(atomText(a, 'an f32'), F32)) };
    case 'f64.const': return { type: 'f64', bits: parseFloatBits(atomText(a, 'an f64'), F64) };
    case 'v128.const': {
      const shape = parseShape(a);
      const lanes = e.items.slice(2).map((l) => laneBits(shape, atomText(l, 'a lane value')));
      if (lanes.length !== LANES[shape].count) throw new SyntaxError(`v128.const ${shape} needs ${LANES[shape].count} lanes`);
      return { type: 'v128', bits: packLanes(shape, lanes) };
    }
    case 'ref.null': return refNull(a);
    case 'ref.extern': return { type: 'externref', null: false, id: Number(parseInt(atomText(a, 'an externref id'), 32)) };
    default: throw new SyntaxError(`unknown constant ${op}`);
  }
}

function refNull(a: SExpr | undefined): Const {
  const t = atomText(a, 'a reference type');
  if (t === 'func' || t === 'funcref') return { type: 'funcref', null: true };
  if (t === 'extern' || t === 'externref') return { type: 'externref', null: true };
  throw new SyntaxError(`unknown reference type ${t}`);
}

function isNanPattern(s: string): s is NanPattern {
  return s === 'nan:canonical' || s === 'nan:arithmetic';
}

/** Parses an expected result of `assert_return`. */
export function parseExpected(e: SExpr): Expected {
  if (e.kind !== 'list') throw new SyntaxError('expected a result');
  const op = atomText(e.items[0], 'a result');
  const a = e.items[1];
  if (op === 'either') return { kind: 'either', options: e.items.slice(1).map(parseExpected) };
  if ((op === 'f32.const' || op === 'f64.const') && isAtom(a) && isNanPattern(a.text)) {
    return { kind: 'nan', type: op === 'f32.const' ? 'f32' : 'f64', pattern: a.text };
  }
  if (op === 'v128.const') {
    const shape = parseShape(a);
    const lanes = e.items.slice(2).map((l) => {
      const t = atomText(l, 'a lane value');
      return isNanPattern(t) ? t : laneBits(shape, t);
    });
    if (lanes.length !== LANES[shape].count) throw new SyntaxError(`v128.const ${shape} needs ${LANES[shape].count} lanes`);
    return { kind: 'v128', shape, lanes };
  }
  if (op === 'ref.func' && a === undefined) return { kind: 'ref.func' };
  if (op === 'ref.func') return { kind: 'ref.func' };
  if (op === 'ref.extern' && a === undefined) return { kind: 'ref.extern' };
  return { kind: 'const', value: parseConst(e as SList) };
}

export function describeConst(c: Const): string {
  switch (c.type) {
    case 'i32': return `i32:${c.bits | 0}`;
    case 'i64': return `i64:${BigInt.asIntN(64, c.bits)}`;
    case 'f32': return `f32:0x${(c.bits >>> 0).toString(16).padStart(8, '0')}`;
    case 'f64': return `f64:0x${c.bits.toString(16).padStart(16, '0')}`;
    case 'v128': return `v128:0x${c.bits.toString(16).padStart(32, '0')}`;
    default: return c.null ? `${c.type}:null` : `externref:${c.id}`;
  }
}

export function describeExpected(x: Expected): string {
  switch (x.kind) {
    case 'const': return describeConst(x.value);
    case 'nan': return `${x.type}:${x.pattern}`;
    case 'v128': return `v128 ${x.shape} [${x.lanes.map((l) => (typeof l === 'bigint' ? '0x' + l.toString(16) : l)).join(' ')}]`;
    case 'ref.func': return 'funcref:<non-null>';
    case 'ref.extern': return 'externref:<non-null>';
    case 'either': return `either(${x.options.map(describeExpected).join(' | ')})`;
  }
}
