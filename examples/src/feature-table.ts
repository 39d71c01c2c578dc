/**
 * Regenerates the backend feature table in README.md from what each backend
 * declares (its `features` and `capabilities`), so the table cannot drift.
 * Run: pnpm --filter @wrl/examples run features
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Capability, WasmFeature } from '@wrl/core';
import type { WasmEngine } from '@wrl/core/backend';
import { BACKENDS } from './backends.js';

const README = new URL('../../README.md', import.meta.url);
const engines: Array<[string, WasmEngine | string]> = [];
for (const [name, load] of Object.entries(BACKENDS)) {
  try {
    engines.push([name, await load({ fuel: true })]); // what each backend can offer, options on
  } catch (e) {
    engines.push([name, (e as Error).message]);
  }
}

const rows: string[] = [];
rows.push(`| | ${engines.map(([n]) => n).join(' | ')} |`);
rows.push(`|---|${engines.map(() => '---').join('|')}|`);
const mark = (e: WasmEngine | string, has: (e: WasmEngine) => boolean) => (typeof e === 'string' ? 'n/a' : has(e) ? 'yes' : '—');
for (const f of Object.values(WasmFeature)) rows.push(`| wasm: ${f} | ${engines.map(([, e]) => mark(e, (x) => x.features.has(f))).join(' | ')} |`);
for (const c of Object.values(Capability)) rows.push(`| api: ${c} | ${engines.map(([, e]) => mark(e, (x) => x.capabilities.has(c))).join(' | ')} |`);

const readme = readFileSync(README, 'utf8');
const start = '<!-- features-table -->';
const end = '<!-- /features-table -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error('README.md lacks the features-table markers');
writeFileSync(README, `${readme.slice(0, a + start.length)}\n${rows.join('\n')}\n${readme.slice(b)}`);
console.log(rows.join('\n'));
