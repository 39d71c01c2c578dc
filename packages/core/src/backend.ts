/**
 * The backend interface: the only thing a WebAssembly engine implements to
 * run under `@wrl/core`. See docs/backend-authoring.md.
 *
 * Handles (`WasmFunc`, `WasmMemory`, ...) are objects owned by one
 * `WasmStore`; they keep a link to it themselves, so methods take no store
 * argument. Values crossing this interface are `Value`s whose reference
 * payloads are the backend's own handles (`BackendValue`); `@wrl/core`
 * translates them to and from the public `Func`/`ExternRef` wrappers.
 *
 * Errors: backends throw `CompileError`, `LinkError` and `Trap` from
 * `@wrl/core`, `RangeError`/`TypeError` for misuse, and pass exceptions from
 * host functions through unchanged (`isHostError` tells them apart).
 */
import type { ExportType, ExternKind, FuncType, GlobalType, ImportType, MemoryType, TableType } from './types.js';
import type { Value } from './value.js';

/** WebAssembly features beyond the MVP that a module may use. */
export const WasmFeature = {
  MutableGlobals: 'mutable-globals',
  SignExtension: 'sign-extension',
  SaturatingFloatToInt: 'saturating-float-to-int',
  MultiValue: 'multi-value',
  BulkMemory: 'bulk-memory',
  ReferenceTypes: 'reference-types',
  Simd: 'simd',
  TailCall: 'tail-call',
  ExtendedConst: 'extended-const',
  MultiMemory: 'multi-memory',
} as const;
export type WasmFeature = (typeof WasmFeature)[keyof typeof WasmFeature];

/** The features of the WebAssembly 2.0 core specification. */
export const WASM2_FEATURES: readonly WasmFeature[] = Object.freeze([
  'mutable-globals',
  'sign-extension',
  'saturating-float-to-int',
  'multi-value',
  'bulk-memory',
  'reference-types',
  'simd',
]);

/** Things the host API can do that not every engine allows. */
export const Capability = {
  /** `new Func` host functions that take and return reference types. */
  HostRefs: 'host-refs',
  /** Creating tables from the host and `get`/`set`/`grow` on any table. */
  HostTables: 'host-tables',
  /** Creating memories from the host (`new Memory`). */
  HostMemories: 'host-memories',
  /** Creating globals from the host (`new Global`). */
  HostGlobals: 'host-globals',
  /** A host function may call back into wasm. */
  Reentrancy: 'reentrancy',
  /** Instruction metering with `Store.setFuel`. */
  Fuel: 'fuel',
  /** f32/f64 NaN payloads cross the API bit-exact. */
  ExactNaN: 'exact-nan',
  /** v128 values cross the host API (args, results, globals). */
  HostV128: 'host-v128',
} as const;
export type Capability = (typeof Capability)[keyof typeof Capability];

/** A handle a backend gives for a function; opaque to the core. */
export interface WasmFunc {
  ty(): FuncType;
  /** Calls the function. `results` has one slot per result type, to be overwritten. */
  call(args: readonly BackendValue[], results: BackendValue[]): void;
  /**
   * Optional fast path: a plain JS function taking i32/f32/f64 as numbers and
   * i64 as bigints, returning `undefined`, one value, or an array for several
   * results. Only asked for signatures without v128 or references.
   */
  typed?(): (...args: any[]) => unknown;
}

export interface WasmGlobal {
  ty(): GlobalType;
  get(): BackendValue;
  /** Sets a mutable global; the core has already checked type and mutability. */
  set(value: BackendValue): void;
}

export interface WasmMemory {
  ty(): MemoryType;
  /** Current size in pages. */
  size(): number;
  /** Grows by `delta` pages, returning the previous size; throws RangeError past the maximum. */
  grow(delta: number): number;
  /** Copies `dest.length` bytes from `offset`; the core has checked bounds. */
  read(offset: number, dest: Uint8Array): void;
  /** Copies `src` to `offset`; the core has checked bounds. */
  write(offset: number, src: Uint8Array): void;
}

export interface WasmTable {
  ty(): TableType;
  size(): number;
  /** Grows by `delta` entries set to `init`, returning the previous size; throws RangeError past the maximum. */
  grow(delta: number, init: BackendValue): number;
  /** The core has checked `index` against `size()`. */
  get(index: number): BackendValue;
  set(index: number, value: BackendValue): void;
}

/** A backend's handle for an externref; `value` is the host object it carries. */
export interface WasmExternRef {
  readonly value: unknown;
}

export type BackendValue = Value<WasmFunc, WasmExternRef>;

export type BackendExtern =
  | { readonly kind: 'func'; readonly value: WasmFunc }
  | { readonly kind: 'global'; readonly value: WasmGlobal }
  | { readonly kind: 'memory'; readonly value: WasmMemory }
  | { readonly kind: 'table'; readonly value: WasmTable };

export interface WasmModule {
  imports(): readonly ImportType[];
  exports(): readonly ExportType[];
}

export interface WasmInstance {
  /** The export called `name`, or undefined. */
  getExport(name: string): BackendExtern | undefined;
  /** Every export, in the module's order. */
  exports(): ReadonlyArray<{ readonly name: string; readonly value: BackendExtern }>;
}

/**
 * A host function as the backend sees it. `results` arrives filled with
 * default values of the result types; the function overwrites them.
 * Exceptions it throws are host errors (see `isHostError`): pass them through.
 */
export type HostFunction = (args: readonly BackendValue[], results: BackendValue[]) => void;

/**
 * A host function with plain JS values, as in {@link WasmFunc.typed}: numbers
 * for i32/f32/f64, bigints for i64; returns undefined, a value, or an array.
 */
export type TypedHostFunction = (...args: any[]) => unknown;

/** Per-store state of a backend: everything created lives in one store. */
export interface WasmStore {
  /**
   * Instantiates `module` with one extern per module import, in import order.
   * The core has checked that each extern matches its import type.
   * Throws LinkError, or a Trap raised by the start function or by
   * out-of-bounds segment initialisation.
   */
  instantiate(module: WasmModule, imports: readonly BackendExtern[]): WasmInstance;
  createFunc(ty: FuncType, host: HostFunction): WasmFunc;
  /** Optional fast path for host functions on signatures without v128 or references. */
  createTypedFunc?(ty: FuncType, host: TypedHostFunction): WasmFunc;
  createGlobal(ty: GlobalType, init: BackendValue): WasmGlobal;
  createMemory(ty: MemoryType): WasmMemory;
  createTable(ty: TableType, init: BackendValue): WasmTable;
  createExternRef(value: unknown): WasmExternRef;
  /** Fuel metering, present when the engine has the `fuel` capability. */
  readonly fuel?: FuelControl;
  /** Releases native resources; the core never uses the store afterwards. */
  dispose?(): void;
}

export interface FuelControl {
  get(): bigint;
  set(fuel: bigint): void;
}

/** A WebAssembly engine: the object a user hands to `new Engine(...)`. */
export interface WasmEngine {
  /** A short name for messages and reports, e.g. "native". */
  readonly name: string;
  /** WebAssembly features this engine runs; modules using others are rejected by the core. */
  readonly features: ReadonlySet<WasmFeature>;
  /** Host API capabilities; calls needing others throw UnsupportedFeatureError. */
  readonly capabilities: ReadonlySet<Capability>;
  createStore(): WasmStore;
  /** Decodes and validates a module; throws CompileError. */
  compile(bytes: Uint8Array): WasmModule;
  /** Optional asynchronous compile (e.g. off the main thread). */
  compileAsync?(bytes: Uint8Array): Promise<WasmModule>;
}

export type { ExternKind };
export { Value } from './value.js';
export { CompileError, LinkError, Trap, TrapCode, UnsupportedFeatureError, isHostError, markHostError } from './errors.js';
export * from './types.js';
export * from './binary/index.js';
