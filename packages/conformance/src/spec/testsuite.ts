/**
 * Locating the WebAssembly spec testsuite. The scripts are never committed:
 * they are copied into `<repo>/testsuite/` from a local checkout
 * (`WRL_TESTSUITE_DIR`, default `../shared/wasm-testsuite` beside the repo)
 * or cloned from GitHub at a pinned commit (`WRL_TESTSUITE_REPO` and
 * `WRL_TESTSUITE_COMMIT` point the clone elsewhere: a mirror, or another commit
 * with the same layout).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { WasmFeature } from '@wrl/core';

export const TESTSUITE_REPO = 'https://github.com/WebAssembly/testsuite';
/** The last commit whose top level is the WebAssembly 2.0 suite. */
export const TESTSUITE_COMMIT = 'cbc54d77065e5202bcb69e0d1c53ceccc29a7984';

/** Proposal folders and the feature a backend must declare to run them. */
export const PROPOSALS: ReadonlyArray<readonly [folder: string, feature: WasmFeature]> = [
  ['tail-call', 'tail-call'],
  ['extended-const', 'extended-const'],
  ['multi-memory', 'multi-memory'],
];

export interface SpecFile {
  /** The key used in reports and expected-failure lists: "i32.wast" for core scripts, "proposals/tail-call/return_call.wast" for proposals. */
  readonly name: string;
  readonly path: string;
  /** The proposal feature the file needs, if any. */
  readonly proposal: WasmFeature | undefined;
}

/** The nearest directory at or above `from` that holds pnpm-workspace.yaml or .git (the repo root). */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

function isTestsuite(dir: string): boolean {
  return existsSync(join(dir, 'core')) && readdirSync(join(dir, 'core')).some((f) => f.endsWith('.wast'));
}

/**
 * Makes sure `<root>/testsuite` holds core/ and proposals/, copying or
 * cloning them if needed, and returns its path. `log` reports what it did.
 */
export function ensureTestsuite(root: string = findRepoRoot(), log: (msg: string) => void = () => {}): string {
  const target = join(root, 'testsuite');
  if (isTestsuite(target)) return target;
  // Fill a staging folder and rename it into place, so a concurrent run never sees half a suite.
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const source = resolve(root, process.env.WRL_TESTSUITE_DIR ?? '../shared/wasm-testsuite');
  if (isTestsuite(source)) {
    log(`copying the testsuite from ${source}`);
    copySuite(source, join(source, 'core'), staging);
  } else {
    const repo = process.env.WRL_TESTSUITE_REPO ?? TESTSUITE_REPO;
    const commit = process.env.WRL_TESTSUITE_COMMIT ?? TESTSUITE_COMMIT;
    log(`${source} not found; cloning ${repo} at ${commit}`);
    const tmp = mkdtempSync(join(tmpdir(), 'wasm-testsuite-'));
    try {
      execFileSync('git', ['clone', '--quiet', repo, tmp], { stdio: 'inherit' });
      execFileSync('git', ['-C', tmp, 'checkout', '--quiet', commit], { stdio: 'inherit' });
      // At this commit the 2.0 core scripts sit at the top level of the repository.
      copySuite(tmp, existsSync(join(tmp, 'core')) ? join(tmp, 'core') : tmp, staging);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  try {
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!isTestsuite(target)) throw e;
  }
  return target;
}

/** A line for logs: how many scripts `dir` holds, core and per proposal. */
export function describeTestsuite(dir: string): string {
  const count = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.wast')).length : 0);
  return `${count(join(dir, 'core'))} core scripts; proposals ${PROPOSALS.map(([folder]) => `${folder}: ${count(join(dir, 'proposals', folder))}`).join(', ')}`;
}

/** Copies the .wast files of `core` and the proposal folders of `base` into `target`. */
function copySuite(base: string, core: string, target: string): void {
  mkdirSync(join(target, 'core'), { recursive: true });
  for (const f of readdirSync(core)) if (f.endsWith('.wast')) copyFileSync(join(core, f), join(target, 'core', f));
  for (const [folder] of PROPOSALS) {
    const src = join(base, 'proposals', folder);
    if (existsSync(src)) cpSync(src, join(target, 'proposals', folder), { recursive: true });
  }
}

/** Every script of the suite: core files first, then each proposal folder, sorted by name. */
export function listSpecFiles(dir: string): SpecFile[] {
  const wast = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.wast')).sort() : []);
  const files: SpecFile[] = wast(join(dir, 'core')).map((f) => ({ name: f, path: join(dir, 'core', f), proposal: undefined }));
  for (const [folder, feature] of PROPOSALS) {
    for (const f of wast(join(dir, 'proposals', folder))) {
      files.push({ name: `proposals/${folder}/${f}`, path: join(dir, 'proposals', folder, f), proposal: feature });
    }
  }
  return files;
}
