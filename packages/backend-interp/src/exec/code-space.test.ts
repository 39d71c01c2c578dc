import { describe, expect, it } from 'vitest';
import { CodeSpace, CodeSpaceExhaustedError, CODE_SPACE } from './code-space.js';
import { Op, padCode } from '../ir/ops.js';
import { FIB_WAT, instantiateWat } from '../test-wat.js';

/** A loop: `br_if` forward to the return (word 8), `br` back to word 0. */
const LOOP = padCode([Op.BrIf, 2, 8, Op.Const32, 4, 1, Op.Br, 0, Op.Return]);

describe('CodeSpace', () => {
  it('installs code with absolute jump targets and reads it back relative', () => {
    const space = new CodeSpace(new Int32Array(64));
    space.install(padCode([Op.Return]));
    const base = space.install(LOOP);
    expect(base).toBe(4);
    expect(space.words[base + 2]).toBe(8 + base); // br_if's target
    expect(space.words[base + 7]).toBe(0 + base); // br's target
    expect(space.words[base + 4]).toBe(4); // an operand stays as it was
    expect([...space.read(base, LOOP.length)]).toEqual([...LOOP]);
  });

  it('starts over after a reset, keeping what was pinned', () => {
    const space = new CodeSpace(new Int32Array(48));
    const ret = space.install(padCode([Op.Return]));
    space.pin();
    const a = space.install(LOOP);
    space.install(LOOP);
    space.install(LOOP);
    expect(space.used).toBe(3 * LOOP.length);
    expect(space.crowded).toBe(true);
    const epoch = space.epoch;
    space.reset();
    expect(space.epoch).toBe(epoch + 1);
    expect(space.used).toBe(0);
    expect(space.crowded).toBe(false);
    expect(space.install(LOOP)).toBe(a);
    expect(space.words[ret]).toBe(Op.Return);
  });

  it('fails with CodeSpaceExhaustedError when no range is large enough', () => {
    const space = new CodeSpace(new Int32Array(20));
    space.install(LOOP);
    expect(() => space.install(LOOP)).toThrow(CodeSpaceExhaustedError);
    expect(() => space.install(LOOP)).toThrow(/code space is full: a function needs 12 words/);
  });

  it('holds the code of translated functions, which run from it', async () => {
    const before = CODE_SPACE.used;
    const s = await instantiateWat(FIB_WAT);
    expect(s.func('fib').typed(s.store, ['i32'], ['i32']).call(s.store, 20)).toBe(6765);
    const def = (s.instance.module.backend as unknown as { defs: { base: number; codeWords: number; code: Int32Array }[] }).defs[0]!;
    expect(def.base).toBeGreaterThan(0);
    expect(CODE_SPACE.used).toBeGreaterThanOrEqual(before + def.codeWords);
    expect([...CODE_SPACE.read(def.base, def.codeWords)]).toEqual([...def.code]);
  });

  it('translates functions again after the space starts over between calls', async () => {
    const s = await instantiateWat(FIB_WAT);
    const fib = s.func('fib').typed(s.store, ['i32'], ['i32']);
    expect(fib.call(s.store, 15)).toBe(610);
    const def = (s.instance.module.backend as unknown as { defs: { epoch: number; code: Int32Array | undefined }[] }).defs[0]!;
    const before = def.code;
    CODE_SPACE.reset();
    expect(def.code).toBeUndefined();
    expect(fib.call(s.store, 16)).toBe(987);
    expect(def.epoch).toBe(CODE_SPACE.epoch);
    expect([...def.code!]).toEqual([...before!]);
  });
});
