import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wat } from './test-helpers.js';

const FIB = `(module
  (import "env" "log" (func $log (param i32)))
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  (func $start i32.const 7 call $log)
  (start $start))`;

describe('wasm3 under node --jitless', () => {
  it('runs a precompiled .wasm file in a process without V8 WebAssembly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wrl-wasm3-'));
    try {
      const file = join(dir, 'fib.wasm');
      writeFileSync(file, await wat(FIB));
      const child = fileURLToPath(new URL('./test-jitless-child.ts', import.meta.url));
      const r = spawnSync(process.execPath, ['--jitless', '--conditions=source', '--import', 'tsx', child, file], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        encoding: 'utf8',
        timeout: 60_000,
      });
      // Node warns on stderr that --jitless disables WebAssembly; anything else there is a failure's story.
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ webAssembly: 'undefined', result: 6765, logged: [7] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
