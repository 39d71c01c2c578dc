/**
 * Interpreter vs host WebAssembly on recursive fib and a tight loop.
 * Run: pnpm --filter @wrl/backend-interp bench   (or: node --import tsx bench/compare.ts)
 */
import { Engine, Instance, Imports, Module, Store, type Func } from '@wrl/core';
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(fn: () => unknown, runs: number): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

async function main(): Promise<void> {
  const wabt = await (await import('wabt')).default();
  const bytes = new Uint8Array(wabt.parseWat('bench.wat', WAT, {}).toBinary({}).buffer);

  const host = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  const native = host ? ((await host.instantiate(bytes)).instance.exports as Record<string, (...a: any[]) => any>) : undefined;

  const engine = new Engine(new InterpEngine());
  const store = new Store(engine, undefined);
  const inst = new Instance(store, new Module(engine, bytes), new Imports());
  const fn = (name: string) => inst.getExport(store, name)!.value as Func;
  const fib = fn('fib').typed(store, ['i32'], ['i32']);
  const loop = fn('loop').typed(store, ['i32'], ['i32']);
  const fib64 = fn('fib64').typed(store, ['i64'], ['i64']);

  const cases: [string, () => unknown, (() => unknown) | undefined, number][] = [
    ['fib(25)', () => fib.call(store, 25), native && (() => native.fib!(25)), 9],
    ['loop(1e6)', () => loop.call(store, 1_000_000), native && (() => native.loop!(1_000_000)), 9],
    ['fib64 loop(1e5)', () => fib64.call(store, 100_000n), native && (() => native.fib64!(100_000n)), 9],
  ];
  for (const [name, interp, nat, runs] of cases) {
    if (nat && interp() !== nat()) throw new Error(`${name}: results differ`);
    const ti = time(interp, runs);
    const tn = nat ? time(nat, runs) : NaN;
    console.log(`${name.padEnd(16)} interp ${ti.toFixed(2).padStart(8)} ms   host wasm ${tn.toFixed(3).padStart(8)} ms   ratio ${(ti / tn).toFixed(1)}x`);
  }
}

await main();
