import { describe, expect, it } from 'vitest';
import { instantiateWat, outcome, type Setup } from '../test-wat.js';

const defsOf = (s: Setup) => (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;

const SIMD = `(module
  (memory 1)
  (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
  (func $lanes (export "lanes") (param i32 i64 f32 f64) (result i32)
    (local $v v128) (local $z v128)
    ;; a v128 local starts as zero
    (if (i32.eqz (v128.any_true (local.get $z))) (then (local.set $v (i32x4.splat (local.get 0)))))
    (local.set $v (i64x2.replace_lane 1 (local.get $v) (local.get 1)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $v))))
      (i32.add (i32.trunc_f32_s (f32x4.extract_lane 3 (f32x4.splat (local.get 2))))
               (i32.trunc_f64_s (f64x2.extract_lane 0 (f64x2.mul (f64x2.splat (local.get 3)) (v128.const f64x2 2 2)))))))
  (func (export "nanBits") (param i32) (result i32)
    ;; an f32 lane with a signalling NaN payload keeps its bits through extract and splat
    (i32.reinterpret_f32 (f32x4.extract_lane 0 (f32x4.splat (f32x4.extract_lane 2 (i32x4.splat (local.get 0)))))))
  (func (export "memory") (param i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load offset=16 (local.get 0)))
    (v128.store offset=64 (local.get 0) (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get $v) (local.get $v)))
    (v128.store8_lane offset=80 15 (local.get 0) (local.get $v))
    (local.set $v (v128.load32_lane offset=20 1 (local.get 0) (v128.load16x4_u offset=16 (local.get 0))))
    (i32.add (i32.load offset=64 (local.get 0))
      (i32.add (i32.load8_u offset=80 (local.get 0))
        (i32.add (i32x4.extract_lane 1 (local.get $v)) (i8x16.bitmask (i8x16.shl (v128.load8_splat offset=20 (local.get 0)) (i32.const 7)))))))
  (func (export "select") (param i32) (result i32)
    (block (result v128)
      (select (result v128) (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8) (local.get 0)))
    (i32x4.extract_lane 2))
  (func $viaParam (param v128) (result i32) (i32x4.extract_lane 0 (local.get 0)))
  (func (export "callsInterpreted") (param i32) (result i32) (call $viaParam (i32x4.splat (local.get 0)))))`;

describe('JS tier SIMD', () => {
  it('compiles functions that use v128 inside and agrees with the interpreter', async () => {
    const seen = [];
    for (const jsTier of [false, true]) {
      const s = await instantiateWat(SIMD, undefined, { jsTier, jsTierHotness: 1 });
      const i32 = (name: string, a: number) => outcome(() => s.func(name).typed(s.store, ['i32'], ['i32']).call(s.store, a));
      seen.push([
        outcome(() => s.func('lanes').typed(s.store, ['i32', 'i64', 'f32', 'f64'], ['i32']).call(s.store, 7, 0x1_0000_0005n, 2.5, 1.25)),
        i32('nanBits', 0x7fa00001), i32('nanBits', -1),
        i32('memory', 0), i32('memory', 100), i32('memory', 65536 - 80), i32('memory', -1),
        i32('select', 1), i32('select', 0), i32('callsInterpreted', 9),
      ]);
      if (jsTier) {
        // all but the function with a v128 parameter and its caller, which passes it a v128, are compiled
        expect(defsOf(s).map((d) => typeof d.factory)).toEqual(['function', 'function', 'function', 'function', 'object', 'object']);
      }
    }
    expect(seen[0]).toEqual([7 + 5 + 2 + 2, 0x7fa00001, -1, seen[0]![3], seen[0]![4], 'trap MemoryOutOfBounds', 'trap MemoryOutOfBounds', 3, 7, 9]);
    expect(seen[1]).toEqual(seen[0]);
  });
});
