import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { SIMD_EXEC, SIMD_EXTRACT, SIMD_OPCODE_BY_NAME, SIMD_OPS, SIMD_REPLACE, SIMD_SHIFT, SIMD_SPLAT, SIMD_TEST, type SimdOpInfo } from './index.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;
const loadWabt = () => (wabtPromise ??= wabtInit());

function immediateText(info: SimdOpInfo, align?: number, lane = 0): string {
  const alignText = align === undefined ? '' : ` align=${align}`;
  switch (info.imm) {
    case 'none': return '';
    case 'memarg': return alignText;
    case 'memarg_lane': return `${alignText} ${lane}`;
    case 'lane': return ` ${lane}`;
    case 'v128const': return ' i32x4 1 2 3 4';
    case 'shuffle': return ` ${Array.from({ length: 16 }, (_, i) => (i === 0 ? lane : i)).join(' ')}`;
  }
}

/** A module whose only function takes the instruction's operands as parameters and returns its results. */
function moduleText(info: SimdOpInfo, immediate: string): string {
  const params = info.params.length ? `(param ${info.params.join(' ')})` : '';
  const results = info.results.length ? `(result ${info.results.join(' ')})` : '';
  const gets = info.params.map((_, i) => `local.get ${i}`).join(' ');
  return `(module (memory 1) (func ${params} ${results} ${gets} ${info.name}${immediate}))`;
}

async function assemble(text: string): Promise<Uint8Array> {
  const wabt = await loadWabt();
  const mod = wabt.parseWat('t.wat', text, { simd: true });
  try {
    mod.validate();
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const ops = SIMD_OPS.flatMap((info, op) => (info ? [{ op, info }] : []));

describe('SIMD_OPS', () => {
  it('lists the 236 instructions of the final SIMD spec with unique names', () => {
    expect(ops).toHaveLength(236);
    expect(new Set(ops.map((o) => o.info.name)).size).toBe(236);
    expect(SIMD_OPCODE_BY_NAME.size).toBe(236);
    expect(SIMD_OPS[0x00]!.name).toBe('v128.load');
    expect(SIMD_OPS[0xff]!.name).toBe('f64x2.convert_low_i32x4_u');
  });

  it('leaves exactly the reserved opcodes empty', () => {
    const reserved = SIMD_OPS.flatMap((info, op) => (info ? [] : [op]));
    expect(reserved).toEqual([0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xb3, 0xb4, 0xbb, 0xc2, 0xc5, 0xc6, 0xcf, 0xd0, 0xd2, 0xd3, 0xd4, 0xe2, 0xee]);
  });

  it('gives each pure instruction exactly one implementation in the table named by its form', () => {
    const tables = { v128: SIMD_EXEC, splat: SIMD_SPLAT, extract: SIMD_EXTRACT, replace: SIMD_REPLACE, shift: SIMD_SHIFT, test: SIMD_TEST } as const;
    for (const { op, info } of ops) {
      for (const [form, table] of Object.entries(tables)) {
        expect(table[op] !== undefined, `${info.name} in ${form} table`).toBe(info.form === form);
      }
      expect(info.kind === 'pure', info.name).toBe(info.form !== 'memory');
    }
  });

  it('matches wabt: each name assembles to 0xFD + its opcode and validates with the listed signature', async () => {
    for (const { op, info } of ops) {
      const bin = await assemble(moduleText(info, immediateText(info)));
      const at = bin.indexOf(0xfd);
      expect(at, info.name).toBeGreaterThan(0);
      expect([...bin.subarray(at + 1, at + 1 + uleb(op).length)], info.name).toEqual(uleb(op));
    }
  });

  it('matches wabt on memory alignment limits and memBytes', async () => {
    for (const { info } of ops.filter((o) => o.info.kind !== 'pure')) {
      expect(info.maxAlign, info.name).toBeDefined();
      expect(1 << info.maxAlign!, info.name).toBe(info.memBytes === 16 ? 16 : info.memBytes);
      await expect(assemble(moduleText(info, immediateText(info, 1 << info.maxAlign!)))).resolves.toBeInstanceOf(Uint8Array);
      await expect(assemble(moduleText(info, immediateText(info, 2 << info.maxAlign!))), info.name).rejects.toThrow();
    }
  });

  it('matches wabt on lane index limits', async () => {
    for (const { info } of ops.filter((o) => o.info.lanes !== undefined)) {
      const okLane = info.lanes! - 1;
      await expect(assemble(moduleText(info, immediateText(info, undefined, okLane)))).resolves.toBeInstanceOf(Uint8Array);
      await expect(assemble(moduleText(info, immediateText(info, undefined, info.lanes!))), info.name).rejects.toThrow();
    }
  });
});
