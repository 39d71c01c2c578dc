/** The README's quick start is run exactly as printed, so the front page cannot go stale. */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('runs the README quick start verbatim and gets 43', () => {
  const section = readme.slice(readme.indexOf('## Quick start'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code, 'README.md has a ```ts block under "## Quick start"').toBeDefined();
  const file = fileURLToPath(new URL('./readme-quickstart.generated.ts', import.meta.url));
  writeFileSync(file, `${code}\nconsole.log(JSON.stringify({ type: result[0]!.type, value: result[0]!.value }));\n`);
  try {
    const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ type: 'i32', value: 43 });
  } finally {
    rmSync(file, { force: true });
  }
});
