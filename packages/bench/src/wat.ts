import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

/** The folder of committed WAT sources (same place from src/ and dist/). */
export const WORKLOAD_DIR = fileURLToPath(new URL('../workloads/', import.meta.url));

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Promise<Wabt> | undefined;
const cache = new Map<string, Uint8Array>();

/** Assembles `workloads/<name>.wat` into a wasm binary (once per process). */
export async function loadWat(name: string): Promise<Uint8Array> {
  const hit = cache.get(name);
  if (hit) return hit;
  const w = await (wabt ??= wabtInit());
  const text = readFileSync(`${WORKLOAD_DIR}${name}.wat`, 'utf8');
  const mod = w.parseWat(`${name}.wat`, text);
  try {
    mod.validate();
    const bytes = mod.toBinary({}).buffer.slice();
    cache.set(name, bytes);
    return bytes;
  } finally {
    mod.destroy();
  }
}
