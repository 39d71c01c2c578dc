/**
 * Reductions of programs on which the random differential fuzzer
 * (src/fuzz) found the JS tier disagreeing with the host and the interpreter.
 */
import { describe, expect, it } from 'vitest';
import { Value, type PublicValue } from '@wrl/core';
import { instantiateWat } from '../test-wat.js';

describe('JS tier regressions found by the fuzzer', () => {
  // fuzz seeds 51, 236, 474, 673, 873, 948: the emitter folded `(0 >>> 0)` to `0` inside the
  // template `Math.fround($0 >>> 0)`, leaving `Math.fround0` (undefined, a NaN once stored)
  it('converts a constant to f32 unsigned', async () => {
    const text = `(module
      (func (export "zero") (result f32) (f32.convert_i32_u (i32.const 0)))
      (func (export "five") (result i32) (i32.reinterpret_f32 (f32.convert_i32_u (i32.const 5))))
      (func (export "top") (result f32) (f32.convert_i32_u (i32.const -1)))
      (func (export "early") (param i32) (result f32)
        (if (local.get 0) (then (return (f32.convert_i32_u (i32.const 0)))))
        (f32.const 1)))`;
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(text, undefined, { jsTier, jsTierHotness: 1 });
      const call = (name: string, args: PublicValue[] = []): PublicValue => {
        const out: PublicValue[] = [Value.i32(0)];
        s.func(name).call(s.store, args, out);
        return out[0]!;
      };
      expect(call('zero').f32Bits(), `jsTier ${jsTier}`).toBe(0);
      expect(call('five').value).toBe(0x40a00000);
      expect(call('top').value).toBe(4294967296);
      expect(call('early', [Value.i32(1)]).f32Bits()).toBe(0);
      expect(call('early', [Value.i32(0)]).value).toBe(1);
    }
  });
});
