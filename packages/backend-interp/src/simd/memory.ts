import type { V128 } from './types.js';

/*
 * SIMD memory access. `addr` is the effective address (memarg offset already
 * added); the interpreter has already checked addr + memBytes <= mem.length
 * and trapped otherwise. Loads write `out`, which may alias the v128 operand.
 */

/** Every load whose kind is 'load' (v128.load, the extending loads, load*_splat, load*_zero). */
export function simdLoad(op: number, mem: Uint8Array, addr: number, out: V128): void {
  switch (op) {
    case 0x00: // v128.load
      for (let i = 0; i < 16; i++) out[i] = mem[addr + i];
      return;
    case 0x01: // v128.load8x8_s
      for (let i = 0; i < 8; i++) { const b = mem[addr + i]; out[2 * i] = b; out[2 * i + 1] = b & 0x80 ? 0xff : 0; }
      return;
    case 0x02: // v128.load8x8_u
      for (let i = 0; i < 8; i++) { out[2 * i] = mem[addr + i]; out[2 * i + 1] = 0; }
      return;
    case 0x03: // v128.load16x4_s
    case 0x04: { // v128.load16x4_u
      const signed = op === 0x03;
      for (let i = 0; i < 4; i++) {
        const hi = mem[addr + 2 * i + 1];
        const ext = signed && hi & 0x80 ? 0xff : 0;
        out[4 * i] = mem[addr + 2 * i];
        out[4 * i + 1] = hi;
        out[4 * i + 2] = ext;
        out[4 * i + 3] = ext;
      }
      return;
    }
    case 0x05: // v128.load32x2_s
    case 0x06: { // v128.load32x2_u
      const signed = op === 0x05;
      for (let i = 0; i < 2; i++) {
        for (let k = 0; k < 4; k++) out[8 * i + k] = mem[addr + 4 * i + k];
        const ext = signed && mem[addr + 4 * i + 3] & 0x80 ? 0xff : 0;
        for (let k = 4; k < 8; k++) out[8 * i + k] = ext;
      }
      return;
    }
    case 0x07: // v128.load8_splat
      out.fill(mem[addr]);
      return;
    case 0x08: // v128.load16_splat
      splat(mem, addr, 2, out);
      return;
    case 0x09: // v128.load32_splat
      splat(mem, addr, 4, out);
      return;
    case 0x0a: // v128.load64_splat
      splat(mem, addr, 8, out);
      return;
    case 0x5c: // v128.load32_zero
      for (let i = 0; i < 4; i++) out[i] = mem[addr + i];
      out.fill(0, 4);
      return;
    case 0x5d: // v128.load64_zero
      for (let i = 0; i < 8; i++) out[i] = mem[addr + i];
      out.fill(0, 8);
      return;
    default:
      throw new RangeError(`0xfd ${op} is not a SIMD load`);
  }
}

function splat(mem: Uint8Array, addr: number, size: number, out: V128): void {
  for (let i = 0; i < 16; i++) out[i] = mem[addr + (i % size)];
}

/** v128.store (0x0b). */
export function simdStore(mem: Uint8Array, addr: number, v: V128): void {
  for (let i = 0; i < 16; i++) mem[addr + i] = v[i];
}

/** Bytes per lane of v128.load*_lane (0x54-0x57) and v128.store*_lane (0x58-0x5b). */
function laneBytes(op: number): number {
  if (op >= 0x54 && op <= 0x5b) return 1 << ((op - 0x54) & 3);
  throw new RangeError(`0xfd ${op} is not a SIMD lane load/store`);
}

/** v128.load{8,16,32,64}_lane: out = v with lane `lane` replaced from memory. */
export function simdLoadLane(op: number, mem: Uint8Array, addr: number, v: V128, lane: number, out: V128): void {
  const size = laneBytes(op);
  if (out !== v) for (let i = 0; i < 16; i++) out[i] = v[i];
  const at = lane * size;
  for (let i = 0; i < size; i++) out[at + i] = mem[addr + i];
}

/** v128.store{8,16,32,64}_lane: writes lane `lane` of v to memory. */
export function simdStoreLane(op: number, mem: Uint8Array, addr: number, v: V128, lane: number): void {
  const size = laneBytes(op);
  const at = lane * size;
  for (let i = 0; i < size; i++) mem[addr + i] = v[at + i];
}
