import { beforeAll, describe, expect, it } from 'vitest';
import { TrapCode } from '@wrl/core';
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
    const overflows = new Set<number>();
    const texts: string[] = [];
    const logs: string[] = [];
    for (let seed = 0; seed < SEEDS; seed++) {
      const r = check(seed);
      if (r.mismatches.length) expect.fail(report(r));
      calls += r.hostOuts.length;
      completed += r.hostOuts.filter((o) => !o.startsWith('trap')).length;
      if (r.program.maxCallDepth !== undefined && r.oursOuts.includes(`trap ${TrapCode.StackOverflow}`)) overflows.add(r.program.maxCallDepth);
      texts.push(r.program.text);
      logs.push(...r.hostLogs);
    }
    // most calls must run to the end, or the comparison says little about what comes after a trap
    expect(completed / calls).toBeGreaterThan(0.5);
    // the seeds reach the depth limit, below and past the JS tier's own depth, and the table and data-segment instructions
    expect([...overflows].sort()).toEqual([1100, 300]);
    // host functions re-enter wasm, which returns or traps
    const reentries = logs.join(' ').split(' ').filter((t) => t.startsWith('r('));
    expect(reentries.some((t) => /\)=/.test(t))).toBe(true);
    expect(reentries.some((t) => t.includes('!trap:'))).toBe(true);
    const all = texts.join('\n');
    for (const op of ['table.grow $tb', 'table.grow $te', 'table.size', 'table.copy $tb $tb', 'table.copy 0 $tb', 'table.fill $tb', 'table.fill $te', 'table.get $tb', 'table.set $tb', 'ref.is_null', 'ref.func $leaf', 'call_indirect $tb', 'memory.init', 'data.drop', '(memory.grow (i32.const 5))', 'call_indirect (type $t', 'table.init $tb $e', 'elem.drop $e']) {
      expect(all, op).toContain(op);
    }
  }, 120_000);

  it('compares programs recursing past a small depth limit among our modes only, which all trap', () => {
    const text = `(module (type $t (func (param i32) (result i32))) (memory (export "mem") 1 1) (table 1 funcref) (elem (i32.const 0) $deep)
      (func $deep (type $t) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
        (else (i32.add (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)) (i32.const 1)))))
      (func (export "run") (param i32) (result i32) (call $deep (local.get 0)))
      (func (export "dump") (result i32) (i32.const 0)))`;
    const program = { text, entry: { params: ['i32' as const], results: ['i32' as const] }, args: [[10], [500], [20]], maxCallDepth: 300 };
    const r = check(0, program);
    expect(r.mismatches).toEqual([]);
    expect(r.hostOuts).toEqual(['11', '501', '21']);
    expect(r.oursOuts).toEqual(['11', `trap ${TrapCode.StackOverflow}`, '21']);
  });

  it('compares what a re-entered call returned or trapped with, and sees when it differs', () => {
    // h re-enters r for some arguments (the oracle's hash decides); r traps for odd ones
    const text = `(module (type $h (func (param i32) (result i32))) (import "env" "h" (func $h (type $h)))
      (memory (export "mem") 1 1)
      (func $r (param i32) (result i32) (if (i32.and (local.get 0) (i32.const 1)) (then unreachable)) (i32.mul (local.get 0) (i32.const 3)))
      (func $f0 (param i32) (result i32) (local $i i32) (local $acc i32)
        (loop $l (local.set $acc (i32.add (local.get $acc) (call $h (i32.add (local.get 0) (local.get $i)))))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 40))))
        (local.get $acc))
      (export "r" (func $r))
      (func (export "run") (param i32) (result i32) (call $f0 (local.get 0)))
      (func (export "dump") (result i32) (i32.const 0)))`;
    const sig = { params: ['i32' as const], results: ['i32' as const] };
    const program = { text, entry: sig, host: sig, reenter: sig, args: [[1], [1000], [-5]] };
    const r = check(0, program);
    expect(r.mismatches).toEqual([]);
    const tokens = r.hostLogs.join(' ').split(' ');
    expect(tokens.some((t) => /^r\(-?\d+\)=-?\d+$/.test(t))).toBe(true);
    expect(tokens.some((t) => /^r\(-?\d+\)!trap:UnreachableCodeReached$/.test(t))).toBe(true);
    const other = check(0, program, text.replace('(i32.const 3)', '(i32.const 5)')).mismatches.map((m) => `${m.mode}: ${m.what}`);
    expect(other).toContain('interp: host calls');
    expect(other).toContain('js-tier: host calls');
  });

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
