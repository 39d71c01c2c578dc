import { GlobalType, type BackendValue, type WasmGlobal } from '@wrl/core/backend';
import type { RefValue } from './refs.js';
import { valueFromWords, valueToWords } from './values.js';

/** A global: its value as raw words (bit-exact floats) or a reference. */
export class InterpGlobal implements WasmGlobal {
  readonly w = new Int32Array(4);
  /** Views of `w` for the JS tier (an f32 is read through `f32v` only when it is not a NaN). */
  readonly f32v = new Float32Array(this.w.buffer);
  readonly f64v = new Float64Array(this.w.buffer);
  readonly i64v = new BigInt64Array(this.w.buffer);
  ref: RefValue = null;

  constructor(
    readonly type: GlobalType,
    init: BackendValue,
  ) {
    this.set(init);
  }

  ty(): GlobalType {
    return this.type;
  }

  get(): BackendValue {
    return valueFromWords(this.type.content, this.w, 0, this.ref);
  }

  set(value: BackendValue): void {
    this.ref = valueToWords(value, this.w, 0);
  }
}
