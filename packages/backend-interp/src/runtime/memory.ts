import { MemoryType, type WasmMemory } from '@wrl/core/backend';
import type { Limits } from './limits.js';

export const PAGE = 65536;

/** A linear memory backed by an ArrayBuffer that is replaced when it grows. */
export class InterpMemory implements WasmMemory {
  u8: Uint8Array;
  dv: DataView;
  pages: number;

  constructor(
    readonly type: MemoryType,
    readonly limits: Limits,
  ) {
    if (type.initial > limits.maxMemoryPages) throw new RangeError(`memory minimum of ${type.initial} pages exceeds the engine's limit of ${limits.maxMemoryPages} pages`);
    this.pages = type.initial;
    this.u8 = new Uint8Array(type.initial * PAGE);
    this.dv = new DataView(this.u8.buffer);
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
    this.dv = new DataView(next.buffer);
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
