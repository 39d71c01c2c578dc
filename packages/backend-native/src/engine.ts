import {
  Capability,
  CompileError,
  readModuleInfo,
  type ModuleInfo,
  type WasmEngine,
  type WasmFeature,
  type WasmModule,
} from '@wrl/core/backend';
import { source } from './encode.js';
import { AdapterCache } from './adapter-cache.js';
import { probeHostFeatures } from './host-features.js';
import { NativeModule } from './module.js';
import { hideFunctionReferences, type Rewritten } from './rewrite.js';
import { NativeStore } from './store.js';

export interface NativeEngineOptions {
  /**
   * Restricts the features this engine declares to these (the host's own
   * features are the upper bound), e.g. to check that modules run on older hosts.
   */
  readonly features?: Iterable<WasmFeature>;
}

/** The host's own WebAssembly engine (`WebAssembly.Module`/`Instance`) as a backend. */
export class NativeEngine implements WasmEngine {
  readonly name = 'native';
  readonly features: ReadonlySet<WasmFeature>;
  readonly capabilities: ReadonlySet<Capability>;
  /** @internal Compiled adapter modules shared by this engine's stores. */
  readonly adapters = new AdapterCache();
  readonly #hostFeatures: ReadonlySet<WasmFeature>;

  constructor(options: NativeEngineOptions = {}) {
    if (typeof WebAssembly !== 'object' || WebAssembly === null) throw new TypeError('the native backend needs a host with the WebAssembly JS API');
    const host = probeHostFeatures();
    this.#hostFeatures = host;
    const features = options.features === undefined ? host : new Set([...options.features].filter((f) => host.has(f)));
    this.features = features;
    const caps = new Set<Capability>([Capability.HostTables, Capability.HostMemories, Capability.HostGlobals, Capability.Reentrancy]);
    // Exact floats and v128 cross JS through generated adapters that need i64 (BigInt) and multi-value.
    if (host.has('multi-value')) caps.add(Capability.ExactNaN);
    if (host.has('reference-types')) caps.add(Capability.HostRefs);
    if (host.has('simd') && host.has('multi-value')) caps.add(Capability.HostV128);
    this.capabilities = caps;
  }

  createStore(): NativeStore {
    return new NativeStore(this);
  }

  compile(bytes: Uint8Array): WasmModule {
    const info = this.#readInfo(bytes);
    const { bytes: rewritten, hidden } = this.#rewrite(bytes, info);
    let compiled: WebAssembly.Module;
    try {
      compiled = new WebAssembly.Module(source(rewritten));
    } catch (e) {
      throw compileError(e, rewritten === bytes ? undefined : bytes);
    }
    return new NativeModule(info, compiled, hidden);
  }

  async compileAsync(bytes: Uint8Array): Promise<WasmModule> {
    const info = this.#readInfo(bytes);
    const { bytes: rewritten, hidden } = this.#rewrite(bytes, info);
    let compiled: WebAssembly.Module;
    try {
      compiled = await WebAssembly.compile(source(rewritten));
    } catch (e) {
      throw compileError(e, rewritten === bytes ? undefined : bytes);
    }
    return new NativeModule(info, compiled, hidden);
  }

  #rewrite(bytes: Uint8Array, info: ModuleInfo): Rewritten {
    // A second table needs reference types in the host, whatever the module uses.
    const rewritten = hideFunctionReferences(bytes, info, this.#hostFeatures.has('reference-types'));
    if (rewritten.hidden?.kind === 'table' && !WebAssembly.validate(source(bytes))) {
      // The added table and element segment would make a module that names a table
      // or segment it lacks valid. The host's validator is used rather than a scan
      // for such names: it costs about as much as the scan once warm, and far less
      // before the JIT has warmed up on a process's first modules.
      try {
        new WebAssembly.Module(source(bytes));
      } catch (e) {
        throw compileError(e, undefined);
      }
    }
    return rewritten;
  }

  #readInfo(bytes: Uint8Array): ModuleInfo {
    try {
      return readModuleInfo(bytes);
    } catch (ours) {
      // Prefer the host's own words for malformed modules; they name the same problem in its usual terms.
      try {
        new WebAssembly.Module(source(bytes));
      } catch (e) {
        if (e instanceof WebAssembly.CompileError) throw new CompileError(e.message, { cause: e });
      }
      throw ours;
    }
  }
}

/**
 * A host compile failure as a core CompileError. When the module was
 * rewritten, the original is compiled again so byte offsets in the message
 * refer to the caller's bytes.
 */
function compileError(e: unknown, original: Uint8Array | undefined): unknown {
  if (!(e instanceof WebAssembly.CompileError)) return e;
  if (original !== undefined) {
    try {
      new WebAssembly.Module(source(original));
    } catch (e2) {
      if (e2 instanceof WebAssembly.CompileError) return new CompileError(e2.message, { cause: e2 });
    }
  }
  return new CompileError(e.message, { cause: e });
}
