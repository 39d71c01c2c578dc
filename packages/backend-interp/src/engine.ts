import type { Capability, ExportType, ExternType, ImportType, WasmEngine, WasmFeature } from '@wrl/core/backend';
import { decodeModule } from './binary/decode.js';
import { sigOf } from './ir/sig.js';
import { translateBody, type TranslateEnv } from './ir/translate.js';
import { resolveLimits, type InterpEngineOptions, type Limits } from './runtime/limits.js';
import { FuncDef, InterpModule } from './runtime/module.js';
import { InterpStore } from './runtime/store.js';
import { SIMD_OPS } from './simd/index.js';

const FEATURES: readonly WasmFeature[] = [
  'mutable-globals', 'sign-extension', 'saturating-float-to-int', 'multi-value', 'bulk-memory',
  'reference-types', 'simd', 'tail-call', 'extended-const',
];

const CAPABILITIES: readonly Capability[] = [
  'host-refs', 'host-tables', 'host-memories', 'host-globals', 'reentrancy', 'exact-nan', 'host-v128',
];

/**
 * A WebAssembly 2.0 interpreter in pure TypeScript: decodes and validates a
 * whole module at compile time, translates each function to a register IR on
 * its first call, and runs it on an explicit frame stack. Needs no host
 * `WebAssembly` and no Node built-ins.
 */
export class InterpEngine implements WasmEngine {
  readonly name = 'interp';
  readonly features: ReadonlySet<WasmFeature>;
  readonly capabilities: ReadonlySet<Capability>;
  readonly limits: Limits;
  readonly fuelEnabled: boolean;
  readonly multiMemory: boolean;
  readonly jsTier: boolean;

  constructor(options: InterpEngineOptions = {}) {
    this.limits = resolveLimits(options);
    this.fuelEnabled = options.fuel === true;
    this.multiMemory = options.multiMemory === true;
    this.jsTier = options.jsTier === true;
    this.features = new Set<WasmFeature>(this.multiMemory ? [...FEATURES, 'multi-memory'] : FEATURES);
    this.capabilities = new Set(this.fuelEnabled ? [...CAPABILITIES, 'fuel'] : CAPABILITIES);
  }

  createStore(): InterpStore {
    return new InterpStore(this.limits, this.fuelEnabled);
  }

  compile(bytes: Uint8Array): InterpModule {
    const info = decodeModule(bytes, { multiMemory: this.multiMemory, extendedConst: true });
    const sigs = info.types.map((t) => sigOf(t));
    const env: TranslateEnv = { module: info, simd: SIMD_OPS, fuel: this.fuelEnabled, tailCall: true, multiMemory: this.multiMemory, jsTier: this.jsTier, sigs };
    const defs: FuncDef[] = [];
    info.codes.forEach((code, i) => {
      const index = info.numImportedFuncs + i;
      const typeIndex = info.funcs[index]!;
      const type = info.types[typeIndex]!;
      // validation of the whole body now; translation to IR waits for the first call
      const checked = translateBody(env, index, type, code, false);
      defs.push(new FuncDef(env, index, type, sigs[typeIndex]!, code, checked.hasLoop));
    });
    const imports: ImportType[] = info.imports.map((imp) => ({
      module: imp.module,
      name: imp.name,
      ty: imp.desc.kind === 'func' ? info.types[imp.desc.type]! : imp.desc.type,
    }));
    const exports: ExportType[] = info.exports.map((e) => {
      let ty: ExternType;
      switch (e.kind) {
        case 'func': ty = info.types[info.funcs[e.index]!]!; break;
        case 'table': ty = info.tables[e.index]!; break;
        case 'memory': ty = info.memories[e.index]!; break;
        case 'global': ty = info.globals[e.index]!; break;
      }
      return { name: e.name, ty };
    });
    return new InterpModule(info, defs, sigs, imports, exports);
  }
}
