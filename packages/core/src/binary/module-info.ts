import { FuncType, GlobalType, MemoryType, TableType, type ExportType, type ExternKind, type ExternType, type ImportType } from '../types.js';
import { BinaryReader } from './reader.js';

/** Section ids of the binary format. */
export const SectionId = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
} as const;

/** Where known sections must appear: data count sits between element and code. */
const SECTION_ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12 };

/** The order rank of a non-custom section id (for inserting sections in the right place). */
export function sectionOrder(id: number): number {
  return SECTION_ORDER[id] ?? 0;
}

export interface SectionRange {
  readonly id: number;
  /** Offset of the section id byte. */
  readonly start: number;
  /** Offset of the first payload byte. */
  readonly payloadStart: number;
  /** One past the last payload byte. */
  readonly end: number;
}

/** An export as the binary encodes it: kind and index into that kind's index space. */
export interface ExportEntry {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

/** What a module declares, read from its section headers and entries (code is not read). */
export interface ModuleInfo {
  readonly types: FuncType[];
  readonly imports: ImportType[];
  readonly exports: ExportType[];
  readonly exportEntries: ExportEntry[];
  /** The type of every function index, imported functions first. */
  readonly funcTypes: FuncType[];
  /** The type index of every function index. */
  readonly funcTypeIndices: number[];
  readonly tables: TableType[];
  readonly memories: MemoryType[];
  readonly globals: GlobalType[];
  readonly importedFuncs: number;
  readonly importedTables: number;
  readonly importedMemories: number;
  readonly importedGlobals: number;
  readonly startFunction?: number;
  /** Functions that can become funcref values: in element segments, in `ref.func` of constant expressions, or exported. */
  readonly refFuncs: Set<number>;
  /** How many element segments the module declares. */
  readonly elementSegments: number;
  readonly sections: SectionRange[];
}

const KIND_BY_BYTE: readonly ExternKind[] = ['func', 'table', 'memory', 'global'];

/**
 * Reads a module's types, imports, exports and declarations. Throws a
 * CompileError for malformed input; it does not validate function bodies.
 */
export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  const r = new BinaryReader(bytes);
  readHeader(r);

  const types: FuncType[] = [];
  const imports: ImportType[] = [];
  const exportEntries: ExportEntry[] = [];
  const funcTypeIndices: number[] = [];
  const tables: TableType[] = [];
  const memories: MemoryType[] = [];
  const globals: GlobalType[] = [];
  const refFuncs = new Set<number>();
  const sections: SectionRange[] = [];
  let importedFuncs = 0;
  let startFunction: number | undefined;
  let lastOrder = 0;
  let codeCount = 0;
  let elementSegments = 0;

  while (!r.atEnd) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const payloadStart = r.pos;
    if (size > r.end - payloadStart) r.fail(`section ${id} of ${size} bytes runs past the end of the module`, start);
    const end = payloadStart + size;
    sections.push({ id, start, payloadStart, end });
    if (id !== SectionId.Custom) {
      const order = SECTION_ORDER[id];
      if (order === undefined) r.fail(`unknown section id ${id}`, start);
      if (order <= lastOrder) r.fail(`section ${id} is out of order or repeated`, start);
      lastOrder = order;
    }
    const s = new BinaryReader(bytes, payloadStart, end);
    switch (id) {
      case SectionId.Custom:
        s.name();
        s.pos = end; // the payload after the name is arbitrary bytes
        break;
      case SectionId.Type:
        s.vec(() => types.push(readFuncType(s)));
        break;
      case SectionId.Import:
        s.vec(() => {
          const module = s.name();
          const name = s.name();
          const kind = s.u8();
          let ty: ExternType;
          switch (kind) {
            case 0: {
              const ti = typeIndex(s, types);
              funcTypeIndices.push(ti);
              importedFuncs++;
              ty = types[ti]!;
              break;
            }
            case 1: tables.push((ty = readTableType(s))); break;
            case 2: memories.push((ty = readMemoryType(s))); break;
            case 3: globals.push((ty = readGlobalType(s))); break;
            default: return s.fail(`invalid import kind 0x${kind.toString(16)}`, s.pos - 1);
          }
          imports.push(Object.freeze({ module, name, ty }));
        });
        break;
      case SectionId.Function:
        s.vec(() => funcTypeIndices.push(typeIndex(s, types)));
        break;
      case SectionId.Table:
        s.vec(() => tables.push(readTableType(s)));
        break;
      case SectionId.Memory:
        s.vec(() => memories.push(readMemoryType(s)));
        break;
      case SectionId.Global:
        s.vec(() => {
          globals.push(readGlobalType(s));
          readConstExpr(s, refFuncs);
        });
        break;
      case SectionId.Export: {
        const seen = new Set<string>();
        s.vec(() => {
          const at = s.pos;
          const name = s.name();
          if (seen.has(name)) s.fail(`duplicate export name "${name}"`, at);
          seen.add(name);
          const kb = s.u8();
          const kind = KIND_BY_BYTE[kb];
          if (kind === undefined) s.fail(`invalid export kind 0x${kb.toString(16)}`, s.pos - 1);
          exportEntries.push({ name, kind, index: s.u32() });
        });
        break;
      }
      case SectionId.Start:
        startFunction = s.u32();
        break;
      case SectionId.Element:
        elementSegments = s.vec(() => readElementSegment(s, refFuncs)).length;
        break;
      case SectionId.DataCount:
        s.u32();
        break;
      case SectionId.Code:
        codeCount = s.u32();
        s.pos = end;
        break;
      case SectionId.Data:
        s.pos = end;
        break;
    }
    if (s.pos !== end) s.fail(`section ${id} size mismatch: ${end - s.pos} bytes left unread`);
    r.pos = end;
  }

  if (codeCount !== funcTypeIndices.length - importedFuncs) {
    r.fail(`function and code section have inconsistent lengths (${funcTypeIndices.length - importedFuncs} functions, ${codeCount} bodies)`, 0);
  }
  const funcTypes = funcTypeIndices.map((i) => types[i]!);
  const spaces: Record<ExternKind, readonly ExternType[]> = { func: funcTypes, table: tables, memory: memories, global: globals };
  const exports = exportEntries.map((e): ExportType => {
    const ty = spaces[e.kind][e.index];
    if (ty === undefined) r.fail(`export "${e.name}" refers to ${e.kind} ${e.index}, which does not exist`, 0);
    if (e.kind === 'func') refFuncs.add(e.index);
    return Object.freeze({ name: e.name, ty });
  });
  if (startFunction !== undefined && startFunction >= funcTypes.length) r.fail(`start function ${startFunction} does not exist`, 0);
  for (const f of refFuncs) if (f >= funcTypes.length) r.fail(`function ${f} referenced by an element segment or ref.func does not exist`, 0);

  return {
    types,
    imports,
    exports,
    exportEntries,
    funcTypes,
    funcTypeIndices,
    tables,
    memories,
    globals,
    importedFuncs,
    importedTables: imports.filter((i) => i.ty.kind === 'table').length,
    importedMemories: imports.filter((i) => i.ty.kind === 'memory').length,
    importedGlobals: imports.filter((i) => i.ty.kind === 'global').length,
    refFuncs,
    elementSegments,
    sections,
    ...(startFunction === undefined ? {} : { startFunction }),
  };
}

function readHeader(r: BinaryReader): void {
  const b = r.bytes;
  if (b.length < 4 || b[0] !== 0x00 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) r.fail('magic header not detected', 0);
  if (b.length < 8) r.fail('unexpected end of the version field', 4);
  if (b[4] !== 1 || b[5] !== 0 || b[6] !== 0 || b[7] !== 0) r.fail('unknown binary version', 4);
  r.pos = 8;
}

function readFuncType(r: BinaryReader): FuncType {
  const at = r.pos;
  const form = r.u8();
  if (form !== 0x60) r.fail(`expected a function type (0x60), got 0x${form.toString(16)}`, at);
  const params = r.vec(() => r.valueType());
  const results = r.vec(() => r.valueType());
  return new FuncType(params, results);
}

function typeIndex(r: BinaryReader, types: readonly FuncType[]): number {
  const at = r.pos;
  const i = r.u32();
  if (i >= types.length) r.fail(`type index ${i} out of range (${types.length} types)`, at);
  return i;
}

function readLimits(r: BinaryReader, what: string): [number, number | undefined] {
  const at = r.pos;
  const flags = r.u8();
  if (flags === 0) return [r.u32(), undefined];
  if (flags === 1) return [r.u32(), r.u32()];
  return r.fail(`unsupported ${what} limits flags 0x${flags.toString(16)} (shared or 64-bit ${what}s are not supported)`, at);
}

function readTableType(r: BinaryReader): TableType {
  const at = r.pos;
  const element = r.refType();
  const [min, max] = readLimits(r, 'table');
  if (max !== undefined && max < min) r.fail('size minimum must not be greater than maximum', at);
  return new TableType(element, min, max);
}

function readMemoryType(r: BinaryReader): MemoryType {
  const at = r.pos;
  const [min, max] = readLimits(r, 'memory');
  if (min > 65536 || (max !== undefined && max > 65536)) r.fail('memory size must be at most 65536 pages (4GiB)', at);
  if (max !== undefined && max < min) r.fail('size minimum must not be greater than maximum', at);
  return new MemoryType(min, max);
}

function readGlobalType(r: BinaryReader): GlobalType {
  const content = r.valueType();
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail(`invalid global mutability 0x${m.toString(16)}`, at);
  return new GlobalType(content, m === 1);
}

/** Skips a constant expression up to its `end`, noting `ref.func` targets. */
export function readConstExpr(r: BinaryReader, refFuncs: Set<number>): void {
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x0b: return;
      case 0x41: r.s32(); break;
      case 0x42: r.s64(); break;
      case 0x43: r.skip(4); break;
      case 0x44: r.skip(8); break;
      case 0x23: r.u32(); break;
      case 0xd0: r.refType(); break;
      case 0xd2: refFuncs.add(r.u32()); break;
      case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: break;
      case 0xfd: {
        const sub = r.u32();
        if (sub !== 12) r.fail('constant expression required', at);
        r.skip(16);
        break;
      }
      default: r.fail(`constant expression required (opcode 0x${op.toString(16)})`, at);
    }
  }
}

function readElementSegment(r: BinaryReader, refFuncs: Set<number>): void {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail(`invalid element segment flags ${flags}`, at);
  const passiveOrDeclarative = (flags & 1) !== 0;
  const explicitTable = (flags & 2) !== 0;
  const usesExprs = (flags & 4) !== 0;
  if (!passiveOrDeclarative) {
    if (explicitTable) r.u32();
    readConstExpr(r, refFuncs);
  }
  if (passiveOrDeclarative || explicitTable) {
    if (usesExprs) r.refType();
    else {
      const kindAt = r.pos;
      if (r.u8() !== 0x00) r.fail('invalid element kind', kindAt);
    }
  }
  if (usesExprs) r.vec(() => readConstExpr(r, refFuncs));
  else r.vec(() => refFuncs.add(r.u32()));
}
