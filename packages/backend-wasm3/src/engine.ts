import {
  Capability,
  CompileError,
  UnsupportedFeatureError,
  readModuleInfo,
  type ModuleInfo,
  type WasmEngine,
  type WasmFeature,
} from '@wrl/core/backend';
import { checkConstExprs } from './const-exprs.js';
import { stripKind } from './errors.js';
import { MAX_PARAMS_AND_RESULTS } from './limits.js';
import { Wasm3Module } from './module.js';
import { loadAddon } from './native.js';
import { Wasm3Store } from './store.js';

/**
 * What wasm3 runs, found by experiment with the spec testsuite (see README).
 * Missing: reference-types (no host access to references or tables), simd
 * (no v128 instructions) and multi-memory (one memory per runtime).
 */
const FEATURES: readonly WasmFeature[] = [
  'mutable-globals',
  'sign-extension',
  'saturating-float-to-int',
  'multi-value',
  'bulk-memory',
  'tail-call',
  'extended-const',
];

/**
 * Host API capabilities. Missing: host-memories and host-tables (memories and
 * tables live inside the wasm3 instance that defines them), host-refs and
 * host-v128 (no reference types or SIMD), fuel (wasm3 has no metering), and
 * exact-nan: values cross the addon bit-exact, but wasm3 keeps f32 values in a
 * double register, which quietens signalling NaNs (a host function receiving
 * `f32.const nan:0x200001` sees 0x7fe00001).
 */
const CAPABILITIES: readonly Capability[] = [Capability.HostGlobals, Capability.Reentrancy];

/** The wasm3 interpreter (C, through a Rust N-API addon) as a backend. */
export class Wasm3Engine implements WasmEngine {
  readonly name = 'wasm3';
  readonly features: ReadonlySet<WasmFeature> = new Set(FEATURES);
  readonly capabilities: ReadonlySet<Capability> = new Set(CAPABILITIES);

  constructor() {
    // Fail here, with the message naming the missing platform package, rather than on first use.
    loadAddon();
  }

  /** The version of the bundled wasm3. */
  get wasm3Version(): string {
    return loadAddon().wasm3Version();
  }

  createStore(): Wasm3Store {
    return new Wasm3Store();
  }

  compile(bytes: Uint8Array): Wasm3Module {
    const { own, info } = prepare(bytes);
    checkValid(loadAddon().validate(own, info.importedFuncs, info.funcTypes.length));
    return new Wasm3Module(own, info);
  }

  /** Like `compile`, with wasm3's parsing and compiling on a libuv pool thread. */
  async compileAsync(bytes: Uint8Array): Promise<Wasm3Module> {
    const { own, info } = prepare(bytes);
    checkValid(await loadAddon().validateAsync(own, info.importedFuncs, info.funcTypes.length));
    return new Wasm3Module(own, info);
  }
}

/** The checks done in JavaScript, on a private copy (instances parse the bytes again later). */
function prepare(bytes: Uint8Array): { own: Uint8Array; info: ModuleInfo } {
  const own = bytes.slice();
  const info = readModuleInfo(own);
  rejectUnsupported(info);
  checkConstExprs(own, info);
  return { own, info };
}

function checkValid(error: string | null | undefined): void {
  if (error != null) throw new CompileError(`wasm3: ${stripKind(error)}`);
}

/**
 * wasm3 copies imported globals into the importing module and keeps memories
 * and tables inside the instance that defines them, so a module that would
 * share one of these cannot run here. It is rejected when compiled, the way
 * core rejects modules using a missing feature.
 */
function rejectUnsupported(info: ModuleInfo): void {
  for (const imp of info.imports) {
    let what: string | undefined;
    if (imp.ty.kind === 'memory') what = 'imported memories';
    else if (imp.ty.kind === 'table') what = 'imported tables';
    else if (imp.ty.kind === 'global' && imp.ty.mutable) what = 'imported mutable globals';
    if (what !== undefined) {
      const cause = new UnsupportedFeatureError(what, 'wasm3', `import "${imp.module}" "${imp.name}"`);
      throw new CompileError(`module uses ${what}, which the wasm3 backend does not support (import "${imp.module}" "${imp.name}")`, { cause });
    }
  }
  // wasm3 looks imports and exported globals up by C string, so a name with a
  // NUL byte (valid in wasm) would be cut short there: it could not link, or
  // would find another global. Found by the conformance suite's malformed-input fuzz test.
  for (const imp of info.imports) {
    if (imp.module.includes('\0') || imp.name.includes('\0')) rejectNulName(`import "${imp.module}" "${imp.name}"`);
  }
  for (const e of info.exportEntries) {
    if (e.kind === 'global' && e.name.includes('\0')) rejectNulName(`global export "${e.name}"`);
  }
  for (const ty of info.types) {
    if (ty.params.length + ty.results.length > MAX_PARAMS_AND_RESULTS) {
      throw new CompileError(`wasm3 takes at most ${MAX_PARAMS_AND_RESULTS} parameters and results per function, the module has a type with ${ty.params.length + ty.results.length}`);
    }
  }
}

function rejectNulName(where: string): never {
  const what = 'names containing NUL bytes';
  const cause = new UnsupportedFeatureError(what, 'wasm3', where);
  throw new CompileError(`module uses ${what}, which the wasm3 backend does not support (${where})`, { cause });
}
