/** Test helpers for memory-access tests: a patterned memory and its expected loads, and trap checks. */
import { expect } from 'vitest';
import { Trap, type TrapCode } from '@wrl/core';

/** WAT of an exported `init` that fills the first 64 KiB page with the pattern of `byte`. */
export const PATTERN_INIT = `(func (export "init") (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 65536)))))`;

/** The byte the patterned test memory holds at address `i`. */
export function byte(i: number): number {
  return (i * 7 + 1) & 0xff;
}

/** The little-endian i32 the patterned memory holds at `ea`. */
export function load32(ea: number): number {
  return byte(ea) | (byte(ea + 1) << 8) | (byte(ea + 2) << 16) | (byte(ea + 3) << 24);
}

/** The little-endian i64 the patterned memory holds at `ea`. */
export function load64(ea: number): bigint {
  return BigInt.asIntN(64, (BigInt(load32(ea + 4) >>> 0) << 32n) | BigInt(load32(ea) >>> 0));
}

/** Expects `f` to throw a wasm trap with `code`. */
export function expectTrap(f: () => unknown, code: TrapCode): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Trap);
  expect((err as Trap).code).toBe(code);
}
