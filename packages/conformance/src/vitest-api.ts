/**
 * The vitest API, loaded only inside a vitest worker: importing `vitest`
 * anywhere else throws, and the CLI imports this package (through the
 * backends' conformance.config.ts) outside vitest.
 */
type Vitest = typeof import('vitest');

const inVitest = (globalThis as { __vitest_worker__?: unknown }).__vitest_worker__ !== undefined;
const api: Vitest | undefined = inVitest ? await import('vitest') : undefined;

export function vitest(where: string): Vitest {
  if (api === undefined) throw new Error(`${where} defines vitest tests: call it from a test file that vitest runs`);
  return api;
}
