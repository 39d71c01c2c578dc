/**
 * The JS API hands out a funcref as a bare JS function with no type. To know
 * the type of every function that can become a funcref value, the module is
 * rewritten at compile time to also export each such function under a hidden
 * name; after instantiation each exported function object is mapped to its
 * type (see NativeStore.funcFromJs). Hidden exports never appear in the
 * module's or the instance's export lists.
 */
import { BinaryReader, SectionId, sectionOrder, type ModuleInfo } from '@wrl/core/backend';
import { ExportKind, exportEntry, section, u32 } from './encode.js';

export interface HiddenExport {
  readonly funcIndex: number;
  readonly name: string;
}

export interface Rewritten {
  readonly bytes: Uint8Array;
  readonly hidden: readonly HiddenExport[];
}

export function addHiddenExports(bytes: Uint8Array, info: ModuleInfo): Rewritten {
  const exported = new Set<number>();
  const names = new Set<string>();
  for (const e of info.exportEntries) {
    names.add(e.name);
    if (e.kind === 'func') exported.add(e.index);
  }
  const hidden: HiddenExport[] = [];
  for (const f of [...info.refFuncs].sort((a, b) => a - b)) {
    if (exported.has(f)) continue;
    let n = `\u0000wrl.f${f}`;
    while (names.has(n)) n += '\u0000';
    names.add(n);
    hidden.push({ funcIndex: f, name: n });
  }
  if (hidden.length === 0) return { bytes, hidden };

  const entries = hidden.flatMap((h) => exportEntry(h.name, ExportKind.func, h.funcIndex));
  const existing = info.sections.find((s) => s.id === SectionId.Export);
  let before: Uint8Array;
  let after: Uint8Array;
  let payload: number[];
  if (existing) {
    const r = new BinaryReader(bytes, existing.payloadStart, existing.end);
    const count = r.u32();
    payload = [...u32(count + hidden.length), ...bytes.subarray(r.pos, existing.end), ...entries];
    before = bytes.subarray(0, existing.start);
    after = bytes.subarray(existing.end);
  } else {
    const next = info.sections.find((s) => s.id !== SectionId.Custom && sectionOrder(s.id) > sectionOrder(SectionId.Export));
    const at = next ? next.start : bytes.length;
    payload = [...u32(hidden.length), ...entries];
    before = bytes.subarray(0, at);
    after = bytes.subarray(at);
  }
  const sec = section(SectionId.Export, payload);
  const out = new Uint8Array(before.length + sec.length + after.length);
  out.set(before, 0);
  out.set(sec, before.length);
  out.set(after, before.length + sec.length);
  return { bytes: out, hidden };
}
