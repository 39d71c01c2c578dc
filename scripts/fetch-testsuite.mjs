#!/usr/bin/env node
/**
 * Populates the git-ignored testsuite/ folder (core/ and proposals/) with the
 * WebAssembly spec testsuite: copied from WRL_TESTSUITE_DIR (default
 * ../shared/wasm-testsuite beside the repository), or else cloned from GitHub
 * at the pinned commit. The .wast files are never committed.
 *
 *   node scripts/fetch-testsuite.mjs [--force]
 *
 * @wrl/conformance does the same on its own when testsuite/ is missing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = 'https://github.com/WebAssembly/testsuite';
const COMMIT = 'cbc54d77065e5202bcb69e0d1c53ceccc29a7984';
const PROPOSALS = ['tail-call', 'extended-const', 'multi-memory'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'testsuite');
const force = process.argv.includes('--force');

const hasWast = (dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.wast'));

function copyFrom(base, coreDir) {
  mkdirSync(join(target, 'core'), { recursive: true });
  for (const f of readdirSync(coreDir)) if (f.endsWith('.wast')) copyFileSync(join(coreDir, f), join(target, 'core', f));
  for (const p of PROPOSALS) {
    const src = join(base, 'proposals', p);
    if (hasWast(src)) cpSync(src, join(target, 'proposals', p), { recursive: true });
  }
}

function count() {
  const core = readdirSync(join(target, 'core')).filter((f) => f.endsWith('.wast')).length;
  const props = PROPOSALS.map((p) => `${p}: ${hasWast(join(target, 'proposals', p)) ? readdirSync(join(target, 'proposals', p)).filter((f) => f.endsWith('.wast')).length : 0}`);
  return `${core} core scripts; proposals ${props.join(', ')}`;
}

if (hasWast(join(target, 'core')) && !force) {
  console.log(`testsuite/ is already populated (${count()}); pass --force to refresh`);
  process.exit(0);
}
rmSync(target, { recursive: true, force: true });

const source = resolve(root, process.env.WRL_TESTSUITE_DIR ?? '../shared/wasm-testsuite');
if (hasWast(join(source, 'core'))) {
  copyFrom(source, join(source, 'core'));
  console.log(`copied the testsuite from ${source} (${count()})`);
} else {
  console.log(`${source} not found; cloning ${REPO} at ${COMMIT}`);
  const tmp = mkdtempSync(join(tmpdir(), 'wasm-testsuite-'));
  try {
    execFileSync('git', ['clone', '--quiet', REPO, tmp], { stdio: 'inherit' });
    execFileSync('git', ['-C', tmp, 'checkout', '--quiet', COMMIT], { stdio: 'inherit' });
    // At this commit the 2.0 core scripts sit at the top level of the repository.
    copyFrom(tmp, hasWast(join(tmp, 'core')) ? join(tmp, 'core') : tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`cloned the testsuite (${count()})`);
}
