import { describe, expect, it } from 'vitest';
import { instantiateWat } from './test-wat.js';

/**
 * `$dirty` fills its frame with ones; each `run_*` calls it and then a
 * function whose frame lands on the same words, so a local a call failed to
 * zero would read those ones.
 */
const WAT = `(module
  (func $dirty (local i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 0 (i64.const -1)) (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1)) (local.set 3 (i64.const -1))
    (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1)) (local.set 6 (i64.const -1)) (local.set 7 (i64.const -1)))
  ;; written first on every path (after a block that may leave early, too): needs no zeroing
  (func $written (param $p i32) (result i64) (local $a i64) (local $b i64)
    (local.set $a (i64.extend_i32_u (local.get $p)))
    (block (br_if 0 (local.get $p)) (local.set $a (i64.const 1)))
    (local.set $b (i64.const 5))
    (i64.add (local.get $a) (local.get $b)))
  ;; written inside a block only: counts as unwritten after its end
  (func $in_block (param $p i32) (result i64) (local $a i64)
    (block (br_if 0 (local.get $p)) (local.set $a (i64.const 8)))
    (local.get $a))
  ;; read in its own first write
  (func $self (result i64) (local $a i64)
    (local.set $a (i64.add (local.get $a) (i64.const 1)))
    (local.get $a))
  ;; written on one branch only
  (func $branch (param $p i32) (result i64) (local $a i64) (local $b i32)
    (if (local.get $p) (then (local.set $a (i64.const 7))))
    (i64.add (local.get $a) (i64.extend_i32_u (local.get $b))))
  ;; written in the then branch, read in the else branch
  (func $else_read (param $p i32) (result i64) (local $a i64) (local $r i64)
    (if (local.get $p) (then (local.set $a (i64.const 7)) (local.set $r (local.get $a))) (else (local.set $r (local.get $a))))
    (local.get $r))
  ;; written after a conditional return
  (func $after_br (param $p i32) (result i64) (local $a i64) (local $b i64)
    (local.set $b (i64.const 3))
    (block (br_if 0 (local.get $p)) (local.set $a (i64.const 100)))
    (i64.add (local.get $a) (local.get $b)))
  ;; a loop reads what its later iterations write
  (func $loop (param $n i32) (result i64) (local $acc i64) (local $prev i64)
    (loop $l
      (local.set $acc (i64.add (local.get $acc) (local.get $prev)))
      (local.set $prev (i64.extend_i32_u (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func (export "run_written") (param $p i32) (result i64) (call $dirty) (call $written (local.get $p)))
  (func (export "run_self") (result i64) (call $dirty) (call $self))
  (func (export "run_else_read") (param $p i32) (result i64) (call $dirty) (call $else_read (local.get $p)))
  (func (export "run_in_block") (param $p i32) (result i64) (call $dirty) (call $in_block (local.get $p)))
  (func (export "run_branch") (param $p i32) (result i64) (call $dirty) (call $branch (local.get $p)))
  (func (export "run_after_br") (param $p i32) (result i64) (call $dirty) (call $after_br (local.get $p)))
  (func (export "run_loop") (param $n i32) (result i64) (call $dirty) (call $loop (local.get $n))))`;

describe('declared locals start at zero', () => {
  it('when read before any write, on any path, after a call left other values in those words', async () => {
    const s = await instantiateWat(WAT);
    const run = (name: string, args: number[]): bigint => {
      const f = s.func(name).typed(s.store, args.map(() => 'i32' as const), ['i64']);
      return f.call(s.store, ...args) as bigint;
    };
    expect(run('run_written', [4])).toBe(9n);
    expect(run('run_written', [0])).toBe(6n);
    expect(run('run_in_block', [1])).toBe(0n);
    expect(run('run_in_block', [0])).toBe(8n);
    expect(run('run_self', [])).toBe(1n);
    expect(run('run_else_read', [1])).toBe(7n);
    expect(run('run_else_read', [0])).toBe(0n);
    expect(run('run_branch', [0])).toBe(0n);
    expect(run('run_branch', [1])).toBe(7n);
    expect(run('run_after_br', [1])).toBe(3n);
    expect(run('run_after_br', [0])).toBe(103n);
    // acc: 0 + 0, then + 4, + 3, + 2
    expect(run('run_loop', [4])).toBe(9n);
  });

  it('only for the locals that need it', async () => {
    const s = await instantiateWat(WAT);
    s.func('run_written').typed(s.store, ['i32'], ['i64']).call(s.store, 1);
    s.func('run_branch').typed(s.store, ['i32'], ['i64']).call(s.store, 1);
    s.func('run_self').typed(s.store, [], ['i64']).call(s.store);
    const defs = (s.instance.module.backend as unknown as { defs: { zeroFrom: number; zeroTo: number; paramWords: number; localsWords: number }[] }).defs;
    const [dirty, written, , self, branch] = defs;
    expect(dirty!.zeroTo - dirty!.zeroFrom).toBe(0);
    expect(written!.zeroTo - written!.zeroFrom).toBe(0);
    expect([self!.zeroFrom, self!.zeroTo]).toEqual([self!.paramWords, self!.localsWords]);
    expect([branch!.zeroFrom, branch!.zeroTo]).toEqual([branch!.paramWords, branch!.localsWords]);
  });
});
