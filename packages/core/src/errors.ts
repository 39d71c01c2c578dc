/**
 * The error classes every backend throws, so host code can handle failures
 * the same way whichever engine runs underneath.
 */

/** The module bytes are malformed (not a module) or invalid (fail validation), or use a feature the backend lacks. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Instantiation failed because an import is missing or has the wrong type, or
 * because the engine cannot provide a table or memory the module defines (too large).
 */
export class LinkError extends Error {
  override name = 'LinkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The reasons WebAssembly execution can stop, named as in wasmtime. */
export const TrapCode = {
  UnreachableCodeReached: 'UnreachableCodeReached',
  MemoryOutOfBounds: 'MemoryOutOfBounds',
  TableOutOfBounds: 'TableOutOfBounds',
  IndirectCallToNull: 'IndirectCallToNull',
  BadSignature: 'BadSignature',
  IntegerOverflow: 'IntegerOverflow',
  IntegerDivisionByZero: 'IntegerDivisionByZero',
  BadConversionToInteger: 'BadConversionToInteger',
  StackOverflow: 'StackOverflow',
  OutOfFuel: 'OutOfFuel',
} as const;
export type TrapCode = (typeof TrapCode)[keyof typeof TrapCode];

const TRAP_MESSAGES: Record<TrapCode, string> = {
  UnreachableCodeReached: 'wasm `unreachable` instruction executed',
  MemoryOutOfBounds: 'out of bounds memory access',
  TableOutOfBounds: 'undefined element: out of bounds table access',
  IndirectCallToNull: 'uninitialized element: indirect call to null',
  BadSignature: 'indirect call type mismatch',
  IntegerOverflow: 'integer overflow',
  IntegerDivisionByZero: 'integer divide by zero',
  BadConversionToInteger: 'invalid conversion to integer',
  StackOverflow: 'call stack exhausted',
  OutOfFuel: 'all fuel consumed',
};

/** WebAssembly execution stopped abnormally. `code` says why. */
export class Trap extends Error {
  override name = 'Trap';
  constructor(
    readonly code: TrapCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? TRAP_MESSAGES[code], options);
  }
}

/**
 * The backend cannot do what was asked: a WebAssembly feature or an API
 * capability it does not declare. Modules using an unsupported feature
 * fail with a `CompileError` whose `cause` is this error.
 */
export class UnsupportedFeatureError extends Error {
  override name = 'UnsupportedFeatureError';
  constructor(
    readonly feature: string,
    readonly backend: string,
    detail?: string,
  ) {
    super(`the ${backend} backend does not support ${feature}${detail ? `: ${detail}` : ''}`);
  }
}

const hostErrors = new WeakSet<object>();

/**
 * Marks an exception as thrown by a host function, so that backends pass it
 * through unchanged instead of mistaking it for an engine failure.
 */
export function markHostError(e: unknown): void {
  if (typeof e === 'object' && e !== null) hostErrors.add(e);
}

/** Was this exception thrown by a host function (see {@link markHostError})? */
export function isHostError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && hostErrors.has(e);
}
