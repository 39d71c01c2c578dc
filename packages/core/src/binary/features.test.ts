import { describe, expect, it } from 'vitest';
import type { WasmFeature } from '../backend.js';
import { detectFeatures, scanFeatures } from './features.js';
import { wat } from './test-wat.js';

async function features(text: string): Promise<WasmFeature[]> {
  return [...detectFeatures(await wat(text))].sort();
}

describe('detectFeatures', () => {
  it('finds nothing in an MVP module', async () => {
    expect(
      await features(`(module
        (import "env" "g" (global i32))
        (table 2 funcref) (memory 1) (global (mut i32) (i32.const 0))
        (func $f (param i32 i64 f32 f64) (result i32) (local i32)
          (block (result i32) (loop (br_if 1 (i32.const 0) (i32.const 1)) (br 0)) (i32.const 0))
          (if (result i32) (then (i32.const 1)) (else (i32.const 2)))
          (br_table 0 0 (i32.const 0)) drop
          (call_indirect (param i32) (result i32) (i32.const 0) (i32.const 0))
          drop
          (i64.const -1) drop (f32.const 1.5) drop (f64.const 2.5) drop
          (i32.load offset=4 (i32.const 0)) drop
          (i64.store32 (i32.const 0) (i64.const 1))
          (memory.grow (memory.size)) drop
          (select (i32.const 1) (i32.const 2) (i32.const 0)) drop
          (global.set 1 (global.get 0))
          (unreachable))
        (elem (i32.const 0) $f)
        (data (i32.const 0) "hi")
        (export "f" (func $f)) (export "g" (global 0)))`),
    ).toEqual([]);
  });

  it('detects each feature', async () => {
    expect(await features('(module (func (result i32) (i32.extend8_s (i32.const 1))))')).toEqual(['sign-extension']);
    expect(await features('(module (func (result i32) (i32.trunc_sat_f32_s (f32.const 1))))')).toEqual(['saturating-float-to-int']);
    expect(await features('(module (func (result i32 i32) (i32.const 1) (i32.const 2)))')).toEqual(['multi-value']);
    expect(await features('(module (type $t (func (param i32) (result i32))) (func (result i32) (i32.const 1) (block (type $t) (param i32) (result i32))))')).toEqual(['multi-value']);
    expect(await features('(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))')).toEqual(['bulk-memory']);
    expect(await features('(module (memory 1) (data "x") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 0)))')).toEqual(['bulk-memory']);
    expect(await features('(module (func (param externref)))')).toEqual(['reference-types']);
    expect(await features('(module (table 1 funcref) (func (result i32) (ref.is_null (table.get 0 (i32.const 0)))))')).toEqual(['reference-types']);
    expect(await features('(module (table 1 funcref) (table 1 funcref))')).toEqual(['reference-types']);
    expect(await features('(module (table 1 externref))')).toEqual(['reference-types']);
    expect(await features('(module (func (result v128) (v128.const i32x4 1 2 3 4)))')).toEqual(['simd']);
    expect(await features('(module (import "a" "g" (global (mut i32))))')).toEqual(['mutable-globals']);
    expect(await features('(module (global (export "g") (mut i32) (i32.const 0)))')).toEqual(['mutable-globals']);
    expect(await features('(module (func $f (return_call $f)))')).toEqual(['tail-call']);
    expect(await features('(module (global i32 (i32.add (i32.const 1) (i32.const 2))))')).toEqual(['extended-const']);
    expect(await features('(module (memory 1) (memory 1))')).toEqual(['multi-memory']);
  });

  it('reads table and SIMD immediates without losing its place', async () => {
    expect(
      await features(`(module (memory 1) (table $t 1 funcref) (table $u 1 funcref) (elem $e func)
        (func (result i32)
          (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 0))
          (table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 0))
          (drop (table.grow $u (ref.null func) (i32.const 1)))
          (table.fill $u (i32.const 0) (ref.null func) (i32.const 0))
          (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (v128.load offset=16 (i32.const 0)) (v128.const i64x2 0 0)))
          (drop (i32x4.extract_lane 3 (v128.load32_zero (i32.const 0))))
          (drop (v128.load8_lane 7 (i32.const 0) (v128.const i64x2 0 0)))
          (v128.store16_lane offset=2 3 (i32.const 0) (v128.const i64x2 0 0))
          (i32.extend16_s (i32.const 7))))`),
    ).toEqual(['bulk-memory', 'reference-types', 'sign-extension', 'simd']);
  });

  it('detects call_indirect on a second table and typed select', async () => {
    expect(await features('(module (table 1 funcref) (table $b 1 funcref) (func (call_indirect $b (i32.const 0))))')).toEqual(['reference-types']);
    expect(await features('(module (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))')).toEqual(['reference-types']);
    expect(await features('(module (memory 1) (memory $b 1) (func (result i32) (i32.load $b (i32.const 0))))')).toEqual(['multi-memory']);
    expect(await features('(module (type $t (func)) (table 1 funcref) (func (return_call_indirect (type $t) (i32.const 0))))')).toEqual(['tail-call']);
  });

  it('reads data count sections and SIMD bodies to their exact end', async () => {
    const bulk = await wat('(module (memory 1) (data "x") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1))))');
    expect(scanFeatures(bulk)).toEqual({ features: new Set(['bulk-memory']), complete: true, maxTableIndex: -1, maxElemIndex: -1 });
    const simd = await wat('(module (memory 1) (func (result v128) (v128.load64_lane offset=8 1 (i32.const 0) (i8x16.replace_lane 15 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const 1)))))');
    expect(scanFeatures(simd)).toEqual({ features: new Set(['simd']), complete: true, maxTableIndex: -1, maxElemIndex: -1 });
    expect(scanFeatures(bulk.subarray(0, bulk.length - 1)).complete).toBe(false);
  });

  it('skips function bodies when no relevant feature can show there', async () => {
    const bytes = await wat('(module (memory 1) (memory 1) (global i32 (i32.add (i32.const 1) (i32.const 2))) (func (result i32) (i32.extend8_s (i32.const 1))))');
    expect([...detectFeatures(bytes)].sort()).toEqual(['extended-const', 'multi-memory', 'sign-extension']);
    expect([...detectFeatures(bytes, new Set(['multi-memory', 'extended-const']))].sort()).toEqual(['extended-const', 'multi-memory']);
    expect(detectFeatures(bytes, new Set(['sign-extension'])).has('sign-extension')).toBe(true);
    expect(scanFeatures(bytes, { readBodies: false }).complete).toBe(true);
  });

  it('reads past atomic instructions', async () => {
    const wabt = await (await import('wabt')).default();
    const mod = wabt.parseWat('t.wat', '(module (memory 1 1 shared) (func (result i32) (atomic.fence) (drop (i32.atomic.rmw.add offset=4 (i32.const 0) (i32.const 1))) (i32.extend8_s (i32.atomic.load (i32.const 0)))))', { threads: true });
    const bytes = mod.toBinary({}).buffer;
    mod.destroy();
    expect(scanFeatures(bytes)).toMatchObject({ features: new Set(['sign-extension']), complete: true });
  });

  it('reports the largest table index in use', async () => {
    expect(scanFeatures(await wat('(module (table 1 funcref) (func) (elem (i32.const 0) 0))')).maxTableIndex).toBe(0);
    expect(scanFeatures(await wat('(module (table 1 funcref) (elem func 0) (func))')).maxTableIndex).toBe(-1);
    expect(scanFeatures(await wat('(module (table 1 funcref) (table 1 funcref) (table $c 1 funcref) (func (call_indirect $c (i32.const 0))))')).maxTableIndex).toBe(2);
    expect(scanFeatures(await wat('(module (table 1 funcref) (table $b 1 funcref) (func (drop (table.size $b))))')).maxTableIndex).toBe(1);
    const init = scanFeatures(await wat('(module (table 1 funcref) (func) (elem func 0) (elem $e func 0) (func (table.init $e (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0)))'));
    expect([init.maxTableIndex, init.maxElemIndex]).toEqual([0, 1]);
  });

  it('never throws on malformed input and keeps what it found', async () => {
    const bytes = await wat('(module (func (param externref)) (func (result i32) (i32.extend8_s (i32.const 1))))');
    for (let cut = 0; cut < bytes.length; cut++) expect(() => detectFeatures(bytes.subarray(0, cut))).not.toThrow();
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    garbage.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(() => detectFeatures(garbage)).not.toThrow();
    // The type section alone already shows reference types.
    const typeSectionEnd = 8 + 2 + bytes[9]!;
    expect([...detectFeatures(bytes.subarray(0, typeSectionEnd))]).toEqual(['reference-types']);
  });
});
