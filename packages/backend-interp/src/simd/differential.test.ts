/**
 * Differential test against the host engine (V8 implements the same SIMD
 * spec): every instruction runs on many seeded random operands, rich in edge
 * values, in a tiny wasm module and here, and the results must agree bit for
 * bit, except that where the spec lets a NaN result be any arithmetic NaN
 * both sides only have to produce one.
 */
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SIMD_EXEC, SIMD_EXTRACT, SIMD_OPS, SIMD_REPLACE, SIMD_SHIFT, SIMD_SPLAT, SIMD_TEST,
  simdLoad, simdLoadLane, simdShuffle, simdStore, simdStoreLane, type SimdOpInfo,
} from './index.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt;
beforeAll(async () => { wabt = await wabtInit(); });

const ROUNDS = 400;
/* Memory layout of the probe modules. */
const A_AT = 0, B_AT = 16, C_AT = 32, SCALAR_AT = 48, RESULT_AT = 64, MEM_AT = 128;

function instantiate(body: string): { mem: Uint8Array; exports: Record<string, () => void> } {
  const mod = wabt.parseWat('t.wat', `(module (memory (export "mem") 1) ${body})`, { simd: true });
  try {
    mod.validate();
    const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(mod.toBinary({}).buffer)));
    const e = instance.exports as Record<string, unknown>;
    return { mem: new Uint8Array((e.mem as WebAssembly.Memory).buffer), exports: e as Record<string, () => void> };
  } finally {
    mod.destroy();
  }
}

/* A small seeded PRNG (xorshift32) so failures reproduce. */
let seed = 0x9e3779b9;
function rand(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
}
const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length]!;

const F32_EDGES = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0xffb00000, 0x7fc12345, 0x00000001, 0x807fffff,
  0x7f7fffff, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x3f800000, 0xbf800000, 0x4effffff, 0x4f000000,
  0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x4b000001, 0x4affffff, 0xcb7fffff, 0x3effffff, 0x3f7fffff,
];
const F64_EDGES = [
  0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000001n,
  0x7ff8000012345678n, 0x0000000000000001n, 0x7fefffffffffffffn, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n,
  0x4004000000000000n, 0xc004000000000000n, 0x41dfffffffc00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000200000n,
  0x41efffffffe00000n, 0x41f0000000000000n, 0x432fffffffffffffn, 0x4330000000000001n, 0xc32fffffffffffffn, 0x3fdfffffffffffffn,
  0x47efffffe0000000n, 0x47efffffefffffffn, 0x47effffff0000000n, 0x36a0000000000000n, 0x3810000000000000n,
];
const INT_EDGES = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x4000, 0xc000];

/** 16 random bytes; per 4- or 8-byte chunk: random bits, an edge integer, an edge or random f32, or an edge or random f64. */
function randomV128(out: Uint8Array): void {
  const dv = new DataView(out.buffer, out.byteOffset, 16);
  const mode = rand() % 5;
  for (let at = 0; at < 16; at += 8) {
    const m = mode === 4 ? rand() % 4 : mode;
    switch (m) {
      case 0: dv.setUint32(at, rand(), true); dv.setUint32(at + 4, rand(), true); break;
      case 1: for (let k = 0; k < 8; k += 2) dv.setUint16(at + k, rand() % 3 === 0 ? rand() : pick(INT_EDGES), true); break;
      case 2: for (let k = 0; k < 8; k += 4) dv.setUint32(at + k, rand() % 3 === 0 ? randomF32() : pick(rand() % 4 ? F32_EDGES : F32_EDGES.slice(0, 2)), true); break;
      default: dv.setBigUint64(at, rand() % 3 === 0 ? randomF64() : pick(rand() % 4 ? F64_EDGES : F64_EDGES.slice(0, 2)), true); break;
    }
    if (m === 1 && rand() % 2 === 0) dv.setUint32(at, pick(INT_EDGES), true);
  }
}

function randomF32(): number {
  const f = new Float32Array([(rand() / 2 ** 32 - 0.5) * 2 ** ((rand() % 70) - 10)]);
  return new Uint32Array(f.buffer)[0]!;
}

function randomF64(): bigint {
  const f = new Float64Array([(rand() / 2 ** 32 - 0.5) * 2 ** ((rand() % 80) - 10)]);
  return new BigUint64Array(f.buffer)[0]!;
}

function randomScalar(type: string, dv: DataView): number | bigint {
  switch (type) {
    case 'i32': { const x = rand() % 2 ? pick(INT_EDGES) : rand(); dv.setUint32(SCALAR_AT, x, true); return x | 0; }
    case 'f32': { const x = rand() % 2 ? pick(F32_EDGES) : randomF32(); dv.setUint32(SCALAR_AT, x, true); return x; }
    case 'i64': { const x = (BigInt(rand()) << 32n) | BigInt(rand()); dv.setBigUint64(SCALAR_AT, x, true); return BigInt.asIntN(64, x); }
    default: { const x = rand() % 2 ? pick(F64_EDGES) : randomF64(); dv.setBigUint64(SCALAR_AT, x, true); return x; }
  }
}

/** Result lanes where any arithmetic NaN is acceptable: float arithmetic, as opposed to bit operations. */
function nanLanes(name: string): 'f32' | 'f64' | undefined {
  if (/\.(abs|neg|pmin|pmax|eq|ne|lt|gt|le|ge|splat|extract_lane|replace_lane)$/.test(name) || name.startsWith('i')) return undefined;
  if (name.startsWith('f32x4.')) return 'f32';
  if (name.startsWith('f64x2.')) return 'f64';
  return undefined;
}

function expectSame(name: string, expected: Uint8Array, actual: Uint8Array, context: () => string, operands: Uint8Array[] = []): void {
  const lanes = nanLanes(name);
  const inWidth = name.includes('demote') ? 8 : name.includes('promote') ? 4 : lanes === 'f32' ? 4 : 8;
  const canonicalInputs = operands.every((v) => {
    for (let at = 0; at < 16; at += inWidth) {
      const lane = v.subarray(at, at + inWidth);
      if (isNaNBits(lane) && !isCanonicalNaN(lane)) return false;
    }
    return true;
  });
  if (lanes === undefined) {
    if (!expected.every((b, i) => b === actual[i])) expect(hex(actual), `${name} ${context()}`).toBe(hex(expected));
    return;
  }
  const width = lanes === 'f32' ? 4 : 8;
  for (let at = 0; at < 16; at += width) {
    const e = expected.subarray(at, at + width), a = actual.subarray(at, at + width);
    if (isNaNBits(e)) {
      // Any arithmetic NaN (quiet bit set) is allowed; a canonical one if every NaN operand is canonical.
      const ok = canonicalInputs ? isCanonicalNaN(a) : isNaNBits(a) && (a[width - 2]! & (width === 4 ? 0x40 : 0x08)) !== 0;
      expect(ok, `${name} lane@${at} ${context()} got ${hex(a)}`).toBe(true);
    } else if (!e.every((b, i) => b === a[i])) {
      expect(hex(actual), `${name} ${context()}`).toBe(hex(expected));
    }
  }
}

/** A NaN whose payload is only the quiet bit, of either sign. */
function isCanonicalNaN(b: Uint8Array): boolean {
  const copy = b.slice();
  copy[copy.length - 1]! &= 0x7f;
  return hex(copy) === (copy.length === 4 ? '00 00 c0 7f' : '00 00 00 00 00 00 f8 7f');
}

function isNaNBits(b: Uint8Array): boolean {
  return b.length === 4 ? Number.isNaN(new Float32Array(b.slice().buffer)[0]) : Number.isNaN(new Float64Array(b.slice().buffer)[0]);
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

const pureOps = SIMD_OPS.flatMap((info, op) => (info && info.kind === 'pure' && info.form !== 'const' ? [{ op, info }] : []));
const memOps = SIMD_OPS.flatMap((info, op) => (info && info.kind !== 'pure' ? [{ op, info }] : []));

const loadV = (at: number) => `(v128.load (i32.const ${at}))`;
const scalarOf = (info: SimdOpInfo) => info.params.find((t) => t !== 'v128') ?? info.results[0]!;

/** The probe functions for one instruction: one export per lane immediate (or shuffle pattern) "f0", "f1", ... */
function probes(info: SimdOpInfo, shuffles: number[][]): string[] {
  const v = [loadV(A_AT), loadV(B_AT), loadV(C_AT)];
  switch (info.form) {
    case 'v128': return [`(v128.store (i32.const ${RESULT_AT}) (${info.name} ${v.slice(0, info.params.length).join(' ')}))`];
    case 'splat': return [`(v128.store (i32.const ${RESULT_AT}) (${info.name} (${scalarOf(info)}.load (i32.const ${SCALAR_AT}))))`];
    case 'shift': return [`(v128.store (i32.const ${RESULT_AT}) (${info.name} ${v[0]} (i32.load (i32.const ${SCALAR_AT}))))`];
    case 'test': return [`(i32.store (i32.const ${RESULT_AT}) (${info.name} ${v[0]}))`];
    case 'extract': return lanes(info).map((l) => `(${scalarOf(info)}.store (i32.const ${RESULT_AT}) (${info.name} ${l} ${v[0]}))`);
    case 'replace': return lanes(info).map((l) => `(v128.store (i32.const ${RESULT_AT}) (${info.name} ${l} ${v[0]} (${scalarOf(info)}.load (i32.const ${SCALAR_AT}))))`);
    case 'shuffle': return shuffles.map((s) => `(v128.store (i32.const ${RESULT_AT}) (${info.name} ${s.join(' ')} ${v[0]} ${v[1]}))`);
    default: throw new Error(`no probe for ${info.name}`);
  }
}

const lanes = (info: SimdOpInfo): number[] => Array.from({ length: info.lanes! }, (_, i) => i);

describe('SIMD differential test against the host WebAssembly engine', () => {
  it.each(pureOps.map((o) => [o.info.name, o] as const))('%s', (_name, { op, info }) => {
    const shuffles = Array.from({ length: 24 }, (_, k) => Array.from({ length: 16 }, (_, i) => (k === 0 ? i : k === 1 ? 31 - i : rand() % 32)));
    const bodies = probes(info, shuffles);
    const { mem, exports } = instantiate(bodies.map((b, i) => `(func (export "f${i}") ${b})`).join(' '));
    const dv = new DataView(mem.buffer);
    const a = mem.subarray(A_AT, A_AT + 16), b = mem.subarray(B_AT, B_AT + 16), c = mem.subarray(C_AT, C_AT + 16);
    const ours = new Uint8Array(16);
    for (let round = 0; round < ROUNDS; round++) {
      randomV128(a); randomV128(b); randomV128(c);
      // Operands equal to, or sign-flipped from, the first one reach the tie cases (-0 vs +0, equal lanes).
      if (round % 4 === 1) b.set(a);
      if (round % 4 === 2) {
        const width = rand() % 2 ? 4 : 8;
        for (let i = 0; i < 16; i++) b[i] = a[i]! ^ (i % width === width - 1 && rand() % 2 ? 0x80 : 0);
      }
      if (info.name === 'i8x16.swizzle' && round % 2) for (let i = 0; i < 16; i++) b[i] = rand() % 40;
      if (info.name === 'v128.bitselect' && round % 2) c.set(b.map((x) => (x & 1 ? 0xff : 0)));
      const scalar = randomScalar(scalarOf(info), dv);
      const shiftCount = info.form === 'shift' ? (rand() % 3 === 0 ? rand() : rand() % 70) : 0;
      if (info.form === 'shift') dv.setUint32(SCALAR_AT, shiftCount, true);
      const context = () => `a=${hex(a)} b=${hex(b)} c=${hex(c)} scalar=${String(scalar)}`;
      bodies.forEach((_, k) => {
        exports[`f${k}`]!();
        const theirs = mem.subarray(RESULT_AT, RESULT_AT + 16);
        switch (info.form) {
          case 'v128': SIMD_EXEC[op]!(ours, a, b, c); break;
          case 'splat': SIMD_SPLAT[op]!(ours, scalar); break;
          case 'shift': SIMD_SHIFT[op]!(ours, a, shiftCount); break;
          case 'replace': SIMD_REPLACE[op]!(ours, a, k, scalar); break;
          case 'shuffle': simdShuffle(ours, a, b, Uint8Array.from(shuffles[k]!)); break;
          case 'test': expect(SIMD_TEST[op]!(a), `${info.name} ${context()}`).toBe(dv.getInt32(RESULT_AT, true)); return;
          case 'extract': {
            const got = SIMD_EXTRACT[op]!(a, k);
            const want = info.results[0] === 'i32' ? dv.getInt32(RESULT_AT, true) : info.results[0] === 'f32' ? dv.getUint32(RESULT_AT, true)
              : info.results[0] === 'i64' ? dv.getBigInt64(RESULT_AT, true) : dv.getBigUint64(RESULT_AT, true);
            expect(got, `${info.name} lane ${k} ${context()}`).toBe(want);
            return;
          }
        }
        expectSame(info.name, theirs, ours, context, [a, b, c].slice(0, info.params.length));
      });
    }
  });

  it.each(memOps.map((o) => [o.info.name, o] as const))('%s', (_name, { op, info }) => {
    const laneList = info.lanes === undefined ? [0] : lanes(info);
    const body = (l: number): string => {
      const laneImm = info.lanes === undefined ? '' : ` ${l}`;
      switch (info.kind) {
        case 'load': return `(v128.store (i32.const ${RESULT_AT}) (${info.name} offset=3 (i32.const ${MEM_AT})))`;
        case 'store': return `(${info.name} offset=3 (i32.const ${MEM_AT}) ${loadV(A_AT)})`;
        case 'load_lane': return `(v128.store (i32.const ${RESULT_AT}) (${info.name} offset=3${laneImm} (i32.const ${MEM_AT}) ${loadV(A_AT)}))`;
        default: return `(${info.name} offset=3${laneImm} (i32.const ${MEM_AT}) ${loadV(A_AT)})`;
      }
    };
    const { mem, exports } = instantiate(laneList.map((l) => `(func (export "f${l}") ${body(l)})`).join(' '));
    const a = mem.subarray(A_AT, A_AT + 16);
    const addr = MEM_AT + 3;
    const ours = new Uint8Array(16);
    const ourMem = new Uint8Array(64);
    for (let round = 0; round < ROUNDS / 4; round++) {
      for (const l of laneList) {
        randomV128(a);
        for (let i = MEM_AT; i < MEM_AT + 32; i++) mem[i] = rand();
        ourMem.set(mem.subarray(MEM_AT - 16, MEM_AT + 48));
        const local = addr - (MEM_AT - 16);
        const context = () => `lane=${l} a=${hex(a)} mem=${hex(mem.subarray(addr, addr + 16))}`;
        exports[`f${l}`]!();
        switch (info.kind) {
          case 'load': simdLoad(op, ourMem, local, ours); break;
          case 'load_lane': simdLoadLane(op, ourMem, local, a, l, ours); break;
          case 'store': simdStore(ourMem, local, a); break;
          default: simdStoreLane(op, ourMem, local, a, l); break;
        }
        if (info.kind === 'load' || info.kind === 'load_lane') expectSame(info.name, mem.subarray(RESULT_AT, RESULT_AT + 16), ours, context);
        else expect(hex(ourMem), `${info.name} ${context()}`).toBe(hex(mem.subarray(MEM_AT - 16, MEM_AT + 48)));
      }
    }
  });
});
