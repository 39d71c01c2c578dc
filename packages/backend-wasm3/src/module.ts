import type { ExportEntry, ExportType, ImportType, ModuleInfo, WasmModule } from '@wrl/core/backend';

/**
 * A validated module. wasm3 modules belong to the one runtime they are loaded
 * into, so each instantiation parses `bytes` again into a fresh runtime.
 */
export class Wasm3Module implements WasmModule {
  readonly exportsByName: ReadonlyMap<string, ExportEntry>;
  /** Whether the module defines its own memory. */
  readonly hasMemory: boolean;

  constructor(
    readonly bytes: Uint8Array,
    readonly info: ModuleInfo,
  ) {
    this.exportsByName = new Map(info.exportEntries.map((e) => [e.name, e]));
    this.hasMemory = info.memories.length > info.importedMemories;
  }

  imports(): readonly ImportType[] {
    return this.info.imports;
  }

  exports(): readonly ExportType[] {
    return this.info.exports;
  }
}
