import { TrapCode } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { PATTERN_INIT, byte, expectTrap, load32, load64 } from './test-memory.js';
import { instantiateWat, type Setup } from './test-wat.js';

/**
 * Loads without offset whose address is `x + k` (k a constant >= 0) take k as their offset.
 * Memory (one page) holds byte i = i * 7 + 1 (mod 256). The effective address
 * is ((x + k) mod 2^32) + offset: an x that wraps the add must still reach the
 * low addresses it wraps to, and nothing past the end may load.
 */
const WAT = `(module (memory 1)
  ${PATTERN_INIT}
  (func (export "l32") (param $x i32) (result i32) (i32.load offset=4 (i32.add (local.get $x) (i32.const 1040))))
  (func (export "l64") (param $x i32) (result i64) (i64.load (i32.add (local.get $x) (i32.const 16))))
  (func (export "lf64") (param $x i32) (result i64) (i64.reinterpret_f64 (f64.load offset=1 (i32.add (local.get $x) (i32.const 8)))))
  (func (export "l8u") (param $x i32) (result i32) (i32.load8_u (i32.add (local.get $x) (i32.const 1041))))
  (func (export "l8s") (param $x i32) (result i32) (i32.load8_s offset=2 (i32.add (local.get $x) (i32.const 3))))
  (func (export "l16s") (param $x i32) (result i32) (i32.load16_s (i32.add (local.get $x) (i32.const 100))))
  (func (export "l64_32u") (param $x i32) (result i64) (i64.load32_u (i32.add (local.get $x) (i32.const 7))))
  ;; the folded load as part of a pair: load8_u then xor, shl then load (a table lookup)
  (func (export "crc_step") (param $p i32) (param $c i32) (result i32)
    (i32.xor (i32.load8_u (i32.add (local.get $p) (i32.const 1040))) (local.get $c)))
  (func (export "table") (param $i i32) (result i32)
    (i32.load (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 32040))))
  ;; not folded: a negative constant, an offset that would not fit, a sum kept in a local
  (func (export "neg") (param $x i32) (result i32) (i32.load (i32.sub (local.get $x) (i32.const 16))))
  (func (export "big") (param $x i32) (result i32) (i32.load offset=0xfffffff0 (i32.add (local.get $x) (i32.const 0x20))))
  (func (export "tee") (param $x i32) (result i32) (local $a i32)
    (i32.add (i32.load (local.tee $a (i32.add (local.get $x) (i32.const 12)))) (local.get $a))))`;

const expectOob = (f: () => unknown): void => expectTrap(f, TrapCode.MemoryOutOfBounds);

/** IR opcodes of the exported function `name` (translated by a call beforehand). */
function opsOf(s: Setup, index: number): number[] {
  const code = (s.instance.module.backend as unknown as { defs: { code: Int32Array }[] }).defs[index]!.code;
  const ops: number[] = [];
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) ops.push(code[pc]!);
  return ops;
}

const PAGE = 65536;

describe('a constant added to the address of a load without offset becomes its offset', () => {
  it('loads the same values, wraps the sum at 2^32 like the add, and traps past the end', async () => {
    const s = await instantiateWat(WAT);
    s.func('init').typed(s.store, [], []).call(s.store);
    const f = (name: string, res: 'i32' | 'i64') => s.func(name).typed(s.store, ['i32'], [res]);
    const l32 = f('l32', 'i32'), l64 = f('l64', 'i64'), lf64 = f('lf64', 'i64'), l8u = f('l8u', 'i32');
    const l8s = f('l8s', 'i32'), l16s = f('l16s', 'i32'), l64_32u = f('l64_32u', 'i64');
    for (const x of [0, 1, 77, 5000]) {
      expect(l32.call(s.store, x)).toBe(load32(x + 1044));
      expect(l64.call(s.store, x)).toBe(load64(x + 16));
      expect(lf64.call(s.store, x)).toBe(load64(x + 9));
      expect(l8u.call(s.store, x)).toBe(byte(x + 1041));
      expect(l8s.call(s.store, x)).toBe((byte(x + 5) << 24) >> 24);
      expect(l16s.call(s.store, x)).toBe(((byte(x + 100) | (byte(x + 101) << 8)) << 16) >> 16);
      expect(l64_32u.call(s.store, x)).toBe(BigInt(load32(x + 7) >>> 0));
    }
    // x + k wraps to a small address: the access is at that address plus the offset
    expect(l32.call(s.store, -1040)).toBe(load32(4));
    expect(l32.call(s.store, -1030)).toBe(load32(14));
    expect(l64.call(s.store, -16)).toBe(load64(0));
    expect(l64.call(s.store, -8)).toBe(load64(8));
    expect(lf64.call(s.store, -8)).toBe(load64(1));
    expect(l8u.call(s.store, -1041)).toBe(byte(0));
    expect(l8u.call(s.store, -1)).toBe(byte(1040));
    expect(l8s.call(s.store, -3)).toBe((byte(2) << 24) >> 24);
    expect(l16s.call(s.store, -99)).toBe(((byte(1) | (byte(2) << 8)) << 16) >> 16);
    expect(l64_32u.call(s.store, -7)).toBe(BigInt(load32(0) >>> 0));
    // past the end, without and with the wrap
    expectOob(() => l32.call(s.store, PAGE - 1044 - 3));
    expectOob(() => l32.call(s.store, -1041));
    expectOob(() => l64.call(s.store, PAGE - 16 - 7));
    expectOob(() => l64.call(s.store, -17));
    expectOob(() => l8u.call(s.store, PAGE - 1041));
    expectOob(() => l8u.call(s.store, -1042));
    expectOob(() => lf64.call(s.store, -9));
    expect(l8u.call(s.store, PAGE - 1042)).toBe(byte(PAGE - 1));
    // folded where the load has no offset of its own (l64, l8u, l16s, l64_32u)
    for (const i of [2, 4, 6, 7]) expect(opsOf(s, i)).not.toContain(Op.I32AddImm);
    expect(opsOf(s, 1)).toContain(Op.I32AddImmThenLoad);
  });

  it('inside pairs: load8_u then xor, and shl then load', async () => {
    const s = await instantiateWat(WAT);
    s.func('init').typed(s.store, [], []).call(s.store);
    const crc = s.func('crc_step').typed(s.store, ['i32', 'i32'], ['i32']);
    const table = s.func('table').typed(s.store, ['i32'], ['i32']);
    expect(crc.call(s.store, 3, 0x55)).toBe(byte(1043) ^ 0x55);
    expect(crc.call(s.store, -1040, 0x55)).toBe(byte(0) ^ 0x55);
    expectOob(() => crc.call(s.store, -1041, 0));
    expect(table.call(s.store, 10)).toBe(load32(32080));
    // (i << 2) + 32040 wraps to 8
    expect(table.call(s.store, (0x100000000 - 32032) / 4)).toBe(load32(8));
    expectOob(() => table.call(s.store, (PAGE - 32040) / 4));
    expect(opsOf(s, 8)).toContain(Op.I32Load8UThenXor);
    expect(opsOf(s, 9)).toContain(Op.I32ShlImmThenLoad);
    expect(opsOf(s, 8)).not.toContain(Op.I32AddImm);
  });

  it('leaves negative constants, loads with offsets and kept sums alone', async () => {
    const s = await instantiateWat(WAT);
    s.func('init').typed(s.store, [], []).call(s.store);
    const neg = s.func('neg').typed(s.store, ['i32'], ['i32']);
    const big = s.func('big').typed(s.store, ['i32'], ['i32']);
    const tee = s.func('tee').typed(s.store, ['i32'], ['i32']);
    expect(neg.call(s.store, 16)).toBe(load32(0));
    expect(neg.call(s.store, 100)).toBe(load32(84));
    expectOob(() => neg.call(s.store, 15));
    // (x + 0x20) wraps to 0 for x = -0x20, then + 0xfffffff0 is past the end
    expectOob(() => big.call(s.store, -0x20));
    expectOob(() => big.call(s.store, 0));
    expect(tee.call(s.store, 20)).toBe((load32(32) + 32) | 0);
    expect(tee.call(s.store, -12)).toBe(load32(0));
  });
});
