/**
 * Call overhead across N-API and interpreter speed.
 *  - a trivial exported function (i32 -> i32) called many times through
 *    Func.call and Func.typed, on wasm3 and on the native backend;
 *  - a host function called from wasm many times (wasm -> JS crossing);
 *  - fib(25) on wasm3, and on the host's WebAssembly directly.
 * Run: pnpm --filter @wrl/backend-wasm3 bench   (CALLS=... to change the count)
 */
import { Engine, Func, FuncType, Imports, Instance, Module, Store, Value } from '@wrl/core';
import type { WasmEngine } from '@wrl/core/backend';
import { NativeEngine } from '@wrl/backend-native';
import { Wasm3Engine } from '../src/index.js';
import { wat } from '../src/test-helpers.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CALLS = Number(process.env.CALLS ?? 1_000_000);

const SOURCE = `(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (func (export "id") (param i32) (result i32) local.get 0)
  (func (export "host_loop") (param i32) (result i32) (local i32)
    block loop
      local.get 0 i32.eqz br_if 1
      local.get 1 call $h local.set 1
      local.get 0 i32.const 1 i32.sub local.set 0
      br 0
    end end
    local.get 1)
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end))`;

// Under --jitless wabt (itself WebAssembly) cannot run; the parent passes the bytes in a file.
const bytes = process.env.WRL_BENCH_WASM ? new Uint8Array(readFileSync(process.env.WRL_BENCH_WASM)) : await wat(SOURCE);

function time(n: number, fn: () => void): number {
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const ms = performance.now() - t0;
  return ms;
}

function nsPer(ms: number, n: number): string {
  return `${((ms * 1e6) / n).toFixed(0).padStart(6)} ns/call`;
}

function runBackend(name: string, backend: WasmEngine): void {
  const engine = new Engine(backend);
  const store = new Store(engine, null);
  const imports = new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x + 1));
  const instance = new Instance(store, new Module(engine, bytes), imports);
  const id = instance.getExport(store, 'id')!.intoFunc()!;
  const args = [Value.i32(1)];
  const results = [Value.i32(0)];
  const viaCall = time(CALLS, () => id.call(store, args, results));
  const typed = id.typed(store, ['i32'], ['i32']);
  let x = 0;
  const viaTyped = time(CALLS, () => {
    x = typed.call(store, x) + 1;
  });
  const hostLoop = instance.getExport(store, 'host_loop')!.intoFunc()!.typed(store, ['i32'], ['i32']);
  const t0 = performance.now();
  if (hostLoop.call(store, CALLS) !== CALLS) throw new Error('host loop miscounted');
  const viaHost = performance.now() - t0;
  const fib = instance.getExport(store, 'fib')!.intoFunc()!.typed(store, ['i32'], ['i32']);
  fib.call(store, 20);
  const f0 = performance.now();
  if (fib.call(store, 25) !== 75025) throw new Error('fib(25) is wrong');
  const fibMs = performance.now() - f0;
  console.log(`${name.padEnd(7)} Func.call ${nsPer(viaCall, CALLS)} | Func.typed ${nsPer(viaTyped, CALLS)} | wasm->host ${nsPer(viaHost, CALLS)} | fib(25) ${fibMs.toFixed(1)} ms`);
  store.close();
}

console.log(`${CALLS} calls each, node ${process.version}`);
runBackend('wasm3', new Wasm3Engine());
if (typeof WebAssembly === 'object') {
  runBackend('native', new NativeEngine());
  // The host engine with no @wrl layer at all, for scale.
  const raw = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env: { h: (x: number) => x + 1 } }).exports as { fib: (n: number) => number };
  raw.fib(20);
  const r0 = performance.now();
  raw.fib(25);
  console.log(`host WebAssembly (direct) fib(25) ${(performance.now() - r0).toFixed(1)} ms`);
  // The same run in a process without V8's WebAssembly or JIT, where only wasm3 works.
  const dir = mkdtempSync(join(tmpdir(), 'wrl-bench-'));
  try {
    writeFileSync(join(dir, 'bench.wasm'), bytes);
    const child = spawnSync(process.execPath, ['--jitless', '--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, WRL_BENCH_WASM: join(dir, 'bench.wasm') },
      encoding: 'utf8',
    });
    console.log(`\nunder node --jitless:\n${child.stdout.trim()}`);
    if (child.status !== 0) console.error(child.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log('(no host WebAssembly in this process: native backend skipped)');
}
