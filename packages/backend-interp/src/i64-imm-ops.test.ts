import { describe, expect, it } from 'vitest';
import { Op } from './ir/ops.js';
import { instantiateWat, irOpcodes } from './test-wat.js';

/** i64 binary operations that get a constant-operand form, with a BigInt reference. */
const OPS: [string, number, (a: bigint, b: bigint) => bigint][] = [
  ['mul', 0x7e, (a, b) => a * b],
  ['and', 0x83, (a, b) => a & b],
  ['or', 0x84, (a, b) => a | b],
  ['xor', 0x85, (a, b) => a ^ b],
  ['shl', 0x86, (a, b) => a << (b & 63n)],
  ['shr_s', 0x87, (a, b) => a >> (b & 63n)],
  ['shr_u', 0x88, (a, b) => BigInt.asUintN(64, a) >> (b & 63n)],
  ['rotl', 0x89, (a, b) => rotl(a, b & 63n)],
  ['rotr', 0x8a, (a, b) => rotl(a, (64n - (b & 63n)) & 63n)],
];
/** Constants, including shift counts outside 0..63 (wasm masks them) and values with both halves set. */
const CONSTS = [0n, 1n, 7n, 31n, 32n, 33n, 63n, 64n, 65n, -1n, 0x2545f4914f6cdd1dn, 0x100000001b3n, -0x8000000000000000n, 0xffffffffn];
const INPUTS = [0n, 1n, -1n, 0x123456789abcdefn, -0x8000000000000000n, 0x7fffffffffffffffn, 0x9e3779b97f4a7c15n, 0xffffffffn, 0x100000000n]
  .map((x) => BigInt.asIntN(64, x));

function rotl(a: bigint, k: bigint): bigint {
  const u = BigInt.asUintN(64, a);
  return (u << k) | (u >> ((64n - k) & 63n));
}

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

describe('i64 binary operations with a constant right operand', () => {
  it('compute like the register forms over the whole 64-bit range', async () => {
    const funcs: string[] = [];
    for (const [name] of OPS) {
      CONSTS.forEach((c, i) => funcs.push(`(func (export "${name}_${i}") (param $a i64) (result i64) (i64.${name} (local.get $a) (i64.const ${c})))`));
    }
    const s = await instantiateWat(`(module ${funcs.join('\n')})`);
    for (const [name, , ref] of OPS) {
      CONSTS.forEach((c, i) => {
        const f = s.func(`${name}_${i}`).typed(s.store, ['i64'], ['i64']);
        for (const a of INPUTS) expect(f.call(s.store, a), `${name} ${a} ${c}`).toBe(wrap(ref(a, c)));
      });
    }
    const seen = irOpcodes(s);
    for (const [name, op] of OPS) expect(seen.has(Op.I64BinImmBase + (op - 0x7c)), name).toBe(true);
  });

  it('fuse a constant shift with the xor after it (xorshift64), including in place', async () => {
    const s = await instantiateWat(`(module
      (func (export "step") (param $x i64) (result i64)
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))))
        (i64.xor (i64.shl (local.get $x) (i64.const 40)) (i64.const 0x1234))))`);
    const step = s.func('step').typed(s.store, ['i64'], ['i64']);
    const ref = (x: bigint): bigint => {
      let u = BigInt.asUintN(64, x);
      u ^= u >> 12n;
      u = BigInt.asUintN(64, u ^ (u << 25n));
      u ^= u >> 27n;
      return wrap((u << 40n) ^ 0x1234n);
    };
    for (const x of INPUTS) expect(step.call(s.store, x), String(x)).toBe(ref(x));
    const seen = irOpcodes(s);
    expect(seen.has(Op.I64ShlImmThenXor)).toBe(true);
    expect(seen.has(Op.I64ShrUImmThenXor)).toBe(true);
  });

  it('multiplies registers without BigInt over carries between the halves', async () => {
    const s = await instantiateWat(`(module
      (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
      (func (export "rotl") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
      (func (export "rotr") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1))))`);
    const mul = s.func('mul').typed(s.store, ['i64', 'i64'], ['i64']);
    const rl = s.func('rotl').typed(s.store, ['i64', 'i64'], ['i64']);
    const rr = s.func('rotr').typed(s.store, ['i64', 'i64'], ['i64']);
    for (const a of INPUTS) {
      for (const b of [...INPUTS, ...CONSTS]) {
        expect(mul.call(s.store, a, b), `${a} * ${b}`).toBe(wrap(a * b));
        expect(rl.call(s.store, a, b), `rotl ${a} ${b}`).toBe(wrap(rotl(a, b & 63n)));
        expect(rr.call(s.store, a, b), `rotr ${a} ${b}`).toBe(wrap(rotl(a, (64n - (b & 63n)) & 63n)));
      }
    }
  });
});
