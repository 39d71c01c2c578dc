import { ValueType } from './types.js';

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const u64Scratch = new BigUint64Array(f64Scratch.buffer);

/**
 * Exact bit patterns of NaN floats. A JS number cannot carry a signalling f32
 * NaN (converting it quiets it), so NaNs made from bits keep their bits here.
 */
const nanBits = new WeakMap<object, number | bigint>();

const I32_MIN = -0x80000000;
const U32_MAX = 0xffffffff;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** What a value of each type holds. F is the function-reference type, X the extern-reference type. */
export type ValuePayload<F = unknown, X = unknown> = number | bigint | F | X | null;

/**
 * A WebAssembly value: `type` says which kind, `value` holds it.
 * i32, f32 and f64 hold a number, i64 a bigint (signed), v128 a bigint in
 * [0, 2^128) (lane 0 in the low bits), funcref a `Func` or null, externref an
 * `ExternRef` or null. Two equal values are deep-equal.
 *
 * The type parameters are the reference types: `Func`/`ExternRef` in the
 * public API, a backend's own handles across the backend interface.
 */
export class Value<F = unknown, X = unknown> {
  private constructor(
    readonly type: ValueType,
    readonly value: ValuePayload<F, X>,
  ) {}

  /** An i32. Accepts signed or unsigned 32-bit integers; holds the signed form. */
  static i32(n: number): Value<never, never> {
    const i = n | 0;
    if (i === n) return new Value<never, never>(ValueType.I32, i); // -0 becomes 0

    if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`Value.i32 expects an integer number, got ${describe(n)}`);
    if (n < I32_MIN || n > U32_MAX) throw new RangeError(`Value.i32: ${n} is outside the 32-bit range`);
    return new Value<never, never>(ValueType.I32, n | 0);
  }

  /** An i64 from a bigint. Accepts signed or unsigned 64-bit integers; holds the signed form. */
  static i64(n: bigint): Value<never, never> {
    if (typeof n !== 'bigint') throw new TypeError(`Value.i64 expects a bigint, got ${describe(n)}`);
    if (n < I64_MIN || n > U64_MAX) throw new RangeError(`Value.i64: ${n} is outside the 64-bit range`);
    return new Value<never, never>(ValueType.I64, BigInt.asIntN(64, n));
  }

  /** An f32; the number is rounded to single precision. */
  static f32(n: number): Value<never, never> {
    if (typeof n !== 'number') throw new TypeError(`Value.f32 expects a number, got ${describe(n)}`);
    return new Value<never, never>(ValueType.F32, Math.fround(n));
  }

  /** An f32 from its IEEE-754 bits, exact even for signalling NaNs. */
  static f32FromBits(bits: number): Value<never, never> {
    if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < I32_MIN || bits > U32_MAX) throw new TypeError(`Value.f32FromBits expects 32-bit integer bits, got ${describe(bits)}`);
    u32Scratch[0] = bits >>> 0;
    const n = f32Scratch[0]!;
    const v = new Value<never, never>(ValueType.F32, n);
    if (n !== n) nanBits.set(v, bits >>> 0);
    return v;
  }

  static f64(n: number): Value<never, never> {
    if (typeof n !== 'number') throw new TypeError(`Value.f64 expects a number, got ${describe(n)}`);
    return new Value<never, never>(ValueType.F64, n);
  }

  /** An f64 from its IEEE-754 bits, exact for every NaN payload. */
  static f64FromBits(bits: bigint): Value<never, never> {
    if (typeof bits !== 'bigint' || bits < I64_MIN || bits > U64_MAX) throw new TypeError(`Value.f64FromBits expects 64-bit bigint bits, got ${describe(bits)}`);
    const b = BigInt.asUintN(64, bits);
    u64Scratch[0] = b;
    const n = f64Scratch[0]!;
    const v = new Value<never, never>(ValueType.F64, n);
    if (n !== n) nanBits.set(v, b);
    return v;
  }

  /** A v128 from a 128-bit bigint or 16 little-endian bytes. */
  static v128(x: bigint | Uint8Array): Value<never, never> {
    let n: bigint;
    if (typeof x === 'bigint') {
      if (x < -(1n << 127n) || x > U128_MAX) throw new RangeError(`Value.v128: ${x} is outside the 128-bit range`);
      n = BigInt.asUintN(128, x);
    } else if (x instanceof Uint8Array) {
      if (x.length !== 16) throw new RangeError(`Value.v128 expects 16 bytes, got ${x.length}`);
      n = 0n;
      for (let i = 15; i >= 0; i--) n = (n << 8n) | BigInt(x[i]!);
    } else {
      throw new TypeError(`Value.v128 expects a bigint or 16 bytes, got ${describe(x)}`);
    }
    return new Value<never, never>(ValueType.V128, n);
  }

  static funcref(f: null): Value<never, never>;
  static funcref<F>(f: F | null): Value<F, never>;
  static funcref<F>(f: F | null): Value<F, never> {
    if (f === undefined) throw new TypeError('Value.funcref expects a Func or null, got undefined');
    return new Value<F, never>(ValueType.FuncRef, f);
  }

  static externref(x: null): Value<never, never>;
  static externref<X>(x: X | null): Value<never, X>;
  static externref<X>(x: X | null): Value<never, X> {
    if (x === undefined) throw new TypeError('Value.externref expects an ExternRef or null, got undefined');
    return new Value<never, X>(ValueType.ExternRef, x);
  }

  /** The zero value of a type: 0, 0n, +0.0 or a null reference. */
  static default(type: ValueType): Value<never, never> {
    switch (type) {
      case 'i32': return ZERO_I32;
      case 'i64': return ZERO_I64;
      case 'f32': return ZERO_F32;
      case 'f64': return ZERO_F64;
      case 'v128': return ZERO_V128;
      case 'funcref': return NULL_FUNC;
      case 'externref': return NULL_EXTERN;
    }
    throw new TypeError(`${describe(type)} is not a value type`);
  }

  /**
   * A value with the same number payload and a different reference payload;
   * used when translating references between the API and a backend.
   */
  static ref<F, X>(type: 'funcref' | 'externref', ref: F | X | null): Value<F, X> {
    return new Value<F, X>(type, ref);
  }

  /** The IEEE-754 bits of an f32 value, exact for NaNs made from bits. */
  f32Bits(): number {
    if (this.type !== ValueType.F32) throw new TypeError(`f32Bits() called on a ${this.type} value`);
    const b = nanBits.get(this);
    if (b !== undefined) return b as number;
    f32Scratch[0] = this.value as number;
    return u32Scratch[0]!;
  }

  /** The IEEE-754 bits of an f64 value, exact for NaNs made from bits. */
  f64Bits(): bigint {
    if (this.type !== ValueType.F64) throw new TypeError(`f64Bits() called on a ${this.type} value`);
    const b = nanBits.get(this);
    if (b !== undefined) return b as bigint;
    f64Scratch[0] = this.value as number;
    return u64Scratch[0]!;
  }

  /** The 16 little-endian bytes of a v128 value. */
  v128Bytes(): Uint8Array {
    if (this.type !== ValueType.V128) throw new TypeError(`v128Bytes() called on a ${this.type} value`);
    const out = new Uint8Array(16);
    let n = this.value as bigint;
    for (let i = 0; i < 16; i++) {
      out[i] = Number(n & 0xffn);
      n >>= 8n;
    }
    return out;
  }

  toString(): string {
    const v = this.value;
    if (v === null) return `${this.type}:null`;
    if (typeof v === 'object' || typeof v === 'function') return `${this.type}:<ref>`;
    return `${this.type}:${String(v)}`;
  }
}

const ZERO_I32 = Value.i32(0);
const ZERO_I64 = Value.i64(0n);
const ZERO_F32 = Value.f32(0);
const ZERO_F64 = Value.f64(0);
const ZERO_V128 = Value.v128(0n);
const NULL_FUNC = Value.funcref<never>(null);
const NULL_EXTERN = Value.externref<never>(null);

/** Throws a TypeError unless `v` is a Value of type `expected`. */
export function checkValueType(v: unknown, expected: ValueType, where: string): asserts v is Value {
  if (!(v instanceof Value)) throw new TypeError(`${where}: expected a Value of type ${expected}, got ${describe(v)}`);
  if (v.type !== expected) throw new TypeError(`${where}: expected a value of type ${expected}, got ${v.type}`);
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Value) return `Value(${x.type})`;
  if (typeof x === 'object') return x.constructor?.name ?? 'object';
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'string') return JSON.stringify(x);
  return `${typeof x} ${String(x)}`;
}


