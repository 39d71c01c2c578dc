import { describe, expect, it } from 'vitest';
import { bytecodeLengths, v8BytecodeLimit } from '../test-bytecode.js';
import { Engine, Imports, Instance, Module, Store } from '@wrl/core';
import { InterpEngine } from '../engine.js';
import { instantiateWat, wat, type Setup } from '../test-wat.js';

const factoryOf = (s: Setup) => (s.instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs[0]!.factory;

type Shape = 'alu' | 'mem' | 'f64';

/** A loop whose body repeats one step `reps` times: integer mixing, memory traffic or float work. */
function bigLoop(shape: Shape, reps: number): string {
  let body = '';
  for (let k = 0; k < reps; k++) {
    if (shape === 'alu') {
      body += `(local.set $x (i32.add (i32.mul (local.get $x) (i32.const ${1664525 + 2 * k})) (i32.const ${1013904223 + k})))
        (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const ${1 + (k % 31)})) (i32.add (i32.shr_u (local.get $x) (i32.const 7)) (local.get $i))))\n`;
    } else if (shape === 'mem') {
      body += `(i32.store offset=${(k % 64) * 4} (i32.and (local.get $x) (i32.const 0x7ff0)) (i32.add (i32.load offset=${((k * 7) % 64) * 4} (i32.and (local.get $acc) (i32.const 0x7ff0))) (local.get $i)))
        (local.set $acc (i32.xor (local.get $acc) (i32.load8_u offset=${k % 100} (i32.and (local.get $x) (i32.const 0x7ff0)))))
        (local.set $x (i32.add (local.get $x) (i32.const ${k + 1})))\n`;
    } else {
      body += `(local.set $f (f64.add (f64.mul (local.get $f) (f64.const 0.999)) (f64.convert_i32_s (local.get $i))))
        (local.set $acc (i32.add (local.get $acc) (i32.trunc_sat_f64_s (local.get $f))))\n`;
    }
  }
  return `(module (memory 1)
    (func (export "run") (param $n i32) (result i32) (local $i i32) (local $x i32) (local $acc i32) (local $f f64)
      (local.set $x (i32.const 12345))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ${body}
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $acc)))`;
}

async function runOn(text: string, jsTier: boolean): Promise<{ result: number; factory: unknown }> {
  const s = await instantiateWat(text, undefined, { jsTier, jsTierHotness: 1 });
  const result = s.func('run').typed(s.store, ['i32'], ['i32']).call(s.store, 3) as number;
  return { result, factory: factoryOf(s) };
}

/** The largest `reps` of a shape that the JS tier still compiles. */
async function largestCompiled(shape: Shape): Promise<number> {
  let lo = 1;
  let hi = 2000;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (typeof (await runOn(bigLoop(shape, mid), true)).factory === 'function') lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('JS tier function size', () => {
  it('leaves a function too large for V8 to optimise to the interpreter, with the same result', async () => {
    const big = bigLoop('alu', 1500);
    const onJs = await runOn(big, true);
    const onInterp = await runOn(big, false);
    expect(onJs.factory).toBeNull();
    expect(onJs.result).toBe(onInterp.result);
    const small = await runOn(bigLoop('alu', 50), true);
    expect(typeof small.factory).toBe('function');
    expect(small.result).toBe((await runOn(bigLoop('alu', 50), false)).result);
  });

  it('emits a metered function of 250,000 blocks without overflowing the stack', () => {
    // (func (result i32) block end ... block end i32.const 7), built as bytes: its WAT would be 2 MB
    const leb = (n: number): number[] => {
      const out: number[] = [];
      do {
        out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
        n >>>= 7;
      } while (n !== 0);
      return out;
    };
    const section = (id: number, b: number[]): number[] => [id, ...leb(b.length), ...b];
    const body = [0x00, ...Array.from({ length: 250_000 }, () => [0x02, 0x40, 0x0b]).flat(), 0x41, 0x07, 0x0b];
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
      ...section(1, [1, 0x60, 0, 1, 0x7f]), ...section(3, [1, 0]), ...section(7, [1, 3, 0x72, 0x75, 0x6e, 0, 0]),
      ...section(10, [1, ...leb(body.length), ...body])]);
    const engine = new Engine(new InterpEngine({ fuel: true, jsTier: true, jsTierHotness: 1 }));
    const store = new Store(engine, undefined);
    store.setFuel(1_000_000n);
    const instance = new Instance(store, new Module(engine, bytes), new Imports());
    expect(instance.getExport(store, 'run')!.intoFunc()!.typed(store, [], ['i32']).call(store)).toBe(7);
  }, 60_000);

  // The guard on MAX_JS_SOURCE: the largest functions the tier accepts must stay optimisable.
  for (const shape of ['alu', 'mem', 'f64'] as const) {
    it(`compiles ${shape} functions only up to a size V8 still optimises`, async () => {
      const reps = await largestCompiled(shape);
      const bytes = await wat(bigLoop(shape, reps));
      const lengths = bytecodeLengths(new URL('./test-js-size-child.ts', import.meta.url), 'w0', bytes);
      expect(lengths).toHaveLength(1);
      expect(lengths[0]!).toBeLessThan(v8BytecodeLimit());
      // and the bound is not far too cautious: the function is at least half the limit
      expect(lengths[0]!).toBeGreaterThan(v8BytecodeLimit() / 2);
    }, 120_000);
  }
});
