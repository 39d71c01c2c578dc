/** Numeric helpers whose exact WebAssembly semantics JS operators do not give directly. */
import { Trap, TrapCode } from '@wrl/core/backend';
import type { InterpStore } from '../runtime/store.js';

export function trap(code: TrapCode): never {
  throw new Trap(code);
}

/**
 * A block's fuel charge `n` overdrew the store's window (see InterpStore.fuelLeft): refill the
 * window from the reserve and charge again, or, when window and reserve together cannot pay for
 * the block, trap with the fuel left as it was before the block.
 */
export function outOfFuel(st: InterpStore, n: number): void {
  const window = st.fuelLeft + n;
  const total = window + st.fuelReserve;
  if (total < n) {
    st.fuelLeft = window;
    trap(TrapCode.OutOfFuel);
  }
  // a charge larger than the window (only in tests, which shrink the window) takes what it needs
  const next = Math.min(total, Math.max(st.fuelWindow, n));
  st.fuelReserve = total - next;
  st.fuelLeft = next - n;
}

/** Round to nearest, ties to even, keeping the sign of zero (f32/f64.nearest). */
export function nearest(x: number): number {
  if (x !== x || x === 0 || !Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  if (t === x) return x;
  let r: number;
  if (Math.abs(x - t) === 0.5) r = 2 * Math.round(x / 2);
  else r = Math.round(x);
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

export function popcnt32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The high word of the 64-bit product of two i64s given as int32 halves (the
 * low word is Math.imul(alo, blo)). The unsigned 32x32 product of the low
 * halves is formed from 16-bit limbs, whose partial sums stay below 2^53, so
 * no BigInt is allocated.
 */
export function mul64Hi(alo: number, ahi: number, blo: number, bhi: number): number {
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const m = a1 * b0 + ((a0 * b0) >>> 16);
  const n = a0 * b1 + (m & 0xffff);
  const carry = a1 * b1 + (m >>> 16) + (n >>> 16);
  return (carry + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

export function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** Checked float-to-int conversions: trap on NaN or when the truncated value does not fit. */
export function truncI32S(x: number): number {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x > -2147483649 && x < 2147483648)) trap(TrapCode.IntegerOverflow);
  return Math.trunc(x) | 0;
}

export function truncI32U(x: number): number {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x > -1 && x < 4294967296)) trap(TrapCode.IntegerOverflow);
  return Math.trunc(x) | 0;
}

export function truncI64S(x: number): bigint {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x >= -9223372036854775808 && x < 9223372036854775808)) trap(TrapCode.IntegerOverflow);
  return BigInt(Math.trunc(x));
}

export function truncI64U(x: number): bigint {
  if (x !== x) trap(TrapCode.BadConversionToInteger);
  if (!(x > -1 && x < 18446744073709551616)) trap(TrapCode.IntegerOverflow);
  return BigInt(Math.trunc(x));
}

/** Saturating conversions (non-trapping float-to-int). */
export function satI32S(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

export function satI32U(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}

export function satI64S(x: number): bigint {
  if (x !== x) return 0n;
  if (x <= -9223372036854775808) return -9223372036854775808n;
  if (x >= 9223372036854775808) return 9223372036854775807n;
  return BigInt(Math.trunc(x));
}

export function satI64U(x: number): bigint {
  if (x !== x || x <= 0) return 0n;
  if (x >= 18446744073709551616) return 18446744073709551615n;
  return BigInt(Math.trunc(x));
}

/**
 * An unsigned 64-bit integer as a float, rounded once: Number() would round to
 * double first and Math.fround again, which can double-round; keeping a sticky
 * bit below 53 significant bits makes the final rounding exact.
 */
export function u64ToF32(u: bigint): number {
  if (u < 9007199254740992n) return Math.fround(Number(u));
  let bits = 0;
  for (let v = u; v > 0n; v >>= 1n) bits++;
  const shift = BigInt(bits - 53);
  let m = u >> shift;
  if ((u & ((1n << shift) - 1n)) !== 0n) m |= 1n;
  return Math.fround(Number(m) * 2 ** Number(shift));
}

export function i64ToF32(s: bigint): number {
  return s < 0n ? -u64ToF32(-s) : u64ToF32(s);
}
