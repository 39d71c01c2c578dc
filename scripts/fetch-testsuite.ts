/**
 * Populates the git-ignored testsuite/ folder (core/ and proposals/) with the
 * WebAssembly spec testsuite, the way @wrl/conformance does when it finds the
 * folder missing (packages/conformance/src/spec/testsuite.ts): copied from
 * WRL_TESTSUITE_DIR (default ../shared/wasm-testsuite beside the repository),
 * or else cloned at the pinned commit. The .wast files are never committed.
 *
 *   node --import tsx scripts/fetch-testsuite.ts [--force]
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTestsuite, ensureTestsuite } from '../packages/conformance/src/spec/testsuite.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--force')) rmSync(join(root, 'testsuite'), { recursive: true, force: true });
let did = 'testsuite/ is already populated; pass --force to refresh';
const dir = ensureTestsuite(root, (msg) => { did = msg; });
console.log(`${did} (${describeTestsuite(dir)})`);
