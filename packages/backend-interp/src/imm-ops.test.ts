import { describe, expect, it } from 'vitest';
import { irLength } from './ir/length.js';
import { Op } from './ir/ops.js';
import { instantiateWat } from './test-wat.js';

/** i32 binary operations that get an immediate form, as wasm names and JS on int32 inputs. */
const OPS: [string, number, (a: number, b: number) => number][] = [
  ['mul', 0x6c, (a, b) => Math.imul(a, b)],
  ['and', 0x71, (a, b) => a & b],
  ['or', 0x72, (a, b) => a | b],
  ['xor', 0x73, (a, b) => a ^ b],
  ['shl', 0x74, (a, b) => a << b],
  ['shr_s', 0x75, (a, b) => a >> b],
  ['shr_u', 0x76, (a, b) => (a >>> b) | 0],
  ['rotl', 0x77, (a, b) => (a << (b & 31)) | (a >>> ((32 - (b & 31)) & 31))],
  ['rotr', 0x78, (a, b) => (a >>> (b & 31)) | (a << ((32 - (b & 31)) & 31))],
];
/** Immediates, including shift counts outside 0..31 (wasm masks them). */
const IMMS = [0, 1, 5, 31, 32, 33, 63, -1, -31, 0x7fffffff, -0x80000000, 1664525];
const INPUTS = [0, 1, -1, 7, 0x12345678, -0x80000000, 0x7fffffff, -123456789];

function module(): string {
  const funcs: string[] = [];
  for (const [name] of OPS) {
    for (let i = 0; i < IMMS.length; i++) {
      funcs.push(`(func (export "${name}_${i}") (param $a i32) (result i32)
        (i32.${name} (local.get $a) (i32.const ${IMMS[i]})))`);
    }
  }
  return `(module ${funcs.join('\n')})`;
}

describe('i32 binary operations with an immediate right operand', () => {
  it('compute like the register forms', async () => {
    const s = await instantiateWat(module());
    for (const [name, , ref] of OPS) {
      for (let i = 0; i < IMMS.length; i++) {
        const f = s.func(`${name}_${i}`).typed(s.store, ['i32'], ['i32']);
        for (const a of INPUTS) expect(f.call(s.store, a), `${name} ${a} ${IMMS[i]}`).toBe(ref(a, IMMS[i]!));
      }
    }
    const defs = (s.instance.module.backend as unknown as { defs: { code: Int32Array | undefined }[] }).defs;
    const seen = new Set<number>();
    for (const def of defs) {
      const code = def.code!;
      for (let pc = 0; pc < code.length; pc += irLength(code, pc)) seen.add(code[pc]!);
    }
    for (const [name, op] of OPS) expect(seen.has(Op.I32BinImmBase + (op - 0x6a)), name).toBe(true);
  });
});
