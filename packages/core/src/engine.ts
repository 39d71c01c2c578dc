import type { Capability, WasmEngine, WasmFeature } from './backend.js';
import { UnsupportedFeatureError } from './errors.js';

/** The backing engine of a runtime: wraps whichever backend the host picked. */
export class Engine<B extends WasmEngine = WasmEngine> {
  readonly backend: B;

  constructor(backend: B) {
    if (
      typeof backend !== 'object' || backend === null ||
      typeof backend.compile !== 'function' || typeof backend.createStore !== 'function' ||
      !(backend.features instanceof Set) || !(backend.capabilities instanceof Set)
    ) {
      throw new TypeError('new Engine(backend): backend must implement WasmEngine from @wrl/core/backend');
    }
    this.backend = backend;
  }

  /** The backend's name, e.g. "native". */
  get name(): string {
    return this.backend.name;
  }

  supportsFeature(feature: WasmFeature): boolean {
    return this.backend.features.has(feature);
  }

  hasCapability(capability: Capability): boolean {
    return this.backend.capabilities.has(capability);
  }

  /** Throws UnsupportedFeatureError unless the backend has `capability`. */
  requireCapability(capability: Capability, detail?: string): void {
    if (!this.backend.capabilities.has(capability)) throw new UnsupportedFeatureError(capability, this.backend.name, detail);
  }
}
