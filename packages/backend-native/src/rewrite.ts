/**
 * The JS API hands out a funcref as a bare JS function with no type. To know
 * the type of every function that can become a funcref value, the module is
 * rewritten at compile time so the backend can reach each such function by
 * index after instantiation, and map its function object to its type (see
 * NativeStore.funcFromJs). Two ways:
 *
 * - a hidden table (hosts with reference types): one extra funcref table
 *   holding every such function, filled by one extra element segment and
 *   exported under a hidden name. Instantiation stays cheap however many
 *   functions there are; the function objects are only made on demand.
 * - hidden exports (older hosts): each such function exported under a hidden
 *   name. Hosts create an object per export at instantiation, which is slow
 *   for modules with tens of thousands of function references.
 *
 * Hidden names never appear in the module's or the instance's export lists,
 * and the new table and segment come after all existing ones, so no index the
 * module uses changes.
 */
import { BinaryReader, SectionId, sectionOrder, type ModuleInfo, type SectionRange } from '@wrl/core/backend';
import { ExportKind, pushU32, u32 } from './encode.js';

export type HiddenRefs =
  | { readonly kind: 'table'; readonly name: string; readonly funcIndices: readonly number[] }
  | { readonly kind: 'exports'; readonly names: readonly string[]; readonly funcIndices: readonly number[] };

export interface Rewritten {
  readonly bytes: Uint8Array;
  readonly hidden: HiddenRefs | undefined;
}

const TABLE_SECTION = 4;
const ELEMENT_SECTION = 9;
const FUNCREF = 0x70;

export function hideFunctionReferences(bytes: Uint8Array, info: ModuleInfo, useTable: boolean): Rewritten {
  const exported = new Set<number>();
  const names = new Set<string>();
  for (const e of info.exportEntries) {
    names.add(e.name);
    if (e.kind === 'func') exported.add(e.index);
  }
  // Exported functions are mapped from the instance's own exports.
  const funcIndices = [...info.refFuncs].filter((f) => !exported.has(f)).sort((a, b) => a - b);
  if (funcIndices.length === 0) return { bytes, hidden: undefined };
  const hiddenName = (base: string): string => {
    let n = `\u0000wrl.${base}`;
    while (names.has(n)) n += '\u0000';
    names.add(n);
    return n;
  };

  if (useTable) {
    const name = hiddenName('refs');
    const tableIndex = info.tables.length;
    const n = funcIndices.length;
    const table = [FUNCREF, 0x01, ...u32(n), ...u32(n)];
    const segment: number[] = [0x02];
    pushU32(segment, tableIndex);
    segment.push(0x41, 0x00, 0x0b, 0x00); // offset (i32.const 0), element kind funcref
    pushU32(segment, n);
    for (const f of funcIndices) pushU32(segment, f);
    const out = appendToSections(bytes, info.sections, [
      { id: TABLE_SECTION, count: 1, entries: table },
      { id: SectionId.Export, count: 1, entries: exportEntryBytes(name, ExportKind.table, tableIndex) },
      { id: ELEMENT_SECTION, count: 1, entries: segment },
    ]);
    return { bytes: out, hidden: { kind: 'table', name, funcIndices } };
  }

  const exportNames: string[] = [];
  const entries: number[] = [];
  for (const f of funcIndices) {
    const name = hiddenName(`f${f}`);
    exportNames.push(name);
    for (const b of exportEntryBytes(name, ExportKind.func, f)) entries.push(b);
  }
  const out = appendToSections(bytes, info.sections, [{ id: SectionId.Export, count: funcIndices.length, entries }]);
  return { bytes: out, hidden: { kind: 'exports', names: exportNames, funcIndices } };
}

/** An export entry; hidden names are ASCII, so each character is one UTF-8 byte. */
function exportEntryBytes(name: string, kind: number, index: number): number[] {
  const out: number[] = [];
  pushU32(out, name.length);
  for (let i = 0; i < name.length; i++) out.push(name.charCodeAt(i));
  out.push(kind);
  pushU32(out, index);
  return out;
}

interface SectionAppend {
  readonly id: number;
  /** How many vector entries `entries` holds. */
  readonly count: number;
  readonly entries: readonly number[];
}

/**
 * Appends entries to vector sections, creating a section where the module has
 * none (in its place in the section order).
 */
export function appendToSections(bytes: Uint8Array, sections: readonly SectionRange[], appends: readonly SectionAppend[]): Uint8Array {
  const chunks: ArrayLike<number>[] = [bytes.subarray(0, 8)];
  const pending = [...appends].sort((a, b) => sectionOrder(a.id) - sectionOrder(b.id));
  const emitNewBefore = (order: number) => {
    while (pending.length > 0 && sectionOrder(pending[0]!.id) < order) {
      const a = pending.shift()!;
      chunks.push(sectionBytes(a.id, u32(a.count), new Uint8Array(0), a.entries));
    }
  };
  for (const s of sections) {
    if (s.id !== SectionId.Custom) emitNewBefore(sectionOrder(s.id));
    const k = pending.findIndex((a) => a.id === s.id);
    if (s.id !== SectionId.Custom && k >= 0) {
      const a = pending.splice(k, 1)[0]!;
      const r = new BinaryReader(bytes, s.payloadStart, s.end);
      const count = r.u32();
      chunks.push(sectionBytes(s.id, u32(count + a.count), bytes.subarray(r.pos, s.end), a.entries));
    } else {
      chunks.push(bytes.subarray(s.start, s.end));
    }
  }
  emitNewBefore(Infinity);
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

function sectionBytes(id: number, count: readonly number[], kept: Uint8Array, entries: readonly number[]): Uint8Array {
  const size = count.length + kept.length + entries.length;
  const header = [id, ...u32(size)];
  const out = new Uint8Array(header.length + size);
  out.set(header, 0);
  out.set(count, header.length);
  out.set(kept, header.length + count.length);
  out.set(entries, header.length + count.length + kept.length);
  return out;
}
