import { Engine, UnsupportedFeatureError } from '@wrl/core';
import type { Example } from './example.js';

export type Outcome =
  | { readonly status: 'ok'; readonly summary: string; readonly ms: number }
  | { readonly status: 'unsupported'; readonly reason: string; readonly ms: number }
  | { readonly status: 'failed'; readonly error: string; readonly ms: number };

/** Runs one example, telling a feature the backend lacks apart from a real failure. */
export async function runExample(example: Example, engine: Engine): Promise<Outcome> {
  const start = performance.now();
  try {
    const summary = await example.run(engine);
    return { status: 'ok', summary, ms: performance.now() - start };
  } catch (e) {
    const ms = performance.now() - start;
    const unsupported = e instanceof UnsupportedFeatureError ? e : (e as Error)?.cause instanceof UnsupportedFeatureError ? ((e as Error).cause as UnsupportedFeatureError) : undefined;
    if (unsupported) return { status: 'unsupported', reason: unsupported.message, ms };
    return { status: 'failed', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), ms };
  }
}
