import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIB_WAT, wat } from './test-wat.js';

describe('node --jitless', () => {
  it('runs a precompiled module without the WebAssembly global', async () => {
    // wabt is itself wasm, so the binary is made here, in the parent
    const bytes = await wat(FIB_WAT);
    const child = fileURLToPath(new URL('./test-jitless-child.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const out = execFileSync(process.execPath, ['--jitless', '--conditions=source', '--import', tsx, child], {
      env: { ...process.env, WRL_MODULE_B64: Buffer.from(bytes).toString('base64') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result).toEqual({ hasWebAssembly: false, fib20: 6765 });
  }, 90_000);
});
