/**
 * `pnpm demo`: every example on every backend, with its result and time,
 * so the same host code is seen working on each engine.
 */
import { Engine } from '@wrl/core';
import { BACKEND_NAMES, loadBackend } from './backends.js';
import { EXAMPLES } from './examples.js';
import { runExample } from './outcome.js';

let failures = 0;
for (const name of BACKEND_NAMES) {
  let engine: Engine;
  try {
    engine = new Engine(await loadBackend(name));
  } catch (e) {
    console.log(`\n== backend ${name}: unavailable (${(e as Error).message})`);
    continue;
  }
  console.log(`\n== backend ${name}`);
  for (const example of EXAMPLES) {
    const o = await runExample(example, example.wants ? new Engine(await loadBackend(name, example.wants)) : engine);
    const time = `${o.ms.toFixed(1).padStart(7)} ms`;
    const label = example.name.padEnd(15);
    if (o.status === 'ok') console.log(`  ok    ${label}${time}  ${o.summary}`);
    else if (o.status === 'unsupported') console.log(`  skip  ${label}${time}  ${o.reason}`);
    else {
      failures++;
      console.log(`  FAIL  ${label}${time}  ${o.error}`);
    }
  }
}
if (failures > 0) {
  console.error(`\n${failures} example run(s) failed`);
  process.exitCode = 1;
}
