/**
 * Resource limits of an interpreter engine, in the spirit of wasmtime's
 * `ResourceLimiter`: numeric caps plus optional callbacks that may veto growth.
 */
export interface ResourceLimiter {
  /** Called before a memory grows from `current` to `desired` pages; return false to refuse (memory.grow yields -1). */
  memoryGrowing?(current: number, desired: number, maximum: number | undefined): boolean;
  /** Called before a table grows from `current` to `desired` elements; return false to refuse (table.grow yields -1). */
  tableGrowing?(current: number, desired: number, maximum: number | undefined): boolean;
}

export interface InterpEngineOptions {
  /** Meter execution with fuel (`Store.setFuel`); off by default, and free when off. */
  readonly fuel?: boolean;
  /** Deepest wasm call nesting before trapping with StackOverflow (default 20000). */
  readonly maxCallDepth?: number;
  /** Largest memory size in 64 KiB pages any memory may reach (default 65536). */
  readonly maxMemoryPages?: number;
  /** Largest number of elements any table may reach (default 10,000,000). */
  readonly maxTableElements?: number;
  /** Largest value stack in bytes, for locals and operands of all active frames (default 64 MiB). */
  readonly maxStackBytes?: number;
  /**
   * Accept modules with several memories (the multi-memory proposal). Off by
   * default: WebAssembly 2.0 requires rejecting a second memory.
   */
  readonly multiMemory?: boolean;
  /**
   * Also compile hot functions from their wasm bytecode to JS functions with
   * `new Function` (see README, Design 5). Off by default; ignored where
   * `new Function` is forbidden.
   */
  readonly jsTier?: boolean;
  /**
   * With `jsTier`, the call on which a function is compiled (default 2: its
   * first call runs in the interpreter, so code run once, such as start-up
   * code, costs no compilation). 1 compiles every function on its first call.
   * A function containing a loop is compiled on its first call whatever this says.
   */
  readonly jsTierHotness?: number;
  /** Callbacks consulted before memories and tables grow. */
  readonly limiter?: ResourceLimiter;
}

export interface Limits {
  readonly maxCallDepth: number;
  readonly maxMemoryPages: number;
  readonly maxTableElements: number;
  readonly maxStackWords: number;
  readonly limiter: ResourceLimiter | undefined;
  readonly jsTierHotness: number;
}

export function resolveLimits(o: InterpEngineOptions): Limits {
  const int = (v: number | undefined, dflt: number, name: string, max: number): number => {
    if (v === undefined) return dflt;
    if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`InterpEngine: ${name} must be an integer in [0, ${max}], got ${String(v)}`);
    return v;
  };
  return {
    maxCallDepth: int(o.maxCallDepth, 20000, 'maxCallDepth', 10_000_000),
    maxMemoryPages: int(o.maxMemoryPages, 65536, 'maxMemoryPages', 65536),
    maxTableElements: int(o.maxTableElements, 10_000_000, 'maxTableElements', 0xffffffff),
    maxStackWords: Math.ceil(int(o.maxStackBytes, 64 * 1024 * 1024, 'maxStackBytes', 2 ** 31) / 4),
    limiter: o.limiter,
    jsTierHotness: Math.max(1, int(o.jsTierHotness, 2, 'jsTierHotness', 2 ** 31)),
  };
}

/** Call depth beyond which compiled code (the JS tier) hands calls to the interpreter's frame stack. */
export const JS_DEPTH_LIMIT = 1000;
