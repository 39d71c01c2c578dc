import type { BackendValue, TableType, WasmTable } from '@wrl/core/backend';
import { liftRef, lowerRef, type RefContext } from './values.js';

export class NativeTable implements WasmTable {
  constructor(
    readonly ctx: RefContext,
    readonly table: WebAssembly.Table,
    readonly type: TableType,
  ) {}

  ty(): TableType {
    return this.type;
  }

  size(): number {
    return this.table.length;
  }

  grow(delta: number, init: BackendValue): number {
    try {
      return this.table.grow(delta, lowerRef(this.ctx, init));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const max = this.type.maximum === undefined ? '' : ` (maximum ${this.type.maximum})`;
      throw new RangeError(`Table.grow: cannot grow the table from ${this.size()} by ${delta} elements${max}: ${e.message}`, { cause: e });
    }
  }

  get(index: number): BackendValue {
    return liftRef(this.ctx, this.type.element, this.table.get(index));
  }

  set(index: number, value: BackendValue): void {
    this.table.set(index, lowerRef(this.ctx, value));
  }
}
