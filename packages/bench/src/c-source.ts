import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKLOAD_DIR } from './wat.js';

/** Flags for a freestanding module: no libc, no start function, only the exports the source marks. */
const CLANG_FLAGS = ['--target=wasm32', '-O2', '-nostdlib', '-fno-builtin', '-Wl,--no-entry'];

const cache = new Map<string, Uint8Array<ArrayBuffer>>();

/**
 * Compiles `workloads/<name>.c` to wasm with clang and wasm-ld (once per
 * process), so a workload can be real compiler output without a committed
 * binary. Throws a clear error when the toolchain is missing.
 */
export function loadC(name: string): Uint8Array<ArrayBuffer> {
  const hit = cache.get(name);
  if (hit) return hit;
  const linker = findWasmLd();
  const dir = mkdtempSync(join(tmpdir(), 'wrl-bench-c-'));
  try {
    const out = join(dir, `${name}.wasm`);
    try {
      execFileSync('clang', [...CLANG_FLAGS, `-fuse-ld=${linker}`, '-o', out, `${WORKLOAD_DIR}${name}.c`], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`compiling workloads/${name}.c failed${stderr ? `: ${stderr}` : ''} (needs clang with the wasm32 target; Debian: apt-get install clang lld)`);
    }
    const bytes = new Uint8Array(readFileSync(out));
    cache.set(name, bytes);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wasm-ld under its plain name, a versioned one (Debian's lld-NN), or in an LLVM folder. */
function findWasmLd(): string {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const dir of dirs) if (existsSync(join(dir, 'wasm-ld'))) return join(dir, 'wasm-ld');
  for (const dir of dirs) {
    const versioned = safeList(dir).filter((f) => /^wasm-ld-\d+$/.test(f)).sort(byVersionDesc)[0];
    if (versioned) return join(dir, versioned);
  }
  const llvm = safeList('/usr/lib').filter((f) => /^llvm-\d+$/.test(f)).sort(byVersionDesc);
  for (const d of llvm) if (existsSync(`/usr/lib/${d}/bin/wasm-ld`)) return `/usr/lib/${d}/bin/wasm-ld`;
  throw new Error('wasm-ld not found: the compiled-C workloads need clang and wasm-ld (Debian: apt-get install clang lld)');
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function byVersionDesc(a: string, b: string): number {
  return Number(b.replace(/\D+/g, '')) - Number(a.replace(/\D+/g, ''));
}
