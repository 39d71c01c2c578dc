import { describe, expect, it } from 'vitest';
import { instantiateWat, outcome } from '../test-wat.js';

// The JS tier adds a static offset to the unsigned address (emit.ts, memoryAccess): an address of
// 2 GiB or more plus an offset must not wrap past 4 GiB into a small, in-bounds index.
const MODULE = `(module
  (memory 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17\\18")
  (func (export "load32") (param i32) (result i32) (i32.load offset=16 (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u offset=16 (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load offset=16 (local.get 0)))
  (func (export "loadf64") (param i32) (result f64) (f64.load offset=16 (local.get 0)))
  (func (export "store32") (param i32) (i32.store offset=16 (local.get 0) (i32.const -1)))
  (func (export "store64") (param i32) (i64.store offset=16 (local.get 0) (i64.const -1)))
  (func (export "big") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0)))
  (func (export "first") (result i64) (i64.load (i32.const 0))))`;

const ADDRESSES = [0, 8, 65536 - 24, 65536 - 20, 65536 - 16, -16, -12, -8, -4, -1, -(2 ** 31)];

describe('JS tier: address plus offset', () => {
  it('traps where the sum passes the end or 4 GiB, as the interpreter does', async () => {
    const runs: unknown[][] = [];
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(MODULE, undefined, { jsTier, jsTierHotness: 1 });
      const f = (name: string, r: ('i32' | 'i64' | 'f64')[]) => s.func(name).typed(s.store, ['i32'], r as never) as unknown as { call(st: unknown, a: number): unknown };
      const out: unknown[] = [];
      for (const a of ADDRESSES) {
        for (const [name, r] of [['load32', ['i32']], ['load8', ['i32']], ['load64', ['i64']], ['loadf64', ['f64']], ['store32', []], ['store64', []]] as const) {
          out.push(`${name}(${a}) ${String(outcome(() => f(name, [...r]).call(s.store, a)))}`);
        }
        out.push(`big(${a}) ${String(outcome(() => f('big', ['i32']).call(s.store, a)))}`);
      }
      // no store that trapped wrote anything at the low addresses a wrap would reach
      out.push(String(s.func('first').typed(s.store, [], ['i64']).call(s.store)));
      runs.push(out);
    }
    expect(runs[1]).toEqual(runs[0]);
    const interp = runs[0]!;
    expect(interp).toContain('load32(0) 336794129');
    expect(interp).toContain('load32(-16) trap MemoryOutOfBounds');
    expect(interp).toContain('load8(-1) trap MemoryOutOfBounds');
    expect(interp).toContain('store64(-8) trap MemoryOutOfBounds');
    expect(interp).toContain('big(0) trap MemoryOutOfBounds');
    expect(interp).toContain('big(-1) trap MemoryOutOfBounds');
    expect(interp).toContain('load32(65512) 0');
    expect(interp).toContain('load32(65520) trap MemoryOutOfBounds');
    expect(interp.at(-1)).toBe(String(0x0807060504030201n));
  });
});
