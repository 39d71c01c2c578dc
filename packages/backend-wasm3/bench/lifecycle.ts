/**
 * Leak check: many create/instantiate/call/close cycles, printing RSS and the
 * JS heap as they go. Native memory that is not freed shows as RSS growth of
 * over a megabyte per cycle (each instance has a 1 MiB value stack and a
 * 256 KiB memory). Run: pnpm --filter @wrl/backend-wasm3 bench:lifecycle
 */
import { Engine, Func, FuncType, Imports, Instance, Module, Store } from '@wrl/core';
import { Wasm3Engine } from '../src/index.js';
import { wat } from '../src/test-helpers.js';

const CYCLES = Number(process.env.CYCLES ?? 30_000);
const engine = new Engine(new Wasm3Engine());
const module = new Module(engine, await wat(`(module
  (import "env" "h" (func $h (param i32) (result i32)))
  (memory (export "mem") 4)
  (func (export "f") (param i32) (result i32) local.get 0 call $h))`));

function cycle(close: boolean): void {
  const store = new Store(engine, null);
  const imports = new Imports().define('env', 'h', Func.wrap(store, new FuncType(['i32'], ['i32']), (_c, x: number) => x + 1));
  const instance = new Instance(store, module, imports);
  if (instance.getExport(store, 'f')!.intoFunc()!.typed(store, ['i32'], ['i32']).call(store, 1) !== 2) throw new Error('wrong result');
  if (close) store.close();
}

const mib = (n: number) => (n / 2 ** 20).toFixed(1).padStart(7);
function report(label: string): void {
  // With --expose-gc, collect first so the numbers show live memory only.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(28)} rss ${mib(m.rss)} MiB   js heap ${mib(m.heapUsed)} MiB`);
}

for (const close of [true, false]) {
  console.log(close ? `\n${CYCLES} cycles closing each store:` : `\n${CYCLES} cycles dropping each store unclosed (freed by GC):`);
  const started = performance.now();
  for (let i = 1; i <= CYCLES; i++) {
    cycle(close);
    // Let finalizers run, as they would between tasks of a real program.
    if (i % 500 === 0) await new Promise((r) => setImmediate(r));
    if (i % (CYCLES / 6) === 0) report(`after ${i} cycles`);
  }
  console.log(`${((performance.now() - started) / CYCLES * 1000).toFixed(1)} µs per cycle`);
}
