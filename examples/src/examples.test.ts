import { Engine } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, loadBackend } from './backends.js';
import { EXAMPLES } from './examples.js';
import { runExample } from './outcome.js';

for (const backend of BACKEND_NAMES) {
  describe(`examples on the ${backend} backend`, () => {
    for (const example of EXAMPLES) {
      it(example.name, async (ctx) => {
        const engine = new Engine(await loadBackend(backend, example.wants));
        const o = await runExample(example, engine);
        // A feature the backend declares it lacks is reported as skipped, with the reason.
        if (o.status === 'unsupported') ctx.skip(o.reason);
        expect(o.status === 'failed' ? o.error : 'ok').toBe('ok');
      });
    }
  });
}
