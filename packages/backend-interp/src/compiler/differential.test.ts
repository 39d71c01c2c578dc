import { describe, expect, it } from 'vitest';
import { Trap, Value, type PublicValue } from '@wrl/core';
import { instantiateWat } from '../test-wat.js';

// Every numeric operator once per type, compared bit for bit (NaNs included)
// between the interpreter and the JS tier on edge and random operands.
const BIN: Record<string, string[]> = {
  i32: ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'],
  i64: ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'],
  f32: ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign', 'eq', 'ne', 'lt', 'gt', 'le', 'ge'],
  f64: ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign', 'eq', 'ne', 'lt', 'gt', 'le', 'ge'],
};
const UN: Record<string, string[]> = {
  i32: ['clz', 'ctz', 'popcnt', 'eqz', 'extend8_s', 'extend16_s', 'wrap_i64:i64', 'trunc_f32_s:f32', 'trunc_f64_u:f64', 'trunc_sat_f64_s:f64', 'reinterpret_f32:f32'],
  i64: ['clz', 'ctz', 'popcnt', 'eqz:i64>i32', 'extend8_s', 'extend32_s', 'extend_i32_s:i32', 'extend_i32_u:i32', 'trunc_f64_s:f64', 'trunc_sat_f32_u:f32', 'reinterpret_f64:f64'],
  f32: ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'demote_f64:f64', 'convert_i64_u:i64', 'convert_i32_s:i32', 'reinterpret_i32:i32'],
  f64: ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'promote_f32:f32', 'convert_i64_s:i64', 'convert_i32_u:i32', 'reinterpret_i64:i64'],
};

const CMP = new Set(['eq', 'ne', 'lt', 'gt', 'le', 'ge', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']);

function moduleText(): { text: string; sigs: [string, string[], string][] } {
  const funcs: string[] = [];
  const sigs: [string, string[], string][] = [];
  for (const [t, ops] of Object.entries(BIN)) {
    for (const op of ops) {
      const name = `${t}.${op}`;
      const r = CMP.has(op) ? 'i32' : t;
      funcs.push(`(func (export "${name}") (param ${t} ${t}) (result ${r}) (${name} (local.get 0) (local.get 1)))`);
      sigs.push([name, [t, t], r]);
    }
  }
  for (const [t, ops] of Object.entries(UN)) {
    for (const spec of ops) {
      const [op, from] = spec.split(':') as [string, string | undefined];
      const [arg, res] = from?.includes('>') ? from.split('>') as [string, string] : [from ?? t, op === 'eqz' ? 'i32' : t];
      const name = `${t}.${op}`;
      funcs.push(`(func (export "${name}") (param ${arg}) (result ${res}) (${name} (local.get 0)))`);
      sigs.push([name, [arg], res]);
    }
  }
  return { text: `(module ${funcs.join('\n')})`, sigs };
}

let seed = 12345;
const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);

function operand(t: string, i: number): PublicValue {
  const edge = i % 3 !== 0;
  switch (t) {
    case 'i32': return Value.i32(edge ? [0, 1, -1, 2147483647, -2147483648, 31, 32, 7][i & 7]! : rnd());
    case 'i64': return Value.i64(edge ? [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 63n, 64n, 0x123456789n][i & 7]! : (BigInt(rnd()) << 32n) ^ BigInt(rnd() >>> 0));
    case 'f32': return Value.f32FromBits(edge ? [0, 0x80000000, 0x3f800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001, 0x4f000000][i & 7]! : rnd() >>> 0);
    default: return Value.f64FromBits(edge ? [0n, 1n << 63n, 0x3ff0000000000000n, 0x7ff0000000000000n, 0x7ff8000000000000n, 0x7ff4000000000001n, 0x43e0000000000000n, 0xbff8000000000000n][i & 7]! : (BigInt(rnd() >>> 0) << 32n) | BigInt(rnd() >>> 0));
  }
}

/** Bit moves must keep NaN payloads; arithmetic may return any NaN (the spec allows several). */
const BIT_EXACT = /\.(abs|neg|copysign|reinterpret_\w+)$/;

function show(v: PublicValue, exact = true): string {
  if ((v.type === 'f32' || v.type === 'f64') && !exact && Number.isNaN(v.value)) return `${v.type}:nan`;
  if (v.type === 'f32') return `f32:${v.f32Bits().toString(16)}`;
  if (v.type === 'f64') return `f64:${v.f64Bits().toString(16)}`;
  return `${v.type}:${String(v.value)}`;
}

describe('JS tier against the interpreter', () => {
  it('computes every numeric operator like the interpreter (NaN payloads exact where the operator moves bits)', async () => {
    const { text, sigs } = moduleText();
    const tiers = await Promise.all([false, true].map((jsTier) => instantiateWat(text, undefined, { jsTier, jsTierHotness: 1 })));
    let compared = 0;
    for (const [name, params, result] of sigs) {
      for (let i = 0; i < 24; i++) {
        const args = params.map((t, k) => operand(t, i + 5 * k));
        const outs = tiers.map((s) => {
          const out: PublicValue[] = [Value.i32(0)];
          try {
            s.func(name).call(s.store, args, out);
          } catch (e) {
            if (e instanceof Trap) return `trap ${e.code}`;
            throw e;
          }
          expect(out[0]!.type).toBe(result);
          return show(out[0]!, BIT_EXACT.test(name));
        });
        expect(outs[1], `${name}(${args.map((a) => show(a)).join(', ')})`).toBe(outs[0]);
        compared++;
      }
    }
    expect(compared).toBe(sigs.length * 24);
  });
});
