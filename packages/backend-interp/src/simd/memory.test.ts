import { describe, expect, it } from 'vitest';
import { simdLoad, simdLoadLane, simdStore, simdStoreLane, v128FromBigInt, v128ToBigInt } from './index.js';
import { asI16, asI32, asI64, asU16, asU32, asU64, asU8, opcode } from './test-helpers.js';

/** Memory whose byte i is (i * 0x11 + 0x80) & 0xff, so sign bits vary. */
const memory = (): Uint8Array => Uint8Array.from({ length: 64 }, (_, i) => (i * 0x11 + 0x80) & 0xff);

const load = (name: string, addr: number): Uint8Array => {
  const out = new Uint8Array(16).fill(0xee);
  simdLoad(opcode(name), memory(), addr, out);
  return out;
};

describe('SIMD loads', () => {
  it('v128.load copies 16 bytes from the address', () => {
    expect(asU8(load('v128.load', 5))).toEqual([...memory().subarray(5, 21)]);
  });

  it('extending loads widen 8 bytes with sign or zero extension', () => {
    // bytes at 0: 80 91 a2 b3 c4 d5 e6 f7; at 1: 91 a2 b3 c4 d5 e6 f7 08
    expect(asI16(load('v128.load8x8_s', 0))).toEqual([-128, -111, -94, -77, -60, -43, -26, -9]);
    expect(asU16(load('v128.load8x8_u', 0))).toEqual([0x80, 0x91, 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7]);
    expect(asI32(load('v128.load16x4_s', 1))).toEqual([0xa291 - 0x10000, 0xc4b3 - 0x10000, 0xe6d5 - 0x10000, 0x08f7]);
    expect(asU32(load('v128.load16x4_u', 1))).toEqual([0xa291, 0xc4b3, 0xe6d5, 0x08f7]);
    expect(asI64(load('v128.load32x2_s', 0))).toEqual([BigInt.asIntN(32, 0xb3a29180n), BigInt.asIntN(32, 0xf7e6d5c4n)]);
    expect(asU64(load('v128.load32x2_s', 5))).toEqual([0x08f7e6d5n, 0x4c3b2a19n]);
    expect(asU64(load('v128.load32x2_u', 0))).toEqual([0xb3a29180n, 0xf7e6d5c4n]);
  });

  it('splat loads repeat 1, 2, 4 or 8 bytes', () => {
    expect(asU8(load('v128.load8_splat', 3))).toEqual(new Array(16).fill(0xb3));
    expect(asU16(load('v128.load16_splat', 3))).toEqual(new Array(8).fill(0xc4b3));
    expect(asU32(load('v128.load32_splat', 3))).toEqual(new Array(4).fill(0xe6d5c4b3));
    expect(asU64(load('v128.load64_splat', 3))).toEqual([0x2a1908f7e6d5c4b3n, 0x2a1908f7e6d5c4b3n]);
  });

  it('zero loads fill the rest with zeros', () => {
    expect(asU32(load('v128.load32_zero', 0))).toEqual([0xb3a29180, 0, 0, 0]);
    expect(asU64(load('v128.load64_zero', 0))).toEqual([0xf7e6d5c4b3a29180n, 0n]);
  });

  it('lane loads replace one lane and keep the rest', () => {
    const v = Uint8Array.from({ length: 16 }, (_, i) => i);
    const out = new Uint8Array(16);
    simdLoadLane(opcode('v128.load8_lane'), memory(), 2, v, 15, out);
    expect(asU8(out)).toEqual([...Array.from({ length: 15 }, (_, i) => i), 0xa2]);
    simdLoadLane(opcode('v128.load16_lane'), memory(), 2, v, 1, out);
    expect(asU8(out)).toEqual([0, 1, 0xa2, 0xb3, ...Array.from({ length: 12 }, (_, i) => i + 4)]);
    simdLoadLane(opcode('v128.load32_lane'), memory(), 0, v, 3, out);
    expect(asU32(out)).toEqual([0x03020100, 0x07060504, 0x0b0a0908, 0xb3a29180]);
    simdLoadLane(opcode('v128.load64_lane'), memory(), 0, v, 0, v);
    expect(asU64(v)).toEqual([0xf7e6d5c4b3a29180n, 0x0f0e0d0c0b0a0908n]);
  });
});

describe('SIMD stores', () => {
  const v = Uint8Array.from({ length: 16 }, (_, i) => 0xc0 + i);

  it('v128.store writes 16 bytes and nothing else', () => {
    const mem = new Uint8Array(40);
    simdStore(mem, 7, v);
    expect([...mem]).toEqual([...new Array(7).fill(0), ...v, ...new Array(17).fill(0)]);
  });

  it('lane stores write one lane', () => {
    const cases: [string, number, number[]][] = [
      ['v128.store8_lane', 15, [0xcf]],
      ['v128.store16_lane', 7, [0xce, 0xcf]],
      ['v128.store32_lane', 1, [0xc4, 0xc5, 0xc6, 0xc7]],
      ['v128.store64_lane', 1, [0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf]],
    ];
    for (const [name, lane, bytes] of cases) {
      const mem = new Uint8Array(20);
      simdStoreLane(opcode(name), mem, 3, v, lane);
      expect([...mem], name).toEqual([0, 0, 0, ...bytes, ...new Array(17 - bytes.length).fill(0)]);
    }
  });

  it('reject opcodes that are not memory instructions', () => {
    expect(() => simdLoad(opcode('i8x16.add'), memory(), 0, new Uint8Array(16))).toThrow(RangeError);
    expect(() => simdStoreLane(opcode('v128.load8_lane') - 1, memory(), 0, v, 0)).toThrow(RangeError);
  });
});

describe('v128 <-> bigint', () => {
  it('puts lane 0 in the low bits', () => {
    const v = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const n = v128ToBigInt(v);
    expect(n).toBe(0x100f0e0d0c0b0a090807060504030201n);
    const back = new Uint8Array(16);
    v128FromBigInt(back, n);
    expect(back).toEqual(v);
    v128FromBigInt(back, -1n);
    expect([...back]).toEqual(new Array(16).fill(0xff));
    expect(v128ToBigInt(back)).toBe((1n << 128n) - 1n);
  });
});
