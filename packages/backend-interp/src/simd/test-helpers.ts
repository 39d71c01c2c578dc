/* Lane builders and readers used only by the *.test.ts files of this folder. */
import { SIMD_EXEC, SIMD_OPCODE_BY_NAME } from './index.js';

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, 16).slice();
}

export const i8 = (...l: number[]): Uint8Array => bytesOf(Int8Array.from(pad(l, 16)));
export const u8 = (...l: number[]): Uint8Array => Uint8Array.from(pad(l, 16));
export const i16 = (...l: number[]): Uint8Array => bytesOf(Int16Array.from(pad(l, 8)));
export const i32 = (...l: number[]): Uint8Array => bytesOf(Int32Array.from(pad(l, 4)));
export const i64 = (...l: bigint[]): Uint8Array => bytesOf(BigInt64Array.from(pad(l, 2)));
export const f32 = (...l: number[]): Uint8Array => bytesOf(Float32Array.from(pad(l, 4)));
export const f64 = (...l: number[]): Uint8Array => bytesOf(Float64Array.from(pad(l, 2)));
export const f32bits = (...l: number[]): Uint8Array => bytesOf(Uint32Array.from(pad(l, 4)));

function pad<T>(l: T[], n: number): T[] {
  if (l.length === n) return l;
  if (l.length === 1) return new Array<T>(n).fill(l[0]!);
  throw new Error(`expected 1 or ${n} lanes, got ${l.length}`);
}

const copy = (v: Uint8Array): ArrayBuffer => v.slice().buffer;
export const asI8 = (v: Uint8Array): number[] => [...new Int8Array(copy(v))];
export const asU8 = (v: Uint8Array): number[] => [...v];
export const asI16 = (v: Uint8Array): number[] => [...new Int16Array(copy(v))];
export const asU16 = (v: Uint8Array): number[] => [...new Uint16Array(copy(v))];
export const asI32 = (v: Uint8Array): number[] => [...new Int32Array(copy(v))];
export const asU32 = (v: Uint8Array): number[] => [...new Uint32Array(copy(v))];
export const asI64 = (v: Uint8Array): bigint[] => [...new BigInt64Array(copy(v))];
export const asU64 = (v: Uint8Array): bigint[] => [...new BigUint64Array(copy(v))];
export const asF32 = (v: Uint8Array): number[] => [...new Float32Array(copy(v))];
export const asF64 = (v: Uint8Array): number[] => [...new Float64Array(copy(v))];

export function opcode(name: string): number {
  const op = SIMD_OPCODE_BY_NAME.get(name);
  if (op === undefined) throw new Error(`unknown SIMD instruction ${name}`);
  return op;
}

const ZERO = new Uint8Array(16);

/** Runs a v128-only instruction by name on fresh operands and returns the result. */
export function run(name: string, a: Uint8Array, b: Uint8Array = ZERO, c: Uint8Array = ZERO): Uint8Array {
  const fn = SIMD_EXEC[opcode(name)];
  if (fn === undefined) throw new Error(`${name} is not in SIMD_EXEC`);
  const out = new Uint8Array(16);
  fn(out, a, b, c);
  return out;
}
