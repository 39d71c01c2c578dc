/**
 * Interpreter (and JS tier) vs host WebAssembly on recursive fib, tight loops
 * and the kernels of packages/bench (LCG loop, f64 matmul, fill + FNV-1a).
 * Run: pnpm --filter @wrl/backend-interp bench   (or: node --import tsx bench/compare.ts [case-prefix ...])
 *
 * Every case is warmed up first (so the interpreter's loop is optimised for
 * it), then the contenders run in turn, round after round, so a change in the
 * machine's load hits all of them alike. Ratios are given for the median and
 * for the fastest run of each (the latter is the steadier one on a busy machine).
 *
 * The WAT is assembled by wabt in a child process: loaded through tsx in this
 * one, wabt detaches an ArrayBuffer, and once that has happened in a process V8
 * adds a "detached?" check to every typed-array access in optimised code, which
 * slows the interpreter's dispatch by a third or more. A program that never
 * detaches a buffer (no transfer, no growth of a host WebAssembly.Memory)
 * does not pay that, and neither does packages/bench, which runs without tsx.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Engine, Instance, Imports, Module, Store, type Func, type ValueType } from '@wrl/core';
import { InterpEngine } from '../src/index.js';

const WAT = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "loop") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "fib64") (param i64) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done (loop $l
      (br_if $done (i64.eqz (local.get 0)))
      (local.set $t (i64.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
      (br $l)))
    (local.get $a)))`;

/** A kernel of packages/bench: its `run(size)` export. */
function workload(name: string): string {
  return readFileSync(new URL(`../../bench/workloads/${name}.wat`, import.meta.url), 'utf8');
}

interface Case {
  readonly name: string;
  readonly wat: string;
  readonly fn: string;
  readonly arg: number | bigint;
  readonly params: ValueType[];
  readonly results: ValueType[];
}

const CASES: Case[] = [
  { name: 'fib(25)', wat: WAT, fn: 'fib', arg: 25, params: ['i32'], results: ['i32'] },
  { name: 'loop(1e6)', wat: WAT, fn: 'loop', arg: 1_000_000, params: ['i32'], results: ['i32'] },
  { name: 'fib64 loop(1e5)', wat: WAT, fn: 'fib64', arg: 100_000n, params: ['i64'], results: ['i64'] },
  { name: 'LCG loop(1e6)', wat: workload('loop'), fn: 'run', arg: 1_000_000, params: ['i32'], results: ['i32'] },
  { name: 'matmul(64)', wat: workload('matmul'), fn: 'run', arg: 64, params: ['i32'], results: ['f64'] },
  { name: 'fill+FNV(1 MiB)', wat: workload('fnv'), fn: 'run', arg: 1 << 20, params: ['i32'], results: ['i32'] },
];

/** WAT to wasm bytes, by wabt in a plain `node` child process (see the top of this file for why). */
function assemble(wat: string): Uint8Array<ArrayBuffer> {
  const script = `import('wabt').then(async (m) => {
    const wabt = await m.default();
    const out = wabt.parseWat('bench.wat', process.argv[1], {}).toBinary({}).buffer;
    process.stdout.write(Buffer.from(out).toString('base64'));
  });`;
  const b64 = execFileSync(process.execPath, ['--input-type=module', '-e', script, wat], { cwd: new URL('..', import.meta.url), encoding: 'utf8', maxBuffer: 1 << 24 });
  return Uint8Array.from(Buffer.from(b64, 'base64'));
}

const ROUNDS = 11;
const WARMUP_MS = 400;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const host = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  console.log(`${''.padEnd(16)} ${'interp'.padStart(10)} ${'+jsTier'.padStart(10)} ${'host wasm'.padStart(10)}   interp/host (median, fastest)  jsTier/host`);
  for (const c of CASES) {
    if (only.length > 0 && !only.some((o) => c.name.startsWith(o))) continue;
    const bytes = assemble(c.wat);
    const setup = (jsTier: boolean) => {
      const engine = new Engine(new InterpEngine({ jsTier }));
      const store = new Store(engine, undefined);
      const inst = new Instance(store, new Module(engine, bytes), new Imports());
      const f = (inst.getExport(store, c.fn)!.value as Func).typed(store, c.params, c.results);
      return () => f.call(store, c.arg);
    };
    const runs: (() => unknown)[] = [setup(false), setup(true)];
    if (host) {
      const exports = (await host.instantiate(bytes)).instance.exports as Record<string, (x: number | bigint) => unknown>;
      const f = exports[c.fn]!;
      runs.push(() => f(c.arg));
    }
    const want = runs[0]!();
    for (const run of runs) {
      const got = run();
      if (got !== want && !(Number.isNaN(got) && Number.isNaN(want))) throw new Error(`${c.name}: results differ (${String(got)} vs ${String(want)})`);
      const t0 = performance.now();
      while (performance.now() - t0 < WARMUP_MS) run();
    }
    const times: number[][] = runs.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      runs.forEach((run, i) => {
        const t0 = performance.now();
        run();
        times[i]!.push(performance.now() - t0);
      });
    }
    const med = times.map(median);
    const best = times.map((t) => Math.min(...t));
    const ms = (t: number | undefined) => (t === undefined ? 'n/a' : `${t.toFixed(2)} ms`).padStart(10);
    const ratio = (i: number) => (host ? `${(med[i]! / med[2]!).toFixed(1)}x, ${(best[i]! / best[2]!).toFixed(1)}x` : 'n/a');
    console.log(`${c.name.padEnd(16)} ${ms(med[0])} ${ms(med[1])} ${ms(med[2])}   ${ratio(0).padEnd(29)}  ${ratio(1)}`);
  }
}

await main();
