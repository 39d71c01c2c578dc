/** How a contender fared on a workload. */
export type Status = 'ok' | 'wrong' | 'crash' | 'unsupported' | 'unavailable';

/** A result that differs from the baseline's. */
export class WrongResultError extends Error {
  constructor(
    readonly got: unknown,
    readonly expected: unknown,
  ) {
    super(`returned ${String(got)}, expected ${String(expected)}`);
    this.name = 'WrongResultError';
  }
}

/** Same value, bit for bit for floats (NaN equals NaN, +0 differs from -0). */
export function sameResult(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

/** Sorts an exception into wrong / unsupported / crash, with a one-line detail. */
export function classify(error: unknown): { status: Status; detail: string } {
  if (error instanceof WrongResultError) return { status: 'wrong', detail: error.message };
  const detail = describeError(error);
  return { status: isUnsupported(error) ? 'unsupported' : 'crash', detail };
}

function isUnsupported(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e.name === 'UnsupportedFeatureError') return true;
    if (/\b(unsupported|not supported|not implemented)\b/i.test(e.message)) return true;
  }
  return false;
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!.slice(0, 160);
}
