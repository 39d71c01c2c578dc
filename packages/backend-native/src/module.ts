import type { ExportType, ImportType, ModuleInfo, WasmModule } from '@wrl/core/backend';
import type { HiddenRefs } from './rewrite.js';

export class NativeModule implements WasmModule {
  /** For each function index below `info.importedFuncs`, its position in the import list. */
  readonly funcImportPositions: readonly number[];

  constructor(
    readonly info: ModuleInfo,
    readonly compiled: WebAssembly.Module,
    /** How to reach the functions that can become funcrefs (see rewrite.ts). */
    readonly hidden: HiddenRefs | undefined,
  ) {
    const positions: number[] = [];
    info.imports.forEach((imp, i) => {
      if (imp.ty.kind === 'func') positions.push(i);
    });
    this.funcImportPositions = positions;
  }

  imports(): readonly ImportType[] {
    return this.info.imports;
  }

  exports(): readonly ExportType[] {
    return this.info.exports;
  }
}
