import { UnsupportedFeatureError, type BackendValue, type TableType, type WasmTable } from '@wrl/core/backend';

/**
 * A table an instance exports. wasm3's API gives the host no way to read,
 * write, size or grow tables, so everything but `ty` raises an
 * UnsupportedFeatureError naming `host-tables`.
 */
export class Wasm3Table implements WasmTable {
  constructor(readonly type: TableType) {}

  ty(): TableType {
    return this.type;
  }

  size(): number {
    throw unsupported('reading the size of a table');
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
