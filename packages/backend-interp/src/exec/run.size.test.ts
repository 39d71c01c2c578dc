import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wat } from '../test-wat.js';

/** V8's own limit, read from the running node: TurboFan never optimises a function with more bytecode than this. */
function v8BytecodeLimit(): number {
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
  const m = /--max-optimized-bytecode-size[\s\S]*?default: --max-optimized-bytecode-size=(\d+)/.exec(options);
  if (m === null) throw new Error('node --v8-options does not list --max-optimized-bytecode-size');
  return Number(m[1]);
}

describe('execute', () => {
  // Past the limit V8 silently leaves the whole interpreter loop unoptimised, about 20x slower;
  // the margin leaves room for new instructions (the rare ones belong in exec/cold.ts).
  it('stays well below V8\'s bytecode size limit for optimisation', async () => {
    const bytes = await wat(`(module
      (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`);
    const child = fileURLToPath(new URL('../test-jitless-child.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const out = execFileSync(process.execPath, ['--print-bytecode', '--print-bytecode-filter=execute', '--conditions=source', '--import', tsx, child], {
      env: { ...process.env, WRL_MODULE_B64: Buffer.from(bytes).toString('base64') },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 60_000,
    });
    const lengths = [...out.matchAll(/Bytecode length: (\d+)/g)].map((m) => Number(m[1]));
    expect(lengths).toHaveLength(1);
    expect(lengths[0]!).toBeLessThan(v8BytecodeLimit() * 0.85);
    console.log(`execute: ${lengths[0]} bytes of bytecode, V8 limit ${v8BytecodeLimit()}`);
  }, 90_000);
});
