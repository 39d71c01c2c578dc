import { UnsupportedFeatureError, type BackendValue, type TableType, type WasmTable } from '@wrl/core/backend';

/**
 * A table an instance exports. wasm3's API gives the host no way to read,
 * write or grow tables, so those raise an UnsupportedFeatureError naming
 * `host-tables`. The size is the declared minimum: without reference types
 * (which this backend does not declare) no instruction can grow a table.
 */
export class Wasm3Table implements WasmTable {
  constructor(readonly type: TableType) {}

  ty(): TableType {
    return this.type;
  }

  size(): number {
    return this.type.minimum;
  }

  grow(_delta: number, _init: BackendValue): number {
    throw unsupported('growing a table from the host');
  }

  get(_index: number): BackendValue {
    throw unsupported('reading a table from the host');
  }

  set(_index: number, _value: BackendValue): void {
    throw unsupported('writing a table from the host');
  }
}

function unsupported(what: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError('host-tables', 'wasm3', `${what} (wasm3 has no host API for tables)`);
}
