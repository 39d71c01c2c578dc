import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeTestsuite, ensureTestsuite, listSpecFiles } from './testsuite.js';

const ENV = ['WRL_TESTSUITE_DIR', 'WRL_TESTSUITE_REPO', 'WRL_TESTSUITE_COMMIT'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
const temps: string[] = [];

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'wrl-testsuite-test-'));
  temps.push(d);
  return d;
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ensureTestsuite', () => {
  it('copies core/ and the proposal folders from WRL_TESTSUITE_DIR', () => {
    const source = temp();
    write(join(source, 'core', 'i32.wast'), '(module)');
    write(join(source, 'core', 'README.md'), 'not a script');
    write(join(source, 'proposals', 'tail-call', 'return_call.wast'), '(module)');
    write(join(source, 'proposals', 'gc', 'struct.wast'), '(module)');
    const root = temp();
    process.env.WRL_TESTSUITE_DIR = source;
    const dir = ensureTestsuite(root);
    expect(dir).toBe(join(root, 'testsuite'));
    expect(listSpecFiles(dir).map((f) => f.name)).toEqual(['i32.wast', 'proposals/tail-call/return_call.wast']);
    expect(describeTestsuite(dir)).toBe('1 core scripts; proposals tail-call: 1, extended-const: 0, multi-memory: 0');
  });

  it('clones the pinned commit when there is no local copy (a repository with the scripts at its top level)', () => {
    const repo = temp();
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
    git('init', '--quiet');
    write(join(repo, 'i32.wast'), ';; pinned');
    write(join(repo, 'proposals', 'multi-memory', 'load.wast'), ';; pinned');
    git('add', '.');
    git('commit', '--quiet', '-m', 'pinned');
    const pinned = git('rev-parse', 'HEAD');
    write(join(repo, 'i32.wast'), ';; later');
    git('commit', '--quiet', '-am', 'later');

    const root = temp();
    process.env.WRL_TESTSUITE_DIR = join(root, 'no-such-folder');
    process.env.WRL_TESTSUITE_REPO = repo;
    process.env.WRL_TESTSUITE_COMMIT = pinned;
    const log: string[] = [];
    const dir = ensureTestsuite(root, (m) => log.push(m));
    expect(log.join('\n')).toContain(`cloning ${repo} at ${pinned}`);
    expect(readFileSync(join(dir, 'core', 'i32.wast'), 'utf8')).toBe(';; pinned');
    expect(listSpecFiles(dir).map((f) => f.name)).toEqual(['i32.wast', 'proposals/multi-memory/load.wast']);

    // populated now: a second call neither clones nor copies
    const again: string[] = [];
    expect(ensureTestsuite(root, (m) => again.push(m))).toBe(dir);
    expect(again).toEqual([]);
  });
});
