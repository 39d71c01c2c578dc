/**
 * Test helpers for V8's bytecode size limit: past `--max-optimized-bytecode-size`
 * TurboFan never optimises a function, which makes it many times slower.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The limit of the running node, from `node --v8-options`. */
export function v8BytecodeLimit(): number {
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
  const m = /--max-optimized-bytecode-size[\s\S]*?default: --max-optimized-bytecode-size=(\d+)/.exec(options);
  if (m === null) throw new Error('node --v8-options does not list --max-optimized-bytecode-size');
  return Number(m[1]);
}

/**
 * Runs the child script `child` (a URL, run through tsx) on the module `bytes` (handed over in
 * WRL_MODULE_B64) and returns the bytecode length of each function named `name` that V8 compiled.
 */
export function bytecodeLengths(child: URL, name: string, bytes: Uint8Array): number[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const out = execFileSync(process.execPath, ['--print-bytecode', `--print-bytecode-filter=${name}`, '--conditions=source', '--import', tsx, fileURLToPath(child)], {
    env: { ...process.env, WRL_MODULE_B64: Buffer.from(bytes).toString('base64') },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
  return [...out.matchAll(/Bytecode length: (\d+)/g)].map((m) => Number(m[1]));
}
