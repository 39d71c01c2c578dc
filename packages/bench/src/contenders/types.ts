/** Value types the benchmarks pass across the boundary (no i64: not every peer has BigInt integration). */
export type NumType = 'i32' | 'f32' | 'f64';

/** A host function a workload imports, described independently of any runtime. */
export interface HostFn {
  readonly params: readonly NumType[];
  readonly results: readonly NumType[];
  readonly fn: (...args: number[]) => number | undefined;
}

/** Imports by module name then field name. */
export type HostImports = Readonly<Record<string, Readonly<Record<string, HostFn>>>>;

/** An instantiated module, as a contender exposes it. */
export interface LoadedInstance {
  /** The export `name` as a plain function, through the contender's fastest documented call path. */
  fn(name: string, params: readonly NumType[], results: readonly NumType[]): (...args: number[]) => number;
  /** Frees what the instance holds (e.g. a wrl Store). */
  dispose(): void;
}

export type ContenderKind = 'baseline' | 'wrl' | 'peer';

/** One runtime under test. `instantiate` compiles and instantiates synchronously. */
export interface Contender {
  /** Stable key for results.json, e.g. "wrl-native". */
  readonly id: string;
  /** What the tables and chart show. */
  readonly label: string;
  readonly kind: ContenderKind;
  /** Package name and version, for the report. */
  readonly version: string;
  /** True for interpreters: workloads may give them a smaller time budget (never a different size). */
  readonly slow: boolean;
  /**
   * Smaller sizes for a workload (by id) where the full size would take
   * minutes on this contender; such rows are compared with the baseline run
   * at the same capped size.
   */
  readonly sizeCaps?: Readonly<Record<string, number>>;
  instantiate(bytes: Uint8Array, imports: HostImports): LoadedInstance;
}

/** A contender that could not be loaded, with the reason shown in the report. */
export interface Unavailable {
  readonly id: string;
  readonly label: string;
  readonly kind: ContenderKind;
  readonly reason: string;
}
