import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { instantiateWat, irOpcodes } from './test-wat.js';

describe('two 32-bit constants in one dispatch', () => {
  it('sets both slots: select operands, call arguments, f32 NaN bits', async () => {
    const s = await instantiateWat(`(module
      (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
      (func (export "sign") (param $a i32) (param $b i32) (result i32)
        (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $a) (local.get $b))))
      (func (export "args") (result i32) (call $sub (i32.const 7) (i32.const -9)))
      (func (export "nan") (param $c i32) (result i32)
        (i32.reinterpret_f32 (select (f32.const nan:0x1) (f32.const -nan:0x7fffff) (local.get $c)))))`);
    const sign = s.func('sign').typed(s.store, ['i32', 'i32'], ['i32']);
    expect(sign.call(s.store, 1, 2)).toBe(-1);
    expect(sign.call(s.store, -1, 2)).toBe(1);
    expect(sign.call(s.store, 2, 2)).toBe(1);
    expect(s.func('args').typed(s.store, [], ['i32']).call(s.store)).toBe(16);
    const nan = s.func('nan').typed(s.store, ['i32'], ['i32']);
    expect(nan.call(s.store, 1)).toBe(0x7f800001);
    expect(nan.call(s.store, 0)).toBe(-1);
    expect(irOpcodes(s).has(Op.Const32ThenConst32)).toBe(true);
  });
});
