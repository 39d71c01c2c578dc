/** Comparing actual results with what a script expects, bit for bit. */
import { ExternRef, Func, Value, type PublicValue, type Store } from '@wrl/core';
import { LANES, describeExpected, unpackLanes, type Const, type Expected, type NanPattern } from '../wast/values.js';

/** The host objects standing for `ref.extern N`: one per N and store, compared by identity. */
export class ExternIds {
  readonly #objects = new Map<number, object>();
  readonly #refs = new Map<number, ExternRef>();

  object(id: number): object {
    let o = this.#objects.get(id);
    if (o === undefined) this.#objects.set(id, (o = Object.freeze({ externId: id })));
    return o;
  }

  ref(store: Store<unknown>, id: number): ExternRef {
    let r = this.#refs.get(id);
    if (r === undefined) this.#refs.set(id, (r = new ExternRef(store, this.object(id))));
    return r;
  }
}

export function constToValue(c: Const, store: Store<unknown>, ids: ExternIds): PublicValue {
  switch (c.type) {
    case 'i32': return Value.i32(c.bits | 0);
    case 'i64': return Value.i64(BigInt.asIntN(64, c.bits));
    case 'f32': return Value.f32FromBits(c.bits >>> 0);
    case 'f64': return Value.f64FromBits(c.bits);
    case 'v128': return Value.v128(c.bits);
    case 'funcref': return Value.funcref(null);
    case 'externref': return c.null ? Value.externref(null) : Value.externref(ids.ref(store, c.id));
  }
}

function nanMatches(bits: bigint, width: 32 | 64, pattern: NanPattern): boolean {
  const fracBits = width === 32 ? 23n : 52n;
  const expMask = width === 32 ? 0xffn : 0x7ffn;
  const exp = (bits >> fracBits) & expMask;
  const frac = bits & ((1n << fracBits) - 1n);
  const quiet = 1n << (fracBits - 1n);
  if (exp !== expMask) return false;
  return pattern === 'nan:canonical' ? frac === quiet : (frac & quiet) !== 0n;
}

function bitsOf(v: PublicValue): bigint | undefined {
  switch (v.type) {
    case 'i32': return BigInt((v.value as number) >>> 0);
    case 'i64': return BigInt.asUintN(64, v.value as bigint);
    case 'f32': return BigInt(v.f32Bits() >>> 0);
    case 'f64': return v.f64Bits();
    case 'v128': return BigInt.asUintN(128, v.value as bigint);
    default: return undefined;
  }
}

export function matches(x: Expected, v: PublicValue, store: Store<unknown>, ids: ExternIds): boolean {
  if (!(v instanceof Value)) return false;
  switch (x.kind) {
    case 'either':
      return x.options.some((o) => matches(o, v, store, ids));
    case 'nan':
      return v.type === x.type && nanMatches(bitsOf(v)!, x.type === 'f32' ? 32 : 64, x.pattern);
    case 'ref.func':
      return v.type === 'funcref' && v.value instanceof Func;
    case 'ref.extern':
      return v.type === 'externref' && v.value instanceof ExternRef;
    case 'v128': {
      if (v.type !== 'v128') return false;
      const lanes = unpackLanes(x.shape, v.value as bigint);
      const width = LANES[x.shape].bits;
      return x.lanes.every((want, i) => (typeof want === 'bigint' ? lanes[i] === want : nanMatches(lanes[i]!, width as 32 | 64, want)));
    }
    case 'const': {
      const c = x.value;
      if (v.type !== c.type) return false;
      if (c.type === 'funcref' || c.type === 'externref') {
        if (c.null) return v.value === null;
        return v.value instanceof ExternRef && v.value.downcast(store) === ids.object(c.id);
      }
      return bitsOf(v) === BigInt.asUintN(c.type === 'v128' ? 128 : c.type === 'i32' || c.type === 'f32' ? 32 : 64, BigInt((c as { bits: number | bigint }).bits));
    }
  }
}

export function describeActual(v: PublicValue, store: Store<unknown>): string {
  if (!(v instanceof Value)) return String(v);
  switch (v.type) {
    case 'i32': return `i32:${v.value as number}`;
    case 'i64': return `i64:${v.value as bigint}`;
    case 'f32': return `f32:0x${v.f32Bits().toString(16).padStart(8, '0')} (${v.value as number})`;
    case 'f64': return `f64:0x${v.f64Bits().toString(16).padStart(16, '0')} (${v.value as number})`;
    case 'v128': return `v128:0x${(v.value as bigint).toString(16).padStart(32, '0')}`;
    default: {
      if (v.value === null) return `${v.type}:null`;
      if (v.value instanceof ExternRef) {
        const host = v.value.downcast(store) as { externId?: number } | undefined;
        return `externref:${host?.externId ?? '<foreign>'}`;
      }
      return `${v.type}:<func>`;
    }
  }
}

/** Whether checking `x` needs NaN payloads to cross the host API bit-exact. */
export function needsExactNan(x: Expected): boolean {
  if (x.kind === 'either') return x.options.some(needsExactNan);
  if (x.kind !== 'const') return false;
  const c = x.value;
  if (c.type === 'f32') return ((c.bits >>> 23) & 0xff) === 0xff && (c.bits & 0x7fffff) !== 0;
  if (c.type === 'f64') return ((c.bits >> 52n) & 0x7ffn) === 0x7ffn && (c.bits & ((1n << 52n) - 1n)) !== 0n;
  return false;
}

export { describeExpected };
