import { TableType, Value, type BackendValue, type WasmTable } from '@wrl/core/backend';
import type { Limits } from './limits.js';
import type { RefValue } from './refs.js';

/** A table of references: InterpFunc, InterpExternRef or null. */
export class InterpTable implements WasmTable {
  /** Grown in place: compiled code keeps this array (emit.ts, TEn). */
  readonly elems: RefValue[];

  constructor(
    readonly type: TableType,
    init: RefValue,
    readonly limits: Limits,
  ) {
    if (type.minimum > limits.maxTableElements) throw new RangeError(`table minimum of ${type.minimum} elements exceeds the engine's limit of ${limits.maxTableElements}`);
    this.elems = new Array<RefValue>(type.minimum).fill(init);
  }

  ty(): TableType {
    return this.type;
  }

  size(): number {
    return this.elems.length;
  }

  /** table.grow: the old size, or -1 when the table cannot grow that much. */
  tryGrow(delta: number, init: RefValue): number {
    const old = this.elems.length;
    const want = old + delta;
    const max = Math.min(this.type.maximum ?? 0xffffffff, this.limits.maxTableElements);
    if (want > max) return -1;
    const limiter = this.limits.limiter;
    if (delta > 0 && limiter?.tableGrowing && !limiter.tableGrowing(old, want, this.type.maximum)) return -1;
    for (let i = 0; i < delta; i++) this.elems.push(init);
    return old;
  }

  grow(delta: number, init: BackendValue): number {
    const r = this.tryGrow(delta, init.value as RefValue);
    if (r < 0) throw new RangeError(`Table.grow: cannot grow by ${delta} elements from ${this.elems.length}`);
    return r;
  }

  get(index: number): BackendValue {
    const v = this.elems[index]!;
    return Value.ref(this.type.element as 'funcref', v as never);
  }

  set(index: number, value: BackendValue): void {
    this.elems[index] = value.value as RefValue;
  }
}
