import { Trap, TrapCode } from '@wrl/core/backend';
import type { RefValue } from './refs.js';
import { reserveLargest } from './reserve.js';

/**
 * The value stack of the realm: locals and operands of every active frame of every store, as
 * 4-byte words with typed-array views sharing one buffer (i64 and f64 use two aligned words, v128
 * four). References live in `refs`, at the same word index.
 *
 * One stack reserved once, like a thread's native stack, rather than one grown per store: views
 * that never change are constants of the interpreter loop's machine code (exec/run.ts keeps them
 * in module-level consts, which V8 folds): with the code space (exec/code-space.ts) a tight
 * loop ran in 7.2-7.8 ms instead of 14.2-15.0 (alternating processes; some processes settle at
 * 13.5 ms instead, as some settled at 22 ms before). The operating system commits its pages only as frames first reach them. Calls
 * nest across stores (a host function of one store calling into another) as native calls do:
 * each new call starts at the shared `sp`.
 */
class StackArena {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u64: BigUint64Array;
  readonly u8: Uint8Array;
  /** Grown on demand (`cover`): a reference slot is written before it is read, but a hole would read as undefined. */
  readonly refs: RefValue[] = [];
  /** Words `refs` covers. */
  covered = 0;
  /** First free word for a new call from the host. */
  sp = 0;

  constructor(buf: ArrayBuffer) {
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i64 = new BigInt64Array(buf);
    this.u64 = new BigUint64Array(buf);
    this.u8 = new Uint8Array(buf);
  }

  get capacity(): number {
    return this.i32.length;
  }

  cover(words: number): void {
    let n = Math.max(this.covered * 2, 1 << 12);
    while (n < words) n *= 2;
    n = Math.min(n, this.capacity);
    const refs = this.refs;
    for (let i = refs.length; i < n; i++) refs.push(null);
    this.covered = n;
  }
}

/** The value stack of this realm. */
export const STACK = new StackArena(reserveLargest([64 << 20, 16 << 20, 4 << 20], 1 << 20, (n) => new ArrayBuffer(n)));

/**
 * A store's handle on the realm's value stack: the same views, with the store's own limit
 * (`maxStackBytes`) on how high its frames may reach.
 */
export class ValueStack {
  readonly i32 = STACK.i32;
  readonly u32 = STACK.u32;
  readonly f32 = STACK.f32;
  readonly f64 = STACK.f64;
  readonly i64 = STACK.i64;
  readonly u64 = STACK.u64;
  readonly u8 = STACK.u8;
  readonly refs = STACK.refs;
  /** Words usable without a call to `ensure`: never more than the limit, nor than `refs` covers. */
  words = 0;
  readonly maxWords: number;

  constructor(maxWords: number) {
    this.maxWords = Math.min(maxWords, STACK.capacity);
  }

  /** Makes room for `words` words, or traps with StackOverflow past the store's limit or the realm's stack. */
  ensure(words: number): void {
    if (words <= this.words) return;
    if (words > this.maxWords) throw new Trap(TrapCode.StackOverflow);
    if (words > STACK.covered) STACK.cover(words);
    this.words = Math.min(STACK.covered, this.maxWords);
  }
}
