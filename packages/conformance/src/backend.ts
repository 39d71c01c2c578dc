import type { WasmEngine } from '@wrl/core/backend';

/**
 * Known limitations of an engine that the suites tolerate, each one only for
 * the backend that declares it.
 */
export interface BackendQuirks {
  /**
   * The engine reports the same trap for a call through a null table entry
   * and for a signature mismatch (V8 behind the JS API says "null function or
   * function signature mismatch" for both), so either of IndirectCallToNull
   * and BadSignature is accepted where one of them is expected.
   */
  readonly indirectCallTrapAmbiguous?: boolean;
  /**
   * The engine reports the same trap for a float-to-int truncation of NaN and
   * of an out-of-range value (V8 says "float unrepresentable in integer
   * range" for both), so either of BadConversionToInteger and IntegerOverflow
   * is accepted where one of them is expected from a truncation.
   */
  readonly conversionTrapAmbiguous?: boolean;
}

/** Expected failures of the spec suite: file (e.g. "core/i32.wast") to line to a one-line reason. */
export type ExpectedFailures = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A backend as the conformance suites see it. */
export interface BackendUnderTest {
  /** Short name used in test names and reports, e.g. "native". */
  readonly name: string;
  /** Makes a fresh engine; the engine's `features` and `capabilities` decide what is skipped. */
  readonly createEngine: () => WasmEngine;
  /** A JSON file (or the object itself) listing spec commands known to fail; absent means none. */
  readonly expectedFailures?: URL | string | ExpectedFailures;
  readonly quirks?: BackendQuirks;
  /**
   * Fuel set before every spec command when the engine has the `fuel`
   * capability, so a runaway loop ends as OutOfFuel instead of hanging.
   * Default 200 million.
   */
  readonly fuelPerCommand?: bigint;
}

/** Declares a backend for `defineConformanceSuite`, `defineSpecSuite` and the `wrl-conformance` CLI. */
export function defineBackend(backend: BackendUnderTest): BackendUnderTest {
  if (typeof backend !== 'object' || backend === null) throw new TypeError('defineBackend: expected an object');
  if (typeof backend.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(backend.name)) {
    throw new TypeError(`defineBackend: name must be a short identifier, got ${JSON.stringify(backend.name)}`);
  }
  if (typeof backend.createEngine !== 'function') throw new TypeError('defineBackend: createEngine must be a function');
  return Object.freeze({ ...backend, quirks: Object.freeze({ ...backend.quirks }) });
}
