/**
 * Preallocated 16-byte registers with every lane view. Operands are copied in,
 * the result is computed in R and copied out, so an instruction never
 * allocates and `out` may alias an operand.
 */
export class Lanes {
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u64: BigUint64Array;

  constructor() {
    const buf = new ArrayBuffer(16);
    this.u8 = new Uint8Array(buf);
    this.i8 = new Int8Array(buf);
    this.u16 = new Uint16Array(buf);
    this.i16 = new Int16Array(buf);
    this.u32 = new Uint32Array(buf);
    this.i32 = new Int32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i64 = new BigInt64Array(buf);
    this.u64 = new BigUint64Array(buf);
  }
}

/* Typed-array lane order is host byte order; WebAssembly lanes are little-endian. */
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('@wrl/backend-interp SIMD requires a little-endian host');
}

export const A = new Lanes();
export const B = new Lanes();
export const C = new Lanes();
export const R = new Lanes();

export function in1(a: Uint8Array): void {
  A.u8.set(a);
}

export function in2(a: Uint8Array, b: Uint8Array): void {
  A.u8.set(a);
  B.u8.set(b);
}

export function out(o: Uint8Array): void {
  o.set(R.u8);
}
