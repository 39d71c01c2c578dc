/** What every part of the API suite shares: the backend, capability checks, WAT and setup helpers. */
import { Engine, Imports, Instance, Module, Store, UnsupportedFeatureError, type Capability, type WasmFeature } from '@wrl/core';
import type { WasmEngine } from '@wrl/core/backend';
import type { BackendUnderTest } from '../backend.js';
import { vitest } from '../vitest-api.js';
import { createWatConverter, type WatConverter } from '../spec/wat.js';

export interface SuiteContext {
  readonly backend: BackendUnderTest;
  readonly probe: WasmEngine;
  has(capability: Capability): boolean;
  supports(feature: WasmFeature): boolean;
  /**
   * A test that needs capabilities and features: skipped, with the reason in
   * its name, when the backend lacks one. A test that hits an
   * UnsupportedFeatureError (a limitation the backend reports itself) is
   * skipped at run time with that error's message.
   */
  test(name: string, needs: ReadonlyArray<Capability | WasmFeature>, fn: () => unknown): void;
  /** A test every backend runs (see `test` for UnsupportedFeatureError). */
  it(name: string, fn: () => unknown): void;
  /** A fresh engine and store with `data`. */
  setup<T = undefined>(data?: T): { engine: Engine; store: Store<T> };
  /** WAT text to module bytes, with every feature the backend declares enabled in the parser. */
  wat(text: string): Promise<Uint8Array>;
  /** Compiles `text` and instantiates it in `store`. */
  instantiate(store: Store<any>, text: string, imports?: Imports): Promise<Instance>;
}

const FUEL = 1_000_000_000n;

/** The backend's own report that it cannot do something: the error itself, or a CompileError caused by one. */
export function unsupportedMessage(e: unknown): string | undefined {
  if (e instanceof UnsupportedFeatureError) return e.message;
  if (e instanceof Error && e.cause instanceof UnsupportedFeatureError) return e.cause.message;
  return undefined;
}

async function runSkippingUnsupported(fn: () => unknown, skip: (why: string) => void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const why = unsupportedMessage(e);
    if (why !== undefined) skip(`skipped: ${why}`);
    throw e;
  }
}

const CAPABILITIES: ReadonlySet<string> = new Set(['host-refs', 'host-tables', 'host-memories', 'host-globals', 'reentrancy', 'fuel', 'exact-nan', 'host-v128']);

export function createContext(backend: BackendUnderTest): SuiteContext {
  const { it } = vitest('defineConformanceSuite');
  const probe = backend.createEngine();
  let converter: Promise<WatConverter> | undefined;
  const has = (c: Capability) => probe.capabilities.has(c);
  const supports = (f: WasmFeature) => probe.features.has(f);
  const wat = async (text: string) => {
    converter ??= createWatConverter(['tail-call', 'extended-const', 'multi-memory']);
    return (await converter).toBinary('conformance.wat', text);
  };
  return {
    backend,
    probe,
    has,
    supports,
    test(name, needs, fn) {
      const missing = needs.filter((n) => (CAPABILITIES.has(n) ? !has(n as Capability) : !supports(n as WasmFeature)));
      if (missing.length > 0) it.skip(`${name} [skipped: backend lacks ${missing.join(', ')}]`, () => {});
      else it(name, (tc) => runSkippingUnsupported(fn, (why) => tc.skip(why)));
    },
    it(name, fn) {
      this.test(name, [], fn);
    },
    setup<T>(data?: T) {
      const engine = new Engine(backend.createEngine());
      const store = new Store<T>(engine, data as T);
      // Stores of fuel-metered engines start empty, as in wasmtime.
      if (engine.hasCapability('fuel')) store.setFuel(FUEL);
      return { engine, store };
    },
    wat,
    async instantiate(store, text, imports = new Imports()) {
      return new Instance(store, new Module(store.engine, await wat(text)), imports);
    },
  };
}
