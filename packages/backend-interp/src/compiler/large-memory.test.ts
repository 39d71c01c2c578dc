import { describe, expect, it } from 'vitest';
import { Trap } from '@wrl/core';
import { instantiateWat } from '../test-wat.js';

// Addresses of 2 GiB or more are negative as int32s; the JS tier indexes the
// DataView with them directly when there is no offset (emit.ts, memory.ts).
const MODULE = `(module
  (memory (export "m") 32769)
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load_off") (param i32) (result i32) (i32.load offset=8 (local.get 0)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0))))`;

describe('JS tier on a memory over 2 GiB', () => {
  it('reaches addresses of 2 GiB and more, with and without an offset, and traps past the end', async () => {
    const s = await instantiateWat(MODULE, undefined, { jsTier: true, jsTierHotness: 1 });
    const store = s.func('store').typed(s.store, ['i32', 'i32'], []);
    const load = s.func('load').typed(s.store, ['i32'], ['i32']);
    const loadOff = s.func('load_off').typed(s.store, ['i32'], ['i32']);
    const high = (2 ** 31 + 16) | 0;
    store.call(s.store, high, 0x1234567);
    expect(load.call(s.store, high)).toBe(0x1234567);
    expect(loadOff.call(s.store, high - 8)).toBe(0x1234567);
    const end = (32769 * 65536) | 0;
    expect(() => load.call(s.store, end - 2)).toThrow(Trap);
    expect(() => loadOff.call(s.store, end - 10)).toThrow(Trap);
    expect(load.call(s.store, end - 4)).toBe(0);
    // an i64 as two words: the high word's address stays past 2 GiB, and a store that would cross the end writes nothing
    const store64 = s.func('store64').typed(s.store, ['i32', 'i64'], []);
    const load64 = s.func('load64').typed(s.store, ['i32'], ['i64']);
    const v = -0x0123456789abcdefn;
    store64.call(s.store, high + 4, v);
    expect(load64.call(s.store, high + 4)).toBe(v);
    expect(load.call(s.store, high + 8)).toBe(Number(BigInt.asIntN(32, v >> 32n)));
    store64.call(s.store, end - 8, v);
    expect(load64.call(s.store, end - 8)).toBe(v);
    store.call(s.store, end - 8, 0);
    store.call(s.store, end - 4, 0);
    expect(() => store64.call(s.store, end - 4, v)).toThrow(Trap);
    expect(() => load64.call(s.store, end - 4)).toThrow(Trap);
    expect(load64.call(s.store, end - 8)).toBe(0n);
  });
});
