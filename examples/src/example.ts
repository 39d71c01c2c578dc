import type { Engine } from '@wrl/core';
import type { EngineWants } from './backends.js';

/** One example: host code that runs unchanged on whichever engine it is given. */
export interface Example {
  readonly name: string;
  readonly title: string;
  /** What the engine should offer, where its backend can (the runners load it so). */
  readonly wants?: EngineWants;
  /** Runs the example and returns a one-line summary of what it computed; throws if a result is wrong. */
  run(engine: Engine): Promise<string>;
}

/** Throws unless `actual` equals `expected` (compared as JSON, bigints as strings). */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const show = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  if (show(actual) !== show(expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}
