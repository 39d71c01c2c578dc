/** Validation and translation of memory, bulk-memory and table instructions (see translate.ts). */
import type { ValueType } from '@wrl/core/backend';
import { invalid, malformed } from '../binary/reader.js';
import { LOAD_INFO, NUMERIC_SIG, STORE_INFO, log2 } from './numeric.js';
import { Op } from './ops.js';
import type { Translator } from './translate.js';

/** Reads a memarg, leaving its memory index in `argMem`; returns the offset. */
export function memarg(tr: Translator, at: number, maxAlign: number): number {
  let align = tr.r.u32();
  let mem = 0;
  if (tr.env.multiMemory && align >= 64 && align < 128) {
    align -= 64;
    mem = tr.r.u32();
  }
  const offset = tr.r.u32();
  tr.memory(mem, at);
  if (align > maxAlign) invalid('alignment must not be larger than natural', at);
  tr.argMem = mem;
  return offset | 0;
}

/** The memory index of memory.size/grow/fill/init: a zero byte in 2.0, an index with multi-memory. */
export function memIndex(tr: Translator, at: number): number {
  const zat = tr.r.pos;
  let mem = 0;
  if (tr.env.multiMemory) mem = tr.r.u32();
  else if (tr.r.u8() !== 0) malformed('zero byte expected', zat);
  tr.memory(mem, at);
  return mem;
}

/** Brackets instructions on a memory other than 0 with UseMem (before, then back to 0 after). */
export function useMem(tr: Translator, mem: number, after = false): void {
  if (mem !== 0) tr.e(Op.UseMem, after ? 0 : mem);
}

/**
 * The constant k of an `i32.add` with a constant (k >= 0) just emitted to compute the address on
 * top of the stack of a load without offset; -1 otherwise. (With an offset, a sum past 2^32 would
 * not tell whether the add wrapped, which the out-of-bounds path must know.)
 */
function foldableAddress(tr: Translator, offset: number): number {
  if (offset !== 0 || tr.lpStart < 0 || tr.lpOp !== Op.I32AddImm || tr.lpEntry !== tr.vt.length - 1 || !tr.live()) return -1;
  const k = tr.code[tr.lpStart + 3]!;
  return k >= 0 ? k : -1;
}

export function memoryAccess(tr: Translator, op: number, at: number): void {
  const load = LOAD_INFO[op];
  if (load !== undefined) {
    const offset = memarg(tr, at, log2(load[1]));
    const mem = tr.argMem;
    const k = mem === 0 ? foldableAddress(tr, offset) : -1;
    tr.pop('i32');
    let addr = tr.popLoc;
    const d = tr.push(load[0]);
    if (k >= 0) {
      // the add goes; the load adds k itself (its out-of-bounds path wraps like the add, see wrapAt)
      addr = tr.code[tr.lpStart + 2]!;
      tr.code.length = tr.lpStart;
      tr.wrapAt.add(tr.code.length);
      tr.producer(op, d, addr, k);
      return;
    }
    useMem(tr, mem);
    tr.producer(op, d, addr, offset);
    useMem(tr, mem, true);
    return;
  }
  const store = STORE_INFO[op]!;
  const offset = memarg(tr, at, log2(store[1]));
  const mem = tr.argMem;
  tr.pop(store[0]);
  const v = tr.popLoc;
  tr.pop('i32');
  useMem(tr, mem);
  tr.e(op, tr.popLoc, v, offset);
  useMem(tr, mem, true);
}

export function prefixFC(tr: Translator, at: number): void {
  const r = tr.r;
  const sub = r.u32();
  if (sub <= 7) {
    const sig = NUMERIC_SIG[0x100 + sub]!;
    tr.numeric(0x100 + sub, sig[0], sig[1]);
    return;
  }
  switch (sub) {
    case 8: {
      const seg = r.u32();
      const mem = memIndex(tr, at);
      dataIndex(tr, seg, at);
      const [d, s, n] = pop3(tr, 'i32', 'i32', 'i32');
      useMem(tr, mem);
      tr.e(Op.MemoryInit, seg, d, s, n);
      useMem(tr, mem, true);
      return;
    }
    case 9: {
      const seg = r.u32();
      dataIndex(tr, seg, at);
      tr.e(Op.DataDrop, seg);
      return;
    }
    case 10: {
      const dm = memIndex(tr, at);
      const sm = memIndex(tr, at);
      const [d, s, n] = pop3(tr, 'i32', 'i32', 'i32');
      if (dm === sm) {
        useMem(tr, dm);
        tr.e(Op.MemoryCopy, d, s, n);
        useMem(tr, dm, true);
      } else {
        tr.e(Op.MemoryCopyBetween, dm, sm, d, s, n);
      }
      return;
    }
    case 11: {
      const mem = memIndex(tr, at);
      const [d, v, n] = pop3(tr, 'i32', 'i32', 'i32');
      useMem(tr, mem);
      tr.e(Op.MemoryFill, d, v, n);
      useMem(tr, mem, true);
      return;
    }
    case 12: {
      const seg = r.u32();
      const t = tr.tableIndex(at);
      if (seg >= tr.m.elems.length) invalid(`unknown elem segment ${seg}`, at);
      if (tr.m.elems[seg]!.type !== tr.m.tables[t]!.element) invalid('type mismatch: table.init element types differ', at);
      const [d, s, n] = pop3(tr, 'i32', 'i32', 'i32');
      tr.e(Op.TableInit, t, seg, d, s, n);
      return;
    }
    case 13: {
      const seg = r.u32();
      if (seg >= tr.m.elems.length) invalid(`unknown elem segment ${seg}`, at);
      tr.e(Op.ElemDrop, seg);
      return;
    }
    case 14: {
      const dt = tr.tableIndex(at);
      const st = tr.tableIndex(at);
      if (tr.m.tables[dt]!.element !== tr.m.tables[st]!.element) invalid('type mismatch: table.copy element types differ', at);
      const [d, s, n] = pop3(tr, 'i32', 'i32', 'i32');
      tr.e(Op.TableCopy, dt, st, d, s, n);
      return;
    }
    case 15: {
      const t = tr.tableIndex(at);
      tr.pop('i32');
      const delta = tr.popLoc;
      tr.pop(tr.m.tables[t]!.element);
      const init = tr.popLoc;
      const d = tr.push('i32');
      tr.producer(Op.TableGrow, d, t, init, delta);
      return;
    }
    case 16: {
      const t = tr.tableIndex(at);
      const d = tr.push('i32');
      tr.producer(Op.TableSize, d, t);
      return;
    }
    case 17: {
      const t = tr.tableIndex(at);
      const [i, v, n] = pop3(tr, 'i32', tr.m.tables[t]!.element, 'i32');
      tr.e(Op.TableFill, t, i, v, n);
      return;
    }
  }
  malformed(`illegal opcode fc ${sub}`, at);
}

export function dataIndex(tr: Translator, seg: number, at: number): void {
  if (tr.m.dataCount === undefined) malformed('data count section required', at);
  if (seg >= tr.m.dataCount) invalid(`unknown data segment ${seg}`, at);
}

/** Pops three operands (given bottom to top) and returns their locations bottom to top. */
export function pop3(tr: Translator, t0: ValueType, t1: ValueType, t2: ValueType): [number, number, number] {
  tr.pop(t2);
  const c = tr.popLoc;
  tr.pop(t1);
  const b = tr.popLoc;
  tr.pop(t0);
  return [tr.popLoc, b, c];
}
