/**
 * Decodes the sections of a module (everything except function bodies,
 * which `validate/body.ts` checks) and validates the module-level rules.
 */
import { FuncType, GlobalType, MemoryType, TableType, type ValueType } from '@wrl/core/backend';
import type { CodeInfo, ConstExpr, ConstOp, DataInfo, ElemInfo, ExportInfo, ImportInfo, ModuleInfo } from './info.js';
import { Reader, invalid, malformed } from './reader.js';

export interface DecodeOptions {
  readonly multiMemory: boolean;
  readonly extendedConst: boolean;
}

const MAX_PAGES = 65536;
/** The order in which non-custom sections must appear, by id. */
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12 };
const MAX_LOCALS = 50000;

export function valueTypeOf(byte: number): ValueType | undefined {
  switch (byte) {
    case 0x7f: return 'i32';
    case 0x7e: return 'i64';
    case 0x7d: return 'f32';
    case 0x7c: return 'f64';
    case 0x7b: return 'v128';
    case 0x70: return 'funcref';
    case 0x6f: return 'externref';
  }
  return undefined;
}

export function readValueType(r: Reader): ValueType {
  const at = r.pos;
  const t = valueTypeOf(r.u8());
  if (t === undefined) malformed('malformed value type', at);
  return t;
}

function readRefType(r: Reader): ValueType {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x70) return 'funcref';
  if (b === 0x6f) return 'externref';
  return malformed('malformed reference type', at);
}

function readLimits(r: Reader, max: number, what: 'memory' | 'table'): { min: number; max: number | undefined } {
  const at = r.pos;
  const flag = r.u8();
  if (flag !== 0 && flag !== 1) malformed(flag === 3 || flag === 2 ? 'integer too large' : 'malformed limits flags', at);
  const min = r.u32();
  const mx = flag === 1 ? r.u32() : undefined;
  if (what === 'memory') {
    if (min > max) invalid('memory size must be at most 65536 pages (4GiB)', at);
    if (mx !== undefined && mx > max) invalid('memory size must be at most 65536 pages (4GiB)', at);
  }
  if (mx !== undefined && min > mx) invalid('size minimum must not be greater than maximum', at);
  return { min, max: mx };
}

function readTableType(r: Reader): TableType {
  const el = readRefType(r);
  const { min, max } = readLimits(r, 0xffffffff, 'table');
  return new TableType(el, min, max);
}

function readMemoryType(r: Reader): MemoryType {
  const { min, max } = readLimits(r, MAX_PAGES, 'memory');
  return new MemoryType(min, max);
}

function readGlobalType(r: Reader): GlobalType {
  const t = readValueType(r);
  const at = r.pos;
  const m = r.u8();
  if (m > 1) malformed('malformed mutability', at);
  return new GlobalType(t, m === 1);
}

export function decodeModule(bytes: Uint8Array, opts: DecodeOptions): ModuleInfo {
  const r = new Reader(bytes);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) malformed('magic header not detected', 0);
  if (bytes.length < 8) malformed('unexpected end', 4);
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) malformed('unknown binary version', 4);
  r.pos = 8;
  const m: ModuleInfo = {
    bytes,
    types: [], imports: [], funcs: [], tables: [], memories: [], globals: [], globalInits: [],
    exports: [], start: undefined, elems: [], datas: [], dataCount: undefined, codes: [],
    numImportedFuncs: 0, numImportedTables: 0, numImportedMemories: 0, numImportedGlobals: 0,
    declaredRefs: new Set(),
  };
  let lastRank = 0;
  let funcDecls = 0;
  let sawCode = false;
  while (!r.atEnd) {
    const idAt = r.pos;
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    if (size > bytes.length - start) malformed('unexpected end of section or function', start);
    const end = start + size;
    const s = new Reader(bytes, start, end);
    if (id !== 0) {
      const rank = SECTION_RANK[id];
      if (rank === undefined) malformed('malformed section id', idAt);
      if (rank <= lastRank) malformed('unexpected content after last section', idAt);
      lastRank = rank;
    }
    switch (id) {
      case 0: s.name(); s.pos = end; break;
      case 1: readTypes(s, m); break;
      case 2: readImports(s, m, opts); break;
      case 3: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const at = s.pos;
          const t = s.u32();
          if (t >= m.types.length) invalid(`unknown type ${t}`, at);
          m.funcs.push(t);
        }
        funcDecls = n;
        break;
      }
      case 4: {
        const n = s.u32();
        for (let i = 0; i < n; i++) m.tables.push(readTableType(s));
        break;
      }
      case 5: {
        const n = s.u32();
        for (let i = 0; i < n; i++) m.memories.push(readMemoryType(s));
        if (m.memories.length > 1 && !opts.multiMemory) invalid('multiple memories', start);
        break;
      }
      case 6: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const gt = readGlobalType(s);
          m.globalInits.push(readConstExpr(s, m, gt.content, m.numImportedGlobals, opts));
          m.globals.push(gt);
        }
        break;
      }
      case 7: readExports(s, m); break;
      case 8: {
        const at = s.pos;
        const f = s.u32();
        if (f >= m.funcs.length) invalid(`unknown function ${f}`, at);
        const ty = m.types[m.funcs[f]!]!;
        if (ty.params.length || ty.results.length) invalid('start function must have type [] -> []', at);
        m.start = f;
        break;
      }
      case 9: readElems(s, m, opts); break;
      case 12: m.dataCount = s.u32(); break;
      case 10: {
        sawCode = true;
        const n = s.u32();
        if (n !== funcDecls) malformed('function and code section have inconsistent lengths', start);
        for (let i = 0; i < n; i++) m.codes.push(readCode(s));
        break;
      }
      case 11: readDatas(s, m, opts); break;
    }
    if (s.pos !== end) malformed('section size mismatch', s.pos);
    r.pos = end;
  }
  if (!sawCode && funcDecls > 0) malformed('function and code section have inconsistent lengths', bytes.length);
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) malformed('data count and data section have inconsistent lengths', bytes.length);
  return m;
}

function readTypes(s: Reader, m: ModuleInfo): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    if (s.u8() !== 0x60) malformed('integer representation too long', at);
    const np = s.u32();
    const params: ValueType[] = [];
    for (let j = 0; j < np; j++) params.push(readValueType(s));
    const nr = s.u32();
    const results: ValueType[] = [];
    for (let j = 0; j < nr; j++) results.push(readValueType(s));
    m.types.push(new FuncType(params, results));
  }
}

function readImports(s: Reader, m: ModuleInfo, opts: DecodeOptions): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const module = s.name();
    const name = s.name();
    const at = s.pos;
    const kind = s.u8();
    let imp: ImportInfo;
    switch (kind) {
      case 0: {
        const tat = s.pos;
        const t = s.u32();
        if (t >= m.types.length) invalid(`unknown type ${t}`, tat);
        imp = { module, name, desc: { kind: 'func', type: t } };
        m.funcs.push(t);
        m.numImportedFuncs++;
        break;
      }
      case 1: {
        const type = readTableType(s);
        imp = { module, name, desc: { kind: 'table', type } };
        m.tables.push(type);
        m.numImportedTables++;
        break;
      }
      case 2: {
        const type = readMemoryType(s);
        imp = { module, name, desc: { kind: 'memory', type } };
        m.memories.push(type);
        m.numImportedMemories++;
        if (m.memories.length > 1 && !opts.multiMemory) invalid('multiple memories', at);
        break;
      }
      case 3: {
        const type = readGlobalType(s);
        imp = { module, name, desc: { kind: 'global', type } };
        m.globals.push(type);
        m.numImportedGlobals++;
        break;
      }
      default:
        malformed('malformed import kind', at);
    }
    m.imports.push(imp);
  }
}

function readExports(s: Reader, m: ModuleInfo): void {
  const n = s.u32();
  const names = new Set<string>();
  for (let i = 0; i < n; i++) {
    const name = s.name();
    const at = s.pos;
    const k = s.u8();
    const index = s.u32();
    let kind: ExportInfo['kind'];
    switch (k) {
      case 0:
        kind = 'func';
        if (index >= m.funcs.length) invalid(`unknown function ${index}`, at);
        m.declaredRefs.add(index);
        break;
      case 1:
        kind = 'table';
        if (index >= m.tables.length) invalid(`unknown table ${index}`, at);
        break;
      case 2:
        kind = 'memory';
        if (index >= m.memories.length) invalid(`unknown memory ${index}`, at);
        break;
      case 3:
        kind = 'global';
        if (index >= m.globals.length) invalid(`unknown global ${index}`, at);
        break;
      default:
        return malformed('malformed export kind', at);
    }
    if (names.has(name)) invalid('duplicate export name', at);
    names.add(name);
    m.exports.push({ name, kind, index });
  }
}

function readElems(s: Reader, m: ModuleInfo, opts: DecodeOptions): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const flags = s.u32();
    if (flags > 7) malformed('malformed elements segment kind', at);
    const mode: ElemInfo['mode'] = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
    let table = 0;
    if (flags & 2 && !(flags & 1)) table = s.u32();
    let offset: ConstExpr | undefined;
    if (mode === 'active') {
      if (table >= m.tables.length) invalid(`unknown table ${table}`, at);
      offset = readConstExpr(s, m, 'i32', m.numImportedGlobals, opts);
    }
    let type: ValueType = 'funcref';
    const usesExprs = (flags & 4) !== 0;
    if (flags & 3) {
      if (usesExprs) type = readRefType(s);
      else {
        const kat = s.pos;
        if (s.u8() !== 0) malformed('malformed element kind', kat);
      }
    }
    const count = s.u32();
    const items: ConstExpr[] = [];
    for (let j = 0; j < count; j++) {
      if (usesExprs) items.push(readConstExpr(s, m, type, m.numImportedGlobals, opts));
      else {
        const fat = s.pos;
        const f = s.u32();
        if (f >= m.funcs.length) invalid(`unknown function ${f}`, fat);
        m.declaredRefs.add(f);
        items.push([{ op: 'ref.func', func: f }]);
      }
    }
    if (mode === 'active' && m.tables[table]!.element !== type) invalid('type mismatch', at);
    m.elems.push({ mode, type, table, offset, items });
  }
}

function readDatas(s: Reader, m: ModuleInfo, opts: DecodeOptions): void {
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const flags = s.u32();
    if (flags > 2) malformed('malformed data segment kind', at);
    let memory = 0;
    if (flags === 2) memory = s.u32();
    let offset: ConstExpr | undefined;
    if (flags !== 1) {
      if (memory >= m.memories.length) invalid(`unknown memory ${memory}`, at);
      offset = readConstExpr(s, m, 'i32', m.numImportedGlobals, opts);
    }
    const len = s.u32();
    const bytes = s.bytesOf(len);
    const d: DataInfo = { mode: flags === 1 ? 'passive' : 'active', memory, offset, bytes };
    m.datas.push(d);
  }
}

function readCode(s: Reader): CodeInfo {
  const size = s.u32();
  const start = s.pos;
  if (size > s.end - start) malformed('unexpected end of section or function', start);
  const body = new Reader(s.bytes, start, start + size);
  const groups = body.u32();
  const locals: ValueType[] = [];
  let total = 0;
  for (let i = 0; i < groups; i++) {
    const at = body.pos;
    const count = body.u32();
    total += count;
    if (total > MAX_LOCALS) malformed('too many locals', at);
    const t = readValueType(body);
    for (let j = 0; j < count; j++) locals.push(t);
  }
  s.pos = start + size;
  return { locals, start: body.pos, end: start + size };
}

/** Reads and validates a constant expression producing `type`; `globals` is how many globals it may read. */
export function readConstExpr(s: Reader, m: ModuleInfo, type: ValueType, globals: number, opts: DecodeOptions): ConstExpr {
  const ops: ConstOp[] = [];
  const stack: ValueType[] = [];
  const start = s.pos;
  for (;;) {
    const at = s.pos;
    const op = s.u8();
    switch (op) {
      case 0x0b: {
        if (stack.length !== 1 || stack[0] !== type) invalid('type mismatch', start);
        return ops;
      }
      case 0x41: ops.push({ op: 'i32', value: s.s32() }); stack.push('i32'); break;
      case 0x42: ops.push({ op: 'i64', value: s.s64() }); stack.push('i64'); break;
      case 0x43: ops.push({ op: 'f32', bits: s.fixed32() }); stack.push('f32'); break;
      case 0x44: {
        const lo = s.fixed32();
        const hi = s.fixed32();
        ops.push({ op: 'f64', lo, hi });
        stack.push('f64');
        break;
      }
      case 0xd0: {
        const t = readRefType(s);
        ops.push({ op: 'ref.null', type: t });
        stack.push(t);
        break;
      }
      case 0xd2: {
        const f = s.u32();
        if (f >= m.funcs.length) invalid(`unknown function ${f}`, at);
        m.declaredRefs.add(f);
        ops.push({ op: 'ref.func', func: f });
        stack.push('funcref');
        break;
      }
      case 0x23: {
        const g = s.u32();
        if (g >= globals || g >= m.globals.length) invalid(`unknown global ${g}`, at);
        const gt = m.globals[g]!;
        if (gt.mutable) invalid('constant expression required', at);
        ops.push({ op: 'global.get', global: g });
        stack.push(gt.content);
        break;
      }
      case 0xfd: {
        const sub = s.u32();
        if (sub !== 12) invalid('constant expression required', at);
        ops.push({ op: 'v128', bytes: s.bytesOf(16).slice() });
        stack.push('v128');
        break;
      }
      case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: {
        if (!opts.extendedConst) invalid('constant expression required', at);
        const t: ValueType = op < 0x70 ? 'i32' : 'i64';
        const b = stack.pop();
        const a = stack.pop();
        if (a !== t || b !== t) invalid('type mismatch', at);
        stack.push(t);
        const name = (t + (op === 0x6a || op === 0x7c ? '.add' : op === 0x6b || op === 0x7d ? '.sub' : '.mul')) as 'i32.add';
        ops.push({ op: name });
        break;
      }
      default:
        invalid('constant expression required', at);
    }
  }
}
