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

  const setup = (jsTier: boolean) => {
    const engine = new Engine(new InterpEngine({ jsTier }));
    const store = new Store(engine, undefined);
    const inst = new Instance(store, new Module(engine, bytes), new Imports());
    const fn = (name: string) => inst.getExport(store, name)!.value as Func;
    const fib = fn('fib').typed(store, ['i32'], ['i32']);
    const loop = fn('loop').typed(store, ['i32'], ['i32']);
    const fib64 = fn('fib64').typed(store, ['i64'], ['i64']);
    return [() => fib.call(store, 25), () => loop.call(store, 1_000_000), () => fib64.call(store, 100_000n)];
  };
  const interp = setup(false);
  const jsTier = setup(true);
  const names = ['fib(25)', 'loop(1e6)', 'fib64 loop(1e5)'];
  const nat = native && [() => native.fib!(25), () => native.loop!(1_000_000), () => native.fib64!(100_000n)];
  console.log(`${''.padEnd(16)} ${'interp'.padStart(10)} ${'+jsTier'.padStart(10)} ${'host wasm'.padStart(10)}   ratios (interp, jsTier)`);
  for (let i = 0; i < names.length; i++) {
    const want = interp[i]!();
    if (jsTier[i]!() !== want || (nat && nat[i]!() !== want)) throw new Error(`${names[i]}: results differ`);
    const ti = time(interp[i]!, 9);
    const tj = time(jsTier[i]!, 9);
    const tn = nat ? time(nat[i]!, 9) : NaN;
    const ms = (t: number) => `${t.toFixed(2)} ms`.padStart(10);
    console.log(`${names[i]!.padEnd(16)} ${ms(ti)} ${ms(tj)} ${ms(tn)}   ${(ti / tn).toFixed(1)}x, ${(tj / tn).toFixed(1)}x`);
  }
}

await main();
