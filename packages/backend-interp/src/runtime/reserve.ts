/**
 * Allocates with the first of `sizes` the host grants (a 32-bit or constrained host may refuse a
 * large reservation with a RangeError), falling back to `last`.
 */
export function reserveLargest<T>(sizes: readonly number[], last: number, make: (size: number) => T): T {
  for (const size of sizes) {
    try {
      return make(size);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return make(last);
}
