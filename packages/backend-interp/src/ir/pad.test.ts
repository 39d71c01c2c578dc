import { describe, expect, it } from 'vitest';
import { CODE_PADDING, Op, padCode } from './ops.js';
import { instantiateWat } from '../test-wat.js';

describe('code padding', () => {
  it('appends CODE_PADDING zero words', () => {
    const code = padCode([Op.Return]);
    expect(code).toBeInstanceOf(Int32Array);
    expect([...code]).toEqual([Op.Return, ...new Array(CODE_PADDING).fill(0)]);
  });

  it('ends every translated function, so the interpreter reads three words past any opcode in bounds', async () => {
    const s = await instantiateWat(`(module
      (func (export "id") (param i32) (result i32) (local.get 0))
      (func (export "none"))
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`, undefined, { jsTier: false });
    expect(s.func('id').typed(s.store, ['i32'], ['i32']).call(s.store, 7)).toBe(7);
    s.func('none').typed(s.store, [], []).call(s.store);
    expect(s.func('add').typed(s.store, ['i32', 'i32'], ['i32']).call(s.store, 2, 3)).toBe(5);
    const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined }[] }).defs;
    expect(defs.length).toBe(3);
    for (const def of defs) {
      const code = def.code!;
      expect([...code.subarray(code.length - CODE_PADDING)]).toEqual([0, 0, 0]);
    }
  });
});
