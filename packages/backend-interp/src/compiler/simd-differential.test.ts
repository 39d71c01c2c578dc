/**
 * Every SIMD instruction in the JS tier against the interpreter (whose
 * implementations src/simd/differential.test.ts checks against V8): a probe
 * function per instruction reads its operands from memory and writes its
 * result there, so it has no v128 at its boundary and the JS tier compiles
 * it; both tiers run it on the same seeded random memory, which must then
 * agree byte for byte (NaN bits included: the JS tier's helpers are the
 * interpreter's implementations, and its inline instructions are integer ones).
 */
import { describe, expect, it } from 'vitest';
import type { Memory } from '@wrl/core';
import { SIMD_OPS, type SimdOpInfo } from '../simd/index.js';
import { instantiateWat, outcome, type Setup } from '../test-wat.js';

const A = 0, B = 16, C = 32, SCALAR = 48, RESULT = 64, MEM = 128, SIZE = 256;
const ROUNDS = 24;

let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
}

const EDGES = [0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -0x80000000, 0x7f800000, 0x7fc00000, 0x7fa00001, 0xffc00000, 0x3f800000, 0x4f000000, 0x7ff80000, 0x7ff00000, 0x41e00000];

function randomMemory(): Uint8Array {
  const words = new Int32Array(SIZE / 4);
  for (let i = 0; i < words.length; i++) words[i] = rand() % 3 === 0 ? EDGES[rand() % EDGES.length]! : rand() | 0;
  return new Uint8Array(words.buffer);
}

const load = (t: string, at: number): string => `(${t}.load (i32.const ${at}))`;

/** The probe body for one instruction, or undefined for v128.const (covered by the spec tests). */
function probe(info: SimdOpInfo): string | undefined {
  const lane = info.lanes !== undefined ? rand() % info.lanes : 0;
  const v = [A, B, C].map((at) => load('v128', at));
  switch (info.form) {
    case 'v128': return `(v128.store (i32.const ${RESULT}) (${info.name} ${v.slice(0, info.params.length).join(' ')}))`;
    case 'splat': return `(v128.store (i32.const ${RESULT}) (${info.name} ${load(info.params[0]!, SCALAR)}))`;
    case 'extract': return `(${info.results[0]}.store (i32.const ${RESULT}) (${info.name} ${lane} ${v[0]}))`;
    case 'replace': return `(v128.store (i32.const ${RESULT}) (${info.name} ${lane} ${v[0]} ${load(info.params[1]!, SCALAR)}))`;
    case 'shift': return `(v128.store (i32.const ${RESULT}) (${info.name} ${v[0]} ${load('i32', SCALAR)}))`;
    case 'test': return `(i32.store (i32.const ${RESULT}) (${info.name} ${v[0]}))`;
    case 'shuffle': {
      const lanes = Array.from({ length: 16 }, () => rand() % 32);
      return `(v128.store (i32.const ${RESULT}) (${info.name} ${lanes.join(' ')} ${v[0]} ${v[1]}))`;
    }
    case 'memory': {
      // an address from memory: mostly in bounds, sometimes past the end (a trap)
      const addr = `(select (i32.const ${MEM}) (i32.const 65530) (i32.and (i32.load (i32.const ${SCALAR})) (i32.const 7)))`;
      const offset = `offset=${rand() % 3 === 0 ? 0 : rand() % 48}`;
      switch (info.kind) {
        case 'load': return `(v128.store (i32.const ${RESULT}) (${info.name} ${offset} ${addr}))`;
        case 'load_lane': return `(v128.store (i32.const ${RESULT}) (${info.name} ${offset} ${lane} ${addr} ${v[0]}))`;
        case 'store': return `(${info.name} ${offset} ${addr} ${v[0]})`;
        default: return `(${info.name} ${offset} ${lane} ${addr} ${v[0]})`;
      }
    }
    default: return undefined;
  }
}

describe('JS tier SIMD against the interpreter', () => {
  it('agrees on every instruction, in memory and traps', async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const info of SIMD_OPS) {
      if (info === undefined) continue;
      const body = probe(info);
      if (body === undefined) continue;
      const text = `(module (memory (export "mem") 1) (func (export "run") ${body}))`;
      const tiers = await Promise.all([false, true].map((jsTier) => instantiateWat(text, undefined, { jsTier, jsTierHotness: 1 })));
      const mem = (s: Setup) => s.instance.getExport(s.store, 'mem')!.value as Memory;
      for (let round = 0; round < ROUNDS; round++) {
        const bytes = randomMemory();
        const seen = tiers.map((s) => {
          mem(s).write(s.store, 0, bytes);
          const r = outcome(() => s.func('run').typed(s.store, [], []).call(s.store));
          const out = new Uint8Array(SIZE);
          mem(s).read(s.store, 0, out);
          return `${String(r)} ${Buffer.from(out).toString('hex')}`;
        });
        compared++;
        if (seen[0] !== seen[1]) mismatches.push(`${info.name}: ${body}\n  interp ${seen[0]}\n  js     ${seen[1]}`);
      }
      const compiled = (tiers[1]!.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs[0]!.factory;
      expect(typeof compiled, info.name).toBe('function');
    }
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
    expect(compared).toBeGreaterThan(200 * ROUNDS);
  });
});
