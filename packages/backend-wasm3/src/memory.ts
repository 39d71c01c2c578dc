import { PAGE_SIZE_BYTES } from './limits.js';
import type { MemoryType, WasmMemory } from '@wrl/core/backend';
import type { Wasm3Store } from './store.js';

/** The memory of an instance (wasm3 keeps one per runtime, so one per instance). */
export class Wasm3Memory implements WasmMemory {
  constructor(
    readonly store: Wasm3Store,
    readonly instance: number,
    readonly type: MemoryType,
  ) {}

  ty(): MemoryType {
    return this.type;
  }

  size(): number {
    return this.store.native.storeMemorySize(this.store.id, this.instance) / PAGE_SIZE_BYTES;
  }

  grow(delta: number): number {
    const previous = this.store.native.storeMemoryGrow(this.store.id, this.instance, delta);
    if (previous < 0) throw new RangeError(`Memory.grow: wasm3 could not grow the memory by ${delta} pages`);
    return previous;
  }

  read(offset: number, dest: Uint8Array): void {
    this.store.native.storeMemoryRead(this.store.id, this.instance, offset, dest);
  }

  write(offset: number, src: Uint8Array): void {
    this.store.native.storeMemoryWrite(this.store.id, this.instance, offset, src);
  }
}
