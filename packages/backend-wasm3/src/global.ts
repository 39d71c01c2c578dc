import type { BackendValue, GlobalType, WasmGlobal } from '@wrl/core/backend';
import { readValue, writeValue } from './slots.js';
import type { Wasm3Store } from './store.js';

/** A global of an instance: `id` names it in the addon. */
export class Wasm3Global implements WasmGlobal {
  constructor(
    readonly store: Wasm3Store,
    readonly id: number,
    readonly type: GlobalType,
  ) {}

  ty(): GlobalType {
    return this.type;
  }

  get(): BackendValue {
    this.store.native.storeGlobalGet(this.store.id, this.id);
    return readValue(0, this.type.content);
  }

  set(value: BackendValue): void {
    writeValue(0, value);
    this.store.native.storeGlobalSet(this.store.id, this.id);
  }
}

/**
 * A global made by the host. wasm3 copies an imported global's value into the
 * importing module, so only immutable imports of it are allowed (see engine.ts).
 */
export class HostGlobal implements WasmGlobal {
  constructor(
    readonly type: GlobalType,
    private value: BackendValue,
  ) {}

  ty(): GlobalType {
    return this.type;
  }

  get(): BackendValue {
    return this.value;
  }

  set(value: BackendValue): void {
    this.value = value;
  }
}
