import type { WasmMemory } from './backend.js';
import { FROM_HANDLE, type HandleInit } from './internal.js';
import { ownStore, storeOf, type AsContext, type Store } from './store.js';
import { MAX_MEMORY_PAGES, MemoryType } from './types.js';
import { describe } from './value.js';

export const PAGE_SIZE = 65536;

/** A WebAssembly linear memory. */
export class Memory {
  readonly #store: Store<any>;
  readonly #handle: WasmMemory;
  #ty: MemoryType | undefined;

  constructor(store: AsContext<any>, ty: MemoryType) {
    if ((store as unknown) === FROM_HANDLE) {
      const init = ty as unknown as HandleInit<WasmMemory>;
      this.#store = init.store;
      this.#handle = init.handle;
      return;
    }
    const s = storeOf(store, 'new Memory');
    if (!(ty instanceof MemoryType)) throw new TypeError(`new Memory: expected a MemoryType, got ${describe(ty)}`);
    s.engine.requireCapability('host-memories');
    this.#store = s;
    this.#ty = ty;
    this.#handle = s.backend.createMemory(ty);
    s.wrapper(this.#handle, () => this);
  }

  /** @internal */
  static fromHandle(store: Store<any>, handle: WasmMemory): Memory {
    return store.wrapper(handle, () => new Memory(FROM_HANDLE as never, { store, handle } as never));
  }

  /** @internal */
  handleIn(store: Store<any>, where: string): WasmMemory {
    ownStore(store, this.#store, where);
    return this.#handle;
  }

  /** The memory's type, with its current size as the minimum. */
  ty(store: AsContext<any>): MemoryType {
    ownStore(store, this.#store, 'Memory.ty');
    const declared = (this.#ty ??= this.#handle.ty());
    return new MemoryType(this.#handle.size(), declared.maximum);
  }

  /** The size in 64 KiB pages. */
  currentPages(store: AsContext<any>): number {
    ownStore(store, this.#store, 'Memory.currentPages');
    return this.#handle.size();
  }

  /** Grows by `delta` pages and returns the previous size. Throws a RangeError past the maximum. */
  grow(store: AsContext<any>, delta: number): number {
    ownStore(store, this.#store, 'Memory.grow');
    if (!Number.isInteger(delta) || delta < 0) throw new RangeError(`Memory.grow: delta must be a non-negative integer, got ${describe(delta)}`);
    const max = (this.#ty ??= this.#handle.ty()).maximum ?? MAX_MEMORY_PAGES;
    const cur = this.#handle.size();
    if (cur + delta > max) throw new RangeError(`Memory.grow: ${cur} + ${delta} pages exceeds the maximum of ${max}`);
    return this.#handle.grow(delta);
  }

  /** Copies `buffer.length` bytes starting at `offset` into `buffer`. Throws a RangeError when out of bounds. */
  read(store: AsContext<any>, offset: number, buffer: Uint8Array): void {
    ownStore(store, this.#store, 'Memory.read');
    if (!(buffer instanceof Uint8Array)) throw new TypeError(`Memory.read: buffer must be a Uint8Array, got ${describe(buffer)}`);
    this.#checkRange(offset, buffer.length, 'Memory.read');
    this.#handle.read(offset, buffer);
  }

  /** Copies `bytes` into memory at `offset`. Throws a RangeError when out of bounds. */
  write(store: AsContext<any>, offset: number, bytes: Uint8Array): void {
    ownStore(store, this.#store, 'Memory.write');
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`Memory.write: bytes must be a Uint8Array, got ${describe(bytes)}`);
    this.#checkRange(offset, bytes.length, 'Memory.write');
    this.#handle.write(offset, bytes);
  }

  #checkRange(offset: number, length: number, where: string): void {
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`${where}: offset must be a non-negative integer, got ${describe(offset)}`);
    const size = this.#handle.size() * PAGE_SIZE;
    if (offset + length > size) throw new RangeError(`${where}: range ${offset}..${offset + length} is outside the memory (${size} bytes)`);
  }
}
