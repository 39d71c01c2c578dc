/** Validation and translation of SIMD (0xfd) instructions, driven by the SIMD_OPS table (see translate.ts). */
import { invalid, malformed } from '../binary/reader.js';
import { log2 } from './numeric.js';
import { Op } from './ops.js';
import type { Translator } from './translate.js';
import { memarg, useMem } from './translate-memory.js';

export function prefixFD(tr: Translator, at: number): void {
  const r = tr.r;
  const sub = r.u32();
  const table = tr.env.simd;
  const info = table?.[sub];
  if (info === undefined) malformed(`illegal opcode fd ${sub}`, at);
  const imm: number[] = [];
  let offset = 0;
  let lane = 0;
  switch (info.imm) {
    case 'memarg':
    case 'memarg_lane': {
      offset = memarg(tr, at, info.maxAlign ?? log2(info.memBytes ?? 16));
      if (info.imm === 'memarg_lane') {
        lane = r.u8();
        if (lane >= (info.lanes ?? 16)) invalid('invalid lane index', at);
      }
      break;
    }
    case 'lane': {
      lane = r.u8();
      if (lane >= (info.lanes ?? 16)) invalid('invalid lane index', at);
      imm.push(lane);
      break;
    }
    case 'v128const':
    case 'shuffle': {
      const p = r.pos;
      r.bytesOf(16);
      const b = r.bytes;
      for (let i = 0; i < 16; i += 4) imm.push(b[p + i]! | (b[p + i + 1]! << 8) | (b[p + i + 2]! << 16) | (b[p + i + 3]! << 24));
      if (info.imm === 'shuffle') for (let i = 0; i < 16; i++) if (b[p + i]! >= 32) invalid('invalid lane index', at);
      break;
    }
  }
  const locs: number[] = [];
  for (let i = info.params.length - 1; i >= 0; i--) {
    tr.pop(info.params[i]!);
    locs.unshift(tr.popLoc);
  }
  const dst = info.results.length === 1 ? tr.push(info.results[0]!) : -1;
  if (info.kind !== 'pure') {
    const mem = tr.argMem;
    useMem(tr, mem);
    simdMemory(tr, info.kind, sub, dst, locs, offset, lane);
    useMem(tr, mem, true);
    return;
  }
  if (info.form === 'const') tr.producer(Op.ConstV128, dst, ...imm);
  else tr.producer(Op.SimdPure, dst, sub, locs.length, ...locs, ...imm);
}

export function simdMemory(tr: Translator, kind: string, sub: number, dst: number, locs: number[], offset: number, lane: number): void {
  switch (kind) {
    case 'load':
      tr.producer(Op.SimdLoad, dst, sub, locs[0]!, offset);
      return;
    case 'store':
      tr.e(Op.SimdStore, sub, locs[0]!, locs[1]!, offset);
      return;
    case 'load_lane':
      tr.producer(Op.SimdLoadLane, dst, sub, locs[0]!, locs[1]!, offset, lane);
      return;
    case 'store_lane':
      tr.e(Op.SimdStoreLane, sub, locs[0]!, locs[1]!, offset, lane);
      return;
  }
}
