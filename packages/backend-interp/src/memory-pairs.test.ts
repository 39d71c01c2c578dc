import { TrapCode } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { PATTERN_INIT, expectTrap, load32, load64 } from './test-memory.js';
import { instantiateWat, irOpcodes } from './test-wat.js';

/**
 * Memory holds byte i = i * 7 + 1 (mod 256) in its first 64 KiB page; the
 * functions are instruction pairs (two loads, a load and a store, a pointer
 * plus a constant and the access or copy after it) that run in one dispatch.
 */
const WAT = `(module (memory 1)
  ${PATTERN_INIT}
  (func (export "load2") (param $a i32) (param $b i32) (result i32)
    (i32.sub (i32.load offset=12 (local.get $a)) (i32.load offset=2 (local.get $b))))
  (func (export "load2_64") (param $a i32) (param $b i32) (result i64)
    (i64.sub (i64.load offset=8 (local.get $a)) (i64.load (local.get $b))))
  (func (export "load2_f64") (param $a i32) (param $b i32) (param $c i32) (result i64)
    (i64.reinterpret_f64 (select (f64.load (local.get $a)) (f64.load offset=3 (local.get $b)) (local.get $c))))
  (func (export "copy64") (param $d i32) (param $s i32)
    (i64.store offset=8 (local.get $d) (i64.load offset=16 (local.get $s))))
  (func (export "copy_f64") (param $d i32) (param $s i32)
    (f64.store (local.get $d) (f64.load (local.get $s))))
  (func (export "copy32") (param $d i32) (param $s i32)
    (i32.store offset=4 (local.get $d) (i32.load offset=1 (local.get $s))))
  (func (export "field") (param $p i32) (result i32)
    (i32.load offset=4 (i32.add (local.get $p) (i32.const 1040))))
  (func (export "field64") (param $p i32) (result i64)
    (i64.load offset=2 (i32.add (local.get $p) (i32.const 8))))
  (func (export "step") (param $p i32) (result i64) (local $q i32)
    (local.set $q (local.tee $p (i32.add (local.get $p) (i32.const -16))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.extend_i32_u (local.get $q))))
  (func (export "get64") (param $a i32) (result i64) (i64.load (local.get $a)))
  (func (export "put64") (param $a i32) (param $v i64) (i64.store (local.get $a) (local.get $v))))`;

async function setup() {
  const s = await instantiateWat(WAT);
  s.func('init').typed(s.store, [], []).call(s.store);
  return s;
}

const OOB = TrapCode.MemoryOutOfBounds;
const LAST = 65536;

describe('memory instruction pairs in one dispatch', () => {
  it('two loads: values, and a trap from either one (offsets past 4 GiB included)', async () => {
    const s = await setup();
    const load2 = s.func('load2').typed(s.store, ['i32', 'i32'], ['i32']);
    const load2_64 = s.func('load2_64').typed(s.store, ['i32', 'i32'], ['i64']);
    for (const [a, b] of [[0, 0], [5, 100], [LAST - 16, LAST - 6], [1000, 3]]) {
      expect(load2.call(s.store, a!, b!)).toBe((load32(a! + 12) - load32(b! + 2)) | 0);
    }
    for (const [a, b] of [[0, 0], [5, 100], [LAST - 16, LAST - 8], [1000, 3]]) {
      expect(load2_64.call(s.store, a!, b!)).toBe(BigInt.asIntN(64, load64(a! + 8) - load64(b!)));
    }
    expectTrap(() => load2.call(s.store, LAST - 15, 0), OOB);
    expectTrap(() => load2.call(s.store, 0, LAST - 5), OOB);
    expectTrap(() => load2.call(s.store, -8, 0), OOB);
    expectTrap(() => load2.call(s.store, 0, -1), OOB);
    expectTrap(() => load2_64.call(s.store, LAST - 15, 0), OOB);
    expectTrap(() => load2_64.call(s.store, 0, LAST - 7), OOB);
    expectTrap(() => load2_64.call(s.store, -8, 0), OOB);
    const seen = irOpcodes(s);
    expect(seen.has(Op.I32LoadThenLoad)).toBe(true);
    expect(seen.has(Op.I64LoadThenLoad)).toBe(true);
  });

  it('two f64 loads keep NaN payloads', async () => {
    const s = await setup();
    const put64 = s.func('put64').typed(s.store, ['i32', 'i64'], []);
    const f = s.func('load2_f64').typed(s.store, ['i32', 'i32', 'i32'], ['i64']);
    const snan = 0x7ff0000000000001n, nanPayload = -0x7fffffffffff0n;
    put64.call(s.store, 64, snan);
    put64.call(s.store, 131, nanPayload);
    expect(f.call(s.store, 64, 128, 1)).toBe(snan);
    expect(f.call(s.store, 64, 128, 0)).toBe(nanPayload);
    expectTrap(() => f.call(s.store, 64, LAST - 10, 1), OOB);
    expect(irOpcodes(s).has(Op.I64LoadThenLoad)).toBe(true);
  });

  it('load then store (8- and 4-byte copies); a trapping load stores nothing', async () => {
    const s = await setup();
    const copy64 = s.func('copy64').typed(s.store, ['i32', 'i32'], []);
    const copyF64 = s.func('copy_f64').typed(s.store, ['i32', 'i32'], []);
    const copy32 = s.func('copy32').typed(s.store, ['i32', 'i32'], []);
    const get64 = s.func('get64').typed(s.store, ['i32'], ['i64']);
    const put64 = s.func('put64').typed(s.store, ['i32', 'i64'], []);
    copy64.call(s.store, 4000, 100);
    expect(get64.call(s.store, 4008)).toBe(load64(116));
    put64.call(s.store, 200, 0x7ff4000000000abcn);
    copyF64.call(s.store, 5000, 200);
    expect(get64.call(s.store, 5000)).toBe(0x7ff4000000000abcn);
    copy32.call(s.store, 6000, 301);
    expect(get64.call(s.store, 6004) & 0xffffffffn).toBe(BigInt(load32(302) >>> 0));
    const before = get64.call(s.store, 7008);
    expectTrap(() => copy64.call(s.store, 7000, LAST - 20), OOB);
    expect(get64.call(s.store, 7008)).toBe(before);
    // a store that does not fit writes none of its bytes
    const tail = get64.call(s.store, LAST - 8);
    expectTrap(() => copy64.call(s.store, LAST - 12, 0), OOB);
    expect(get64.call(s.store, LAST - 8)).toBe(tail);
    expectTrap(() => copy32.call(s.store, LAST - 7, 0), OOB);
    expectTrap(() => copy32.call(s.store, 0, -1), OOB);
    const seen = irOpcodes(s);
    expect(seen.has(Op.I64LoadThenStore)).toBe(true);
    expect(seen.has(Op.I32LoadThenStore)).toBe(true);
  });

  it('pointer plus constant, then the access: the sum wraps at 2^32 before the offset is added', async () => {
    const s = await setup();
    const field = s.func('field').typed(s.store, ['i32'], ['i32']);
    const field64 = s.func('field64').typed(s.store, ['i32'], ['i64']);
    expect(field.call(s.store, 0)).toBe(load32(1044));
    expect(field.call(s.store, 123)).toBe(load32(1167));
    // -1040 + 1040 wraps to 0: the access is at 4, not past the end
    expect(field.call(s.store, -1040)).toBe(load32(4));
    expect(field.call(s.store, -1030)).toBe(load32(14));
    expect(field64.call(s.store, -8)).toBe(load64(2));
    expect(field64.call(s.store, 77)).toBe(load64(87));
    expectTrap(() => field.call(s.store, LAST - 1040 - 7), OOB);
    expectTrap(() => field.call(s.store, -1041), OOB);
    expectTrap(() => field64.call(s.store, LAST - 10 - 7), OOB);
    const seen = irOpcodes(s);
    expect(seen.has(Op.I32AddImmThenLoad)).toBe(true);
    expect(seen.has(Op.I32AddImmThenLoad64)).toBe(true);
  });

  it('pointer plus constant kept in two locals (local.tee, then local.set)', async () => {
    const s = await setup();
    const step = s.func('step').typed(s.store, ['i32'], ['i64']);
    for (const p of [0, 16, 100, -1, 0x7fffffff, -0x80000000]) {
      const q = BigInt((p - 16) >>> 0);
      expect(step.call(s.store, p)).toBe(BigInt.asIntN(64, (q << 32n) | q));
    }
    expect(irOpcodes(s).has(Op.I32AddImmThenCopy)).toBe(true);
  });
});
