/**
 * Detects which post-MVP WebAssembly features a module uses, so an engine can
 * reject modules it cannot run with a message naming the feature.
 *
 * Performance matters (this runs on every `new Module` for backends lacking a
 * feature): one pass over the bytes with no allocation per instruction. It
 * never throws: on malformed input it returns what it found so far, and the
 * backend's own decoder reports the malformation.
 */
import type { WasmFeature } from '../backend.js';

/** Thrown internally when the input ends or is malformed; never escapes. */
const STOP = new Error('malformed module');

/** The state of one scan: the bytes and the features found. */
class Scan {
  pos = 0;
  /** Value of the last LEB128 read (avoids returning tuples). */
  value = 0;
  memories = 0;
  tables = 0;
  /** Mutability of each global in index order (1 = mutable), for exports. */
  globalMutable: number[] = [];
  /** The largest table index an instruction or active element segment uses, or -1. */
  maxTableIndex = -1;
  /** The largest element segment index an instruction uses, or -1. */
  maxElemIndex = -1;
  /** False to skip function bodies. */
  readBodies = true;
  /** False once a function body's instructions did not end exactly at its end. */
  bodiesInSync = true;
  constructor(
    readonly b: Uint8Array,
    readonly found: Set<WasmFeature>,
  ) {}

  u8(): number {
    if (this.pos >= this.b.length) throw STOP;
    return this.b[this.pos++]!;
  }

  /** Reads an unsigned LEB128 (up to 32 bits) into `value`. */
  u32(): number {
    const b = this.b;
    let p = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (p >= b.length || shift > 28) throw STOP;
      const x = b[p++]!;
      result |= (x & 0x7f) << shift;
      if ((x & 0x80) === 0) break;
      shift += 7;
    }
    this.pos = p;
    return (this.value = result >>> 0);
  }

  /** Skips any LEB128 integer (signed or unsigned, up to 64 bits). */
  skipLeb(): void {
    const b = this.b;
    let p = this.pos;
    for (let i = 0; ; i++) {
      if (p >= b.length || i >= 10) throw STOP;
      if ((b[p++]! & 0x80) === 0) break;
    }
    this.pos = p;
  }

  skip(n: number): void {
    if (this.pos + n > this.b.length) throw STOP;
    this.pos += n;
  }

  valueType(): void {
    const t = this.u8();
    if (t === 0x7b) this.found.add('simd');
    else if (t === 0x70 || t === 0x6f) this.found.add('reference-types');
  }

  /** A table's element type: funcref is MVP, externref needs reference types. */
  elementType(): void {
    if (this.u8() === 0x6f) this.found.add('reference-types');
  }

  valueTypes(): void {
    for (let n = this.u32(); n > 0; n--) this.valueType();
  }

  limits(): void {
    const flags = this.u8();
    this.u32();
    if (flags & 1) this.u32();
  }

  memarg(): void {
    const align = this.u32();
    // Multi-memory sets bit 6 of the alignment to announce a memory index.
    if (align & 0x40) {
      this.found.add('multi-memory');
      this.u32();
    }
    this.u32();
  }

  memIndex(): void {
    if (this.u32() !== 0) this.found.add('multi-memory');
  }

  elemIndex(): void {
    const e = this.u32();
    if (e > this.maxElemIndex) this.maxElemIndex = e;
  }

  /** A table index immediate: beyond table 0 needs reference types. */
  tableIndex(): void {
    const t = this.u32();
    if (t > this.maxTableIndex) this.maxTableIndex = t;
    if (t !== 0) this.found.add('reference-types');
  }

  /** Scans a constant expression to its `end`. */
  constExpr(): void {
    const found = this.found;
    for (;;) {
      const op = this.u8();
      switch (op) {
        case 0x0b: return;
        case 0x41: case 0x42: this.skipLeb(); break;
        case 0x43: this.skip(4); break;
        case 0x44: this.skip(8); break;
        case 0x23: this.u32(); break;
        case 0xd0: this.u8(); found.add('reference-types'); break;
        case 0xd2: this.u32(); found.add('reference-types'); break;
        case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: found.add('extended-const'); break;
        case 0xfd: this.u32(); this.skip(16); found.add('simd'); break;
        default: throw STOP;
      }
    }
  }

  /** Scans one function body (locals and instructions) ending at `end`. */
  body(end: number): void {
    const found = this.found;
    const b = this.b;
    for (let groups = this.u32(); groups > 0; groups--) {
      this.u32();
      this.valueType();
    }
    while (this.pos < end) {
      let p = this.pos;
      const op = b[p++]!;
      // Fast paths for the most frequent instructions, without method calls: this
      // loop runs before the JIT has warmed up on a process's first module.
      if (op >= 0x45 && op < 0xc0) {
        this.pos = p; // numeric instructions of the MVP: no immediates
        continue;
      }
      if ((op >= 0x20 && op <= 0x24) || op === 0x41 || op === 0x42 || op === 0x10 || op === 0x0c || op === 0x0d) {
        while ((b[p++]! & 0x80) !== 0); // one LEB128 immediate
        this.pos = p;
        continue;
      }
      if (op === 0x0b || op === 0x1a || op === 0x1b || op === 0x0f || op === 0x05 || op === 0x01 || op === 0x00) {
        this.pos = p; // end, drop, select, return, else, nop, unreachable
        continue;
      }
      if (op >= 0x02 && op <= 0x04 && (b[p] === 0x40 || (b[p]! >= 0x7c && b[p]! <= 0x7f))) {
        this.pos = p + 1; // block, loop, if with an empty or MVP number block type
        continue;
      }
      if (op >= 0x28 && op <= 0x3e && b[p]! < 0x40) {
        p++; // a one-byte alignment without a memory index, then the offset
        while ((b[p++]! & 0x80) !== 0);
        this.pos = p;
        continue;
      }
      this.pos = p;
      // Everything else (the instructions above never reach here).
      if (op < 0x45) {
        switch (op) {
          case 0x02: case 0x03: case 0x04: this.blockType(); break;
          case 0x0e:
            for (let n = this.u32() + 1; n > 0; n--) this.u32();
            break;
          case 0x11: this.u32(); this.tableIndex(); break;
          case 0x12: this.u32(); found.add('tail-call'); break;
          case 0x13: this.u32(); this.tableIndex(); found.add('tail-call'); break;
          case 0x1c: this.valueTypes(); found.add('reference-types'); break;
          case 0x25: case 0x26: this.tableIndex(); found.add('reference-types'); break;
          case 0x3f: case 0x40: this.memIndex(); break;
          case 0x43: this.skip(4); break;
          case 0x44: this.skip(8); break;
          default:
            if (op >= 0x28 && op <= 0x3e) this.memarg();
            else if ((op > 0x05 && op < 0x0b) || (op > 0x13 && op < 0x1a) || (op > 0x1c && op < 0x20) || op === 0x27) throw STOP;
        }
      } else if (op < 0xc5) {
        if (op >= 0xc0) found.add('sign-extension');
      } else {
        switch (op) {
          case 0xd0: this.u8(); found.add('reference-types'); break;
          case 0xd1: found.add('reference-types'); break;
          case 0xd2: this.u32(); found.add('reference-types'); break;
          case 0xfc: this.prefixFC(); break;
          case 0xfd: this.prefixFD(); break;
          case 0xfe: this.prefixFE(); break;
          default: throw STOP;
        }
      }
    }
  }

  blockType(): void {
    const t = this.b[this.pos];
    if (t === undefined) throw STOP;
    if (t === 0x40) {
      this.pos++;
    } else if ((t & 0xc0) === 0x40) {
      // A one-byte negative value: a value type.
      this.valueType();
    } else {
      this.skipLeb();
      this.found.add('multi-value');
    }
  }

  prefixFC(): void {
    const found = this.found;
    const sub = this.u32();
    if (sub <= 7) {
      found.add('saturating-float-to-int');
      return;
    }
    found.add('bulk-memory');
    switch (sub) {
      case 8: this.u32(); this.memIndex(); break;
      case 9: this.u32(); break;
      case 10: this.memIndex(); this.memIndex(); break;
      case 11: this.memIndex(); break;
      case 12: this.elemIndex(); this.tableIndex(); break;
      case 13: this.elemIndex(); break;
      case 14: this.tableIndex(); this.tableIndex(); break;
      case 15: case 16: case 17: this.tableIndex(); found.add('reference-types'); break;
      default: throw STOP;
    }
  }

  /** Atomics (threads): not a feature this scan reports, but read so the scan keeps its place. */
  prefixFE(): void {
    const sub = this.u32();
    if (sub === 3) this.skip(1); // atomic.fence
    else this.memarg();
  }

  prefixFD(): void {
    this.found.add('simd');
    const sub = this.u32();
    if (sub <= 11 || sub === 92 || sub === 93) this.memarg();
    else if (sub === 12 || sub === 13) this.skip(16);
    else if (sub >= 21 && sub <= 34) this.skip(1);
    else if (sub >= 84 && sub <= 91) {
      this.memarg();
      this.skip(1);
    }
  }
}

/** Features that may show only inside function bodies. */
const BODY_FEATURES: readonly WasmFeature[] = ['sign-extension', 'saturating-float-to-int', 'bulk-memory', 'reference-types', 'simd', 'multi-value', 'tail-call'];

/**
 * The post-MVP features `bytes` uses. Never throws; see the module comment.
 *
 * With `relevant`, only those features need to be found (others may be
 * reported too), and function bodies are skipped when no relevant feature
 * can show there: e.g. for extended-const and multi-memory, whose uses
 * outside declarations are invalid without them.
 */
export function detectFeatures(bytes: Uint8Array, relevant?: ReadonlySet<WasmFeature>): Set<WasmFeature> {
  const readBodies = relevant === undefined || BODY_FEATURES.some((f) => relevant.has(f));
  return scanFeatures(bytes, { readBodies }).features;
}

/** Sections whose contents the scan reads to the end (so it can tell it kept its place). */
const FULLY_SCANNED = new Set([1, 2, 4, 5, 6, 7, 9, 10, 11, 12]);

/**
/** What {@link scanFeatures} found. */
export interface FeatureScan {
  readonly features: Set<WasmFeature>;
  /** Did the scan read every section and function body exactly to its end? */
  readonly complete: boolean;
  /** The largest table index that instructions or active element segments use, or -1 (as far as the scan got). */
  readonly maxTableIndex: number;
  /** The largest element segment index that instructions use, or -1 (as far as the scan got). */
  readonly maxElemIndex: number;
}

/**
 * Like {@link detectFeatures}, also saying whether the scan read every
 * section and function body exactly to its end (false for malformed input,
 * or for opcodes this scanner does not know), and which tables and element
 * segments instructions name. `readBodies: false` skips function bodies.
 */
export function scanFeatures(bytes: Uint8Array, options: { readonly readBodies?: boolean } = {}): FeatureScan {
  const found = new Set<WasmFeature>();
  const s = new Scan(bytes, found);
  s.readBodies = options.readBodies ?? true;
  let complete = false;
  try {
    if (bytes.length < 8) return { features: found, complete, maxTableIndex: -1, maxElemIndex: -1 };
    s.pos = 8;
    complete = true;
    while (s.pos < bytes.length) {
      const id = s.u8();
      const size = s.u32();
      const end = s.pos + size;
      if (end > bytes.length) throw STOP;
      scanSection(s, id, end);
      if (FULLY_SCANNED.has(id) && s.pos !== end) complete = false;
      s.pos = end;
    }
    if (!s.bodiesInSync) complete = false;
  } catch {
    // Malformed or truncated input ends the scan; the backend reports it.
    complete = false;
  }
  return { features: found, complete, maxTableIndex: s.maxTableIndex, maxElemIndex: s.maxElemIndex };
}

function scanSection(s: Scan, id: number, end: number): void {
  const found = s.found;
  switch (id) {
    case 1:
      for (let n = s.u32(); n > 0; n--) {
        if (s.u8() !== 0x60) throw STOP;
        s.valueTypes();
        const results = s.u32();
        if (results > 1) found.add('multi-value');
        for (let i = 0; i < results; i++) s.valueType();
      }
      break;
    case 2:
      for (let n = s.u32(); n > 0; n--) {
        s.skip(s.u32());
        s.skip(s.u32());
        switch (s.u8()) {
          case 0: s.u32(); break;
          case 1: s.elementType(); s.limits(); addTable(s); break;
          case 2: s.limits(); addMemory(s); break;
          case 3: {
            s.valueType();
            const m = s.u8();
            if (m === 1) found.add('mutable-globals');
            s.globalMutable.push(m);
            break;
          }
          default: throw STOP;
        }
      }
      break;
    case 4:
      for (let n = s.u32(); n > 0; n--) {
        s.elementType();
        s.limits();
        addTable(s);
      }
      break;
    case 5:
      for (let n = s.u32(); n > 0; n--) {
        s.limits();
        addMemory(s);
      }
      break;
    case 6:
      for (let n = s.u32(); n > 0; n--) {
        s.valueType();
        s.globalMutable.push(s.u8());
        s.constExpr();
      }
      break;
    case 7:
      for (let n = s.u32(); n > 0; n--) {
        s.skip(s.u32());
        const kind = s.u8();
        const index = s.u32();
        if (kind === 3 && s.globalMutable[index] === 1) found.add('mutable-globals');
      }
      break;
    case 9:
      for (let n = s.u32(); n > 0; n--) scanElement(s);
      break;
    case 10:
      if (!s.readBodies) {
        s.pos = end;
        break;
      }
      for (let n = s.u32(); n > 0; n--) {
        const size = s.u32();
        const bodyEnd = s.pos + size;
        if (bodyEnd > end) throw STOP;
        s.body(bodyEnd);
        if (s.pos !== bodyEnd) s.bodiesInSync = false;
        s.pos = bodyEnd;
      }
      break;
    case 11:
      for (let n = s.u32(); n > 0; n--) {
        const flags = s.u32();
        if (flags === 1) found.add('bulk-memory');
        else if (flags === 2) {
          if (s.u32() !== 0) found.add('multi-memory');
          else found.add('bulk-memory');
        }
        if (flags !== 1) s.constExpr();
        s.skip(s.u32());
      }
      break;
    case 12:
      found.add('bulk-memory');
      s.u32();
      break;
  }
}

function scanElement(s: Scan): void {
  const found = s.found;
  const flags = s.u32();
  if (flags > 7) throw STOP;
  if (flags !== 0) found.add('bulk-memory');
  if (flags === 3) found.add('reference-types');
  const passive = (flags & 1) !== 0;
  const explicitTable = (flags & 2) !== 0;
  const exprs = (flags & 4) !== 0;
  if (!passive) {
    if (explicitTable) s.tableIndex();
    else if (s.maxTableIndex < 0) s.maxTableIndex = 0;
    s.constExpr();
  }
  if (passive || explicitTable) {
    if (exprs) s.elementType();
    else s.u8();
  }
  for (let n = s.u32(); n > 0; n--) {
    if (exprs) s.constExpr();
    else s.u32();
  }
}

function addTable(s: Scan): void {
  if (++s.tables > 1) s.found.add('reference-types');
}

function addMemory(s: Scan): void {
  if (++s.memories > 1) s.found.add('multi-memory');
}
