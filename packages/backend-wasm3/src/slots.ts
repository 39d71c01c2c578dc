/**
 * The slot buffer shared with the addon: 64-bit little-endian slots, as on
 * wasm3's stack (i32/f32 in the low half). Arguments, results, host-call
 * values and global values cross through it, so a call hands the addon only
 * a function id. Calls are synchronous on one thread, so one buffer serves
 * every store; values are read at entry and written at exit of each call.
 */
import { Value, type BackendValue, type ValueType } from '@wrl/core/backend';
import { loadAddon } from './native.js';

const SLOT_COUNT = 1024;
const buffer = new ArrayBuffer(SLOT_COUNT * 8);
const i32 = new Int32Array(buffer);
const u32 = new Uint32Array(buffer);
const f32 = new Float32Array(buffer);
const f64 = new Float64Array(buffer);
const i64 = new BigInt64Array(buffer);
const u64 = new BigUint64Array(buffer);

let registered = false;

/** Registers the buffer with the addon (once per thread). */
export function registerSlots(): void {
  if (registered) return;
  loadAddon().setSlots(buffer);
  registered = true;
}

/** wasm3's M3ValueType code of a value type. */
export function m3TypeCode(t: ValueType): number {
  switch (t) {
    case 'i32': return 1;
    case 'i64': return 2;
    case 'f32': return 3;
    case 'f64': return 4;
    default: throw new TypeError(`wasm3 slots hold no ${t} values`);
  }
}

export function writeValue(slot: number, v: BackendValue): void {
  switch (v.type) {
    case 'i32': i32[slot * 2] = v.value as number; return;
    case 'i64': i64[slot] = v.value as bigint; return;
    case 'f32': u32[slot * 2] = v.f32Bits(); return;
    case 'f64': u64[slot] = v.f64Bits(); return;
    default: throw new TypeError(`wasm3 slots hold no ${v.type} values`);
  }
}

export function readValue(slot: number, t: ValueType): BackendValue {
  switch (t) {
    case 'i32': return Value.i32(i32[slot * 2]!);
    case 'i64': return Value.i64(i64[slot]!);
    case 'f32': {
      const n = f32[slot * 2]!;
      // NaNs keep their exact bits; reading the number would canonicalise them.
      return n === n ? Value.f32(n) : Value.f32FromBits(u32[slot * 2]!);
    }
    case 'f64': {
      const n = f64[slot]!;
      return n === n ? Value.f64(n) : Value.f64FromBits(u64[slot]!);
    }
    default: throw new TypeError(`wasm3 slots hold no ${t} values`);
  }
}

/** Writes a plain JS value (number, or bigint for i64) as in typed calls. */
export function writeJs(slot: number, t: ValueType, x: unknown): void {
  switch (t) {
    case 'i32': i32[slot * 2] = x as number; return;
    case 'i64': i64[slot] = x as bigint; return;
    case 'f32': f32[slot * 2] = x as number; return;
    default: f64[slot] = x as number;
  }
}

export function readJs(slot: number, t: ValueType): number | bigint {
  switch (t) {
    case 'i32': return i32[slot * 2]!;
    case 'i64': return i64[slot]!;
    case 'f32': return f32[slot * 2]!;
    default: return f64[slot]!;
  }
}

export { SLOT_COUNT };
