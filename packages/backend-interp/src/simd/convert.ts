import type { V128 } from './types.js';

/* Conversions between the interpreter's byte form and @wrl/core's Value.v128 bigint (lane 0 in the low bits). */

/** The unsigned 128-bit integer whose little-endian bytes are `v`. */
export function v128ToBigInt(v: V128): bigint {
  let n = 0n;
  for (let i = 15; i >= 0; i--) n = (n << 8n) | BigInt(v[i]);
  return n;
}

/** Writes the low 128 bits of `n` (two's complement for negative n) into `out`, little-endian. */
export function v128FromBigInt(out: V128, n: bigint): void {
  let x = BigInt.asUintN(128, n);
  for (let i = 0; i < 16; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
}
