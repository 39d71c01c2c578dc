import { GlobalType, type BackendValue, type WasmGlobal } from '@wrl/core/backend';
import type { RefValue } from './refs.js';
import { valueFromWords, valueToWords } from './values.js';

/** A global: its value as raw words (bit-exact floats) or a reference. */
export class InterpGlobal implements WasmGlobal {
  readonly w = new Int32Array(4);
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
