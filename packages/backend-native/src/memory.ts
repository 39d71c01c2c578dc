import type { MemoryType, WasmMemory } from '@wrl/core/backend';

const PAGE = 65536;

export class NativeMemory implements WasmMemory {
  #view: Uint8Array;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly type: MemoryType,
  ) {
    this.#view = new Uint8Array(memory.buffer);
  }

  ty(): MemoryType {
    return this.type;
  }

  size(): number {
    return this.memory.buffer.byteLength / PAGE;
  }

  grow(delta: number): number {
    try {
      return this.memory.grow(delta);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const max = this.type.maximum === undefined ? '' : ` (maximum ${this.type.maximum})`;
      throw new RangeError(`Memory.grow: cannot grow the memory from ${this.size()} by ${delta} pages${max}: ${e.message}`, { cause: e });
    }
  }

  /** A view of the current buffer; growing replaces the buffer, so it is re-fetched when stale. */
  #bytes(): Uint8Array {
    const buf = this.memory.buffer;
    if (this.#view.buffer !== buf) this.#view = new Uint8Array(buf);
    return this.#view;
  }

  read(offset: number, dest: Uint8Array): void {
    dest.set(this.#bytes().subarray(offset, offset + dest.length));
  }

  write(offset: number, src: Uint8Array): void {
    this.#bytes().set(src, offset);
  }
}
