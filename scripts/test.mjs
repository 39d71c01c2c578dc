// Type-checks every package (tests run from the TypeScript sources, which vitest
// does not type-check), runs every package's tests through turbo, then prints one
// closing line summing all vitest runs: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples'].flatMap((dir) =>
  dir === 'examples' ? ['examples'] : readdirSync(dir).map((d) => join(dir, d)),
);
const reportOf = (root) => join(root, '.vitest-report.json');
for (const root of roots) rmSync(reportOf(root), { force: true });

const typecheck = spawnSync('pnpm', ['exec', 'turbo', 'run', 'typecheck', '--continue', '--output-logs=errors-only'], { stdio: 'inherit' });
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
for (const root of roots) {
  const file = reportOf(root);
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
const code = turbo.status || typecheck.status ? 1 : 0;
if (turbo.status !== 0 && failed === 0) failed = 1; // a package failed outside any test (build, type or load error)
if (typecheck.status !== 0) console.log('\ntypecheck failed (see the errors above)');
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
