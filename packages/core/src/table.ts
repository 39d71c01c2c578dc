import type { WasmTable } from './backend.js';
import { FROM_HANDLE, type HandleInit } from './internal.js';
import { toBackend, toPublic, type PublicValue } from './refs.js';
import { ownStore, storeOf, type AsContext, type Store } from './store.js';
import { MAX_TABLE_SIZE, TableType } from './types.js';
import { describe } from './value.js';

/** A WebAssembly table of function or extern references. */
export class Table {
  readonly #store: Store<any>;
  readonly #handle: WasmTable;
  #ty: TableType | undefined;

  /** A new table of type `ty` with every element set to `init`. */
  constructor(store: AsContext<any>, ty: TableType, init: PublicValue) {
    if ((store as unknown) === FROM_HANDLE) {
      const h = ty as unknown as HandleInit<WasmTable>;
      this.#store = h.store;
      this.#handle = h.handle;
      return;
    }
    const s = storeOf(store, 'new Table');
    if (!(ty instanceof TableType)) throw new TypeError(`new Table: expected a TableType, got ${describe(ty)}`);
    s.engine.requireCapability('host-tables');
    this.#store = s;
    this.#ty = ty;
    this.#handle = s.backend.createTable(ty, toBackend(s, init, ty.element, 'new Table init'));
    s.wrapper(this.#handle, () => this);
  }

  /** @internal */
  static fromHandle(store: Store<any>, handle: WasmTable): Table {
    return store.wrapper(handle, () => new Table(FROM_HANDLE as never, { store, handle } as never, undefined as never));
  }

  /** @internal */
  handleIn(store: Store<any>, where: string): WasmTable {
    ownStore(store, this.#store, where);
    return this.#handle;
  }

  /** The table's type, with its current size as the minimum. */
  ty(store: AsContext<any>): TableType {
    ownStore(store, this.#store, 'Table.ty');
    const declared = (this.#ty ??= this.#handle.ty());
    return new TableType(declared.element, this.#handle.size(), declared.maximum);
  }

  size(store: AsContext<any>): number {
    ownStore(store, this.#store, 'Table.size');
    return this.#handle.size();
  }

  /** Grows by `delta` elements set to `init`; returns the previous size. Throws a RangeError past the maximum. */
  grow(store: AsContext<any>, delta: number, init: PublicValue): number {
    const s = ownStore(store, this.#store, 'Table.grow');
    s.engine.requireCapability('host-tables');
    if (!Number.isInteger(delta) || delta < 0) throw new RangeError(`Table.grow: delta must be a non-negative integer, got ${describe(delta)}`);
    const ty = (this.#ty ??= this.#handle.ty());
    const v = toBackend(s, init, ty.element, 'Table.grow init');
    const max = ty.maximum ?? MAX_TABLE_SIZE;
    const cur = this.#handle.size();
    if (cur + delta > max) throw new RangeError(`Table.grow: ${cur} + ${delta} elements exceeds the maximum of ${max}`);
    return this.#handle.grow(delta, v);
  }

  /** The element at `index`, or undefined when out of bounds. */
  get(store: AsContext<any>, index: number): PublicValue | undefined {
    const s = ownStore(store, this.#store, 'Table.get');
    s.engine.requireCapability('host-tables');
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`Table.get: index must be a non-negative integer, got ${describe(index)}`);
    if (index >= this.#handle.size()) return undefined;
    return toPublic(s, this.#handle.get(index));
  }

  /** Sets the element at `index`. Throws a RangeError when out of bounds, a TypeError for a wrong value. */
  set(store: AsContext<any>, index: number, value: PublicValue): void {
    const s = ownStore(store, this.#store, 'Table.set');
    s.engine.requireCapability('host-tables');
    const ty = (this.#ty ??= this.#handle.ty());
    const v = toBackend(s, value, ty.element, 'Table.set');
    if (!Number.isInteger(index) || index < 0 || index >= this.#handle.size()) throw new RangeError(`Table.set: index ${describe(index)} is out of bounds (size ${this.#handle.size()})`);
    this.#handle.set(index, v);
  }
}
