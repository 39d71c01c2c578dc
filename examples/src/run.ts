/**
 * `pnpm example <name> [--backend NAME]`: one example on one backend
 * (native by default), e.g. `pnpm example tables --backend interp`.
 */
import { Engine } from '@wrl/core';
import { backendFlag, loadBackend } from './backends.js';
import { EXAMPLES } from './examples.js';
import { runExample } from './outcome.js';

const argv = process.argv.slice(2);
const name = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1] === '--backend'));
const example = EXAMPLES.find((e) => e.name === name);
if (!example) {
  console.error(`usage: pnpm example <name> [--backend NAME]\nexamples: ${EXAMPLES.map((e) => e.name).join(', ')}`);
  process.exit(2);
}
const backend = backendFlag(argv) ?? 'native';
const engine = new Engine(await loadBackend(backend, example.wants));
const o = await runExample(example, engine);
console.log(`${example.name} on ${backend}: ${o.status === 'ok' ? o.summary : o.status === 'unsupported' ? `skipped, ${o.reason}` : `FAILED, ${o.error}`} (${o.ms.toFixed(1)} ms)`);
if (o.status === 'failed') process.exitCode = 1;
