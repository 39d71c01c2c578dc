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

/** A fresh 16-byte register seen as bytes and as words (for callers that copy values in and out). */
export function register16(): [Uint8Array, Int32Array] {
  const b = new ArrayBuffer(16);
  return [new Uint8Array(b), new Int32Array(b)];
}

export const A = new Lanes();
export const B = new Lanes();
export const C = new Lanes();
export const R = new Lanes();

/*
 * Copies go word by word: assembling four uint32s from bytes measured about
 * twice as fast as TypedArray.prototype.set or a byte loop for 16 bytes.
 */

/** Copies the 16 bytes of `src` into register `r`. */
export function load(r: Lanes, src: Uint8Array): void {
  const w = r.u32;
  w[0] = src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24);
  w[1] = src[4] | (src[5] << 8) | (src[6] << 16) | (src[7] << 24);
  w[2] = src[8] | (src[9] << 8) | (src[10] << 16) | (src[11] << 24);
  w[3] = src[12] | (src[13] << 8) | (src[14] << 16) | (src[15] << 24);
}

/** Copies register `r` into the 16 bytes of `dst`. */
export function store(dst: Uint8Array, r: Lanes): void {
  const w = r.u32;
  for (let i = 0, k = 0; i < 4; i++, k += 4) {
    const x = w[i];
    dst[k] = x;
    dst[k + 1] = x >>> 8;
    dst[k + 2] = x >>> 16;
    dst[k + 3] = x >>> 24;
  }
}

export function in1(a: Uint8Array): void {
  load(A, a);
}

export function out(o: Uint8Array): void {
  store(o, R);
}
