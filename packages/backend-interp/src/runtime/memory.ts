import { MemoryType, type WasmMemory } from '@wrl/core/backend';
import type { Limits } from './limits.js';

export const PAGE = 65536;

/**
 * The view of a memory larger than 2 GiB. The JS tier indexes a memory's
 * DataView with an address as an int32 when the access has no offset
 * (compiler/emit.ts); an address of 2 GiB or more is then negative, which
 * this view maps back. Smaller memories keep a plain DataView, whose bounds
 * check rejects a negative index.
 */
const DataViewBase: new (buffer: ArrayBufferLike) => DataView = DataView;

class LargeMemoryView extends DataViewBase {
  override getInt8(i: number): number { return super.getInt8(i < 0 ? i + 2 ** 32 : i); }
  override getUint8(i: number): number { return super.getUint8(i < 0 ? i + 2 ** 32 : i); }
  override getInt16(i: number, le?: boolean): number { return super.getInt16(i < 0 ? i + 2 ** 32 : i, le); }
  override getUint16(i: number, le?: boolean): number { return super.getUint16(i < 0 ? i + 2 ** 32 : i, le); }
  override getInt32(i: number, le?: boolean): number { return super.getInt32(i < 0 ? i + 2 ** 32 : i, le); }
  override getUint32(i: number, le?: boolean): number { return super.getUint32(i < 0 ? i + 2 ** 32 : i, le); }
  override getFloat32(i: number, le?: boolean): number { return super.getFloat32(i < 0 ? i + 2 ** 32 : i, le); }
  override getFloat64(i: number, le?: boolean): number { return super.getFloat64(i < 0 ? i + 2 ** 32 : i, le); }
  override getBigInt64(i: number, le?: boolean): bigint { return super.getBigInt64(i < 0 ? i + 2 ** 32 : i, le); }
  override getBigUint64(i: number, le?: boolean): bigint { return super.getBigUint64(i < 0 ? i + 2 ** 32 : i, le); }
  override setInt8(i: number, v: number): void { super.setInt8(i < 0 ? i + 2 ** 32 : i, v); }
  override setUint8(i: number, v: number): void { super.setUint8(i < 0 ? i + 2 ** 32 : i, v); }
  override setInt16(i: number, v: number, le?: boolean): void { super.setInt16(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setUint16(i: number, v: number, le?: boolean): void { super.setUint16(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setInt32(i: number, v: number, le?: boolean): void { super.setInt32(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setUint32(i: number, v: number, le?: boolean): void { super.setUint32(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setFloat32(i: number, v: number, le?: boolean): void { super.setFloat32(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setFloat64(i: number, v: number, le?: boolean): void { super.setFloat64(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setBigInt64(i: number, v: bigint, le?: boolean): void { super.setBigInt64(i < 0 ? i + 2 ** 32 : i, v, le); }
  override setBigUint64(i: number, v: bigint, le?: boolean): void { super.setBigUint64(i < 0 ? i + 2 ** 32 : i, v, le); }
}

/** A DataView over a memory's bytes (see LargeMemoryView). */
export function memoryView(u8: Uint8Array): DataView {
  return u8.length > 2 ** 31 ? new LargeMemoryView(u8.buffer) : new DataView(u8.buffer);
}

/** A linear memory backed by an ArrayBuffer that is replaced when it grows. */
export class InterpMemory implements WasmMemory {
  u8: Uint8Array;
  pages: number;
  /**
   * The JS tier's compiled functions hold this object, which outlives growth,
   * and copy its DataView into a local that they re-read after every call and
   * memory.grow (emit.ts, REFRESH_DV).
   */
  readonly view: { dv: DataView };

  /** The memory as a DataView (replaced when the memory grows). */
  get dv(): DataView {
    return this.view.dv;
  }

  constructor(
    readonly type: MemoryType,
    readonly limits: Limits,
  ) {
    if (type.initial > limits.maxMemoryPages) throw new RangeError(`memory minimum of ${type.initial} pages exceeds the engine's limit of ${limits.maxMemoryPages} pages`);
    this.pages = type.initial;
    this.u8 = new Uint8Array(type.initial * PAGE);
    this.view = { dv: memoryView(this.u8) };
  }

  ty(): MemoryType {
    return this.type;
  }

  size(): number {
    return this.pages;
  }

  /** memory.grow: the old size in pages, or -1 when the memory cannot grow that much. */
  tryGrow(delta: number): number {
    const old = this.pages;
    const want = old + delta;
    const max = Math.min(this.type.maximum ?? 65536, this.limits.maxMemoryPages);
    if (want > max) return -1;
    if (delta === 0) return old;
    const limiter = this.limits.limiter;
    if (limiter?.memoryGrowing && !limiter.memoryGrowing(old, want, this.type.maximum)) return -1;
    let next: Uint8Array;
    try {
      next = new Uint8Array(want * PAGE);
    } catch {
      return -1;
    }
    next.set(this.u8);
    this.u8 = next;
    this.view.dv = memoryView(next);
    this.pages = want;
    return old;
  }

  grow(delta: number): number {
    const r = this.tryGrow(delta);
    if (r < 0) throw new RangeError(`Memory.grow: cannot grow by ${delta} pages from ${this.pages}`);
    return r;
  }

  read(offset: number, dest: Uint8Array): void {
    dest.set(this.u8.subarray(offset, offset + dest.length));
  }

  write(offset: number, src: Uint8Array): void {
    this.u8.set(src, offset);
  }
}
