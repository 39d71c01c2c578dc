import { beforeAll, describe, expect, it } from 'vitest';
import { check, describeMismatch, prepare, type Checked } from './oracle.js';
import { generate } from './generate.js';

// Random programs (fixed seeds) on the host's WebAssembly and every way the
// interp engine runs code: results, traps, globals, memory and fuel must agree.
const SEEDS = 200;

function report(r: Checked): string {
  return `${r.mismatches.map(describeMismatch).join('\n')}\n;; args ${JSON.stringify(r.program.args, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}\n${r.program.text}`;
}

describe('random programs, host WebAssembly against interp, fuel and JS tier', () => {
  beforeAll(prepare);

  it('generates the same program for a seed, and different programs for different seeds', () => {
    expect(generate(7).text).toBe(generate(7).text);
    expect(generate(7).text).not.toBe(generate(8).text);
  });

  it(`agrees on ${SEEDS} seeds`, () => {
    let calls = 0;
    let completed = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const r = check(seed);
      if (r.mismatches.length) expect.fail(report(r));
      calls += r.hostOuts.length;
      completed += r.hostOuts.filter((o) => !o.startsWith('trap')).length;
    }
    // most calls must run to the end, or the comparison says little about what comes after a trap
    expect(completed / calls).toBeGreaterThan(0.5);
  }, 120_000);

  it('sees a different result, global or memory byte when the host runs a slightly different program', () => {
    const base = `(module (memory (export "mem") 1 1) (global $g (mut i64) (i64.const 5))
      (func $f0 (param i32) (result i32) (i32.store8 (i32.const 100) (i32.const 7)) (global.set $g (i64.const 9)) (i32.add (local.get 0) (i32.const 1)))
      (func (export "run") (param i32) (result i32) (call $f0 (local.get 0)))
      (func (export "dump") (result i64) (global.get $g)))`;
    const program = { text: base, entry: { params: ['i32' as const], results: ['i32' as const] }, args: [[1], [2], [3]] };
    expect(check(0, program).mismatches).toEqual([]);
    const what = (hostText: string) => check(0, program, hostText).mismatches.map((m) => `${m.mode}: ${m.what}`);
    const all = (w: string) => ['interp', 'interp+fuel', 'js-tier', 'js-tier(hotness 2)', 'js-tier+fuel'].map((m) => `${m}: ${w}`);
    expect(what(base.replace('(i32.const 1)))', '(i32.const 2)))'))).toEqual(all('result'));
    expect(what(base.replace('(i64.const 9)', '(i64.const 10)'))).toEqual(all('globals'));
    expect(what(base.replace('(i32.const 7)', '(i32.const 8)'))).toEqual(all('memory'));
    expect(what(base.replace('(i32.add (local.get 0) (i32.const 1))', '(i32.div_u (local.get 0) (i32.const 0))'))).toEqual(all('result'));
  });
});
