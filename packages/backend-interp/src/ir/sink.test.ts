/**
 * A shift or rotate by a constant moves down to the xor or add that consumes
 * it (sink.ts), past pure i32 arithmetic only, never across a jump target or
 * an instruction that overwrites its operand.
 */
import { describe, expect, it } from 'vitest';
import { Op } from './ops.js';
import { instantiateWat, type Setup } from '../test-wat.js';
import { irLength } from './length.js';

const INPUTS = [0, 1, -1, 7, 0x1234567, -0x80000000, 0x7fffffff, -98765];

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

const MODULE = `(module
  ;; the LCG step of the benchmarks: rotl and shr_u each meet their consumer
  (func (export "mix") (param $acc i32) (param $x i32) (param $i i32) (result i32)
    (i32.xor (i32.rotl (local.get $acc) (i32.const 5))
             (i32.add (i32.shr_u (local.get $x) (i32.const 7)) (local.get $i))))
  ;; a rotate by 64, which is by 0
  (func (export "mix0") (param $acc i32) (param $x i32) (param $i i32) (result i32)
    (i32.xor (i32.rotl (local.get $acc) (i32.const 64))
             (i32.add (i32.shr_u (local.get $x) (i32.const 32)) (local.get $i))))
  ;; a shl whose consumer comes after two instructions
  (func (export "shl") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.xor (i32.shl (local.get $a) (i32.const 3))
             (i32.mul (i32.add (local.get $b) (i32.const 9)) (local.get $c))))
  ;; the right operand overwrites the rotated local: the rotate must stay before it
  (func (export "tee") (param $a i32) (param $b i32) (result i32)
    (i32.xor (i32.rotl (local.get $a) (i32.const 5))
             (i32.add (local.tee $a (i32.mul (local.get $b) (i32.const 3))) (local.get $a))))
  ;; a branch from before the rotate lands right after it: moving it past that label would
  ;; overwrite the value the branch carries
  (func (export "join") (param $a i32) (param $b i32) (result i32)
    (i32.xor
      (block $j (result i32)
        (drop (br_if $j (local.get $b) (i32.lt_s (local.get $b) (i32.const 0))))
        (i32.rotl (local.get $a) (i32.const 5)))
      (i32.add (local.get $b) (i32.const 9))))
  ;; a division in between may trap: nothing moves past it
  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (i32.xor (i32.rotl (local.get $a) (i32.const 5))
             (i32.add (i32.div_s (local.get $b) (local.get $a)) (local.get $b)))))`;

/** The IR of the exported function `name`, as [opcode, ...] per instruction. */
function instructions(s: Setup, index: number): number[][] {
  const def = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined; translate(): Int32Array }[] }).defs[index]!;
  const code = def.code ?? def.translate();
  const out: number[][] = [];
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) out.push(Array.from(code.subarray(pc, pc + irLength(code, pc))));
  return out;
}

describe('shifts moved down to their consumer', () => {
  it('pair with the xor or add they feed, computing the same', async () => {
    const s = await instantiateWat(MODULE);
    const mix = s.func('mix').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    const mix0 = s.func('mix0').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    const shl = s.func('shl').typed(s.store, ['i32', 'i32', 'i32'], ['i32']);
    for (const a of INPUTS) {
      for (const b of INPUTS) {
        expect(mix0.call(s.store, a, b, 3)).toBe(a ^ ((b + 3) | 0));
        expect(mix.call(s.store, a, b, b ^ 0x55)).toBe(rotl(a, 5) ^ (((b >>> 7) + (b ^ 0x55)) | 0));
        expect(shl.call(s.store, a, b, a ^ 3)).toBe((a << 3) ^ Math.imul((b + 9) | 0, a ^ 3));
      }
    }
    const mixOps = instructions(s, 0).map((i) => i[0]);
    expect(mixOps).toContain(Op.I32ShrUImmThenAdd);
    expect(mixOps).toContain(Op.I32RotlImmThenXor);
    expect(instructions(s, 1).map((i) => i[0])).toContain(Op.I32RotlImmThenXor);
    expect(instructions(s, 2).map((i) => i[0])).toContain(Op.I32ShlImmThenXor);
  });

  it('stay before a write to their operand, a jump target or an instruction that may trap', async () => {
    const s = await instantiateWat(MODULE);
    const tee = s.func('tee').typed(s.store, ['i32', 'i32'], ['i32']);
    const join = s.func('join').typed(s.store, ['i32', 'i32'], ['i32']);
    const div = s.func('div').typed(s.store, ['i32', 'i32'], ['i32']);
    for (const a of INPUTS) {
      for (const b of INPUTS) {
        const t = Math.imul(b, 3);
        expect(tee.call(s.store, a, b), `tee(${a}, ${b})`).toBe(rotl(a, 5) ^ ((t + t) | 0));
        expect(join.call(s.store, a, b), `join(${a}, ${b})`).toBe((b < 0 ? b : rotl(a, 5)) ^ ((b + 9) | 0));
        if (a !== 0 && !(a === -1 && b === -0x80000000)) expect(div.call(s.store, a, b)).toBe(rotl(a, 5) ^ ((((b / a) | 0) + b) | 0));
      }
    }
    // each rotate is still where the translator put it: first, or right before the block's end
    for (const index of [3, 5]) expect(instructions(s, index)[0]![0], `function ${index}`).toBe(Op.I32BinImmBase + 0x0d);
    expect(instructions(s, 4).map((i) => i[0])).not.toContain(Op.I32RotlImmThenXor);
  });
});
