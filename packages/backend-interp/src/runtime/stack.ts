import { Trap, TrapCode } from '@wrl/core/backend';
import type { RefValue } from './refs.js';

/**
 * The value stack of a store: locals and operands of every active frame, as
 * 4-byte words with typed-array views sharing one buffer (i64 and f64 use two
 * aligned words, v128 four). References live in `refs`, at the same word index.
 */
export class ValueStack {
  i32!: Int32Array;
  u32!: Uint32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  i64!: BigInt64Array;
  u64!: BigUint64Array;
  u8!: Uint8Array;
  refs: RefValue[] = [];
  words = 0;

  constructor(
    initialWords: number,
    readonly maxWords: number,
  ) {
    this.alloc(Math.min(initialWords, maxWords));
  }

  private alloc(words: number): void {
    const buf = new ArrayBuffer(words * 4);
    const old = this.i32;
    this.i32 = new Int32Array(buf);
    if (old) this.i32.set(old);
    this.u32 = new Uint32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i64 = new BigInt64Array(buf);
    this.u64 = new BigUint64Array(buf);
    this.u8 = new Uint8Array(buf);
    for (let i = this.refs.length; i < words; i++) this.refs.push(null);
    this.words = words;
  }

  /** Makes room for `words` words, or traps with StackOverflow past the limit. Views change: reload them. */
  ensure(words: number): void {
    if (words <= this.words) return;
    if (words > this.maxWords) throw new Trap(TrapCode.StackOverflow);
    let n = this.words * 2;
    while (n < words) n *= 2;
    this.alloc(Math.min(n, this.maxWords));
  }
}
