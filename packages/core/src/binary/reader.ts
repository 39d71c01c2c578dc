import { CompileError } from '../errors.js';
import { ValueType } from '../types.js';

// ignoreBOM keeps a leading U+FEFF: it is part of the name, not a byte-order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over WebAssembly binary bytes. Every read checks bounds and throws
 * a CompileError naming the byte offset, so callers never see a RangeError
 * from a truncated module.
 */
export class BinaryReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    /** One past the last byte this reader may consume. */
    public end = bytes.length,
  ) {
    this.pos = pos;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Throws the spec's "malformed" CompileError, naming the byte offset. */
  fail(message: string, at = this.pos): never {
    throw new CompileError(`malformed module: ${message} (at byte ${at})`);
  }

  /** The spec's wording for running out of input: of the module, or of the section or body being read. */
  #endMessage(): string {
    return this.end === this.bytes.length ? 'unexpected end' : 'unexpected end of section or function';
  }

  u8(): number {
    if (this.pos >= this.end) this.fail(this.#endMessage());
    return this.bytes[this.pos++]!;
  }

  /** An unsigned LEB128 integer of at most 32 bits. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      if (shift === 28) {
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        if ((b & 0x70) !== 0) this.fail('integer too large', start);
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** A signed LEB128 integer of at most 32 bits. */
  s32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      if (shift === 28) {
        // The unused high bits of the last byte must all equal the sign bit.
        const rest = b & 0x78;
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        if (rest !== 0 && rest !== 0x78) this.fail('integer too large', start);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return shift < 32 && (b & 0x40) !== 0 ? result | (-1 << shift) : result;
    }
  }

  /** A signed LEB128 integer of at most 33 bits (block types); returned as a number. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 4) {
        // Five data bits; the two unused high bits must equal the sign bit.
        const rest = b & 0x70;
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        if (rest !== 0 && rest !== 0x70) this.fail('integer too large', start);
        result += (b & 0x1f) * mul;
        return (b & 0x10) !== 0 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return (b & 0x40) !== 0 ? result - mul : result;
    }
  }

  /** A signed LEB128 integer of at most 64 bits. */
  s64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 9) {
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        if (b !== 0 && b !== 0x7f) this.fail('integer too large', start);
        result |= BigInt(b & 1) << 63n;
        return BigInt.asIntN(64, result);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return BigInt.asIntN(64, (b & 0x40) !== 0 ? result - (1n << shift) : result);
    }
  }

  /** Four little-endian bytes as a signed 32-bit integer (an f32's bits). */
  fixed32(): number {
    if (this.end - this.pos < 4) this.fail(this.#endMessage());
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** `n` raw bytes (a view, not a copy). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(this.#endMessage());
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    if (n > this.end - this.pos) this.fail(this.#endMessage());
    this.pos += n;
  }

  /** A length-prefixed UTF-8 name; invalid UTF-8 is a CompileError. */
  name(): string {
    const start = this.pos;
    const len = this.u32();
    const raw = this.take(len);
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail('malformed UTF-8 encoding in a name', start);
    }
  }

  /** A vector: a u32 count followed by that many items read by `item`. */
  vec<T>(item: (r: this, index: number) => T): T[] {
    const n = this.u32();
    // Each item takes at least one byte; refuse counts the input cannot hold.
    if (n > this.end - this.pos) this.fail(`vector of ${n} items is longer than the remaining input`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this, i));
    return out;
  }

  valueType(): ValueType {
    const at = this.pos;
    const t = valueTypeOf(this.u8());
    if (t === undefined) this.fail(`invalid value type 0x${this.bytes[at]!.toString(16)}`, at);
    return t;
  }

  refType(): 'funcref' | 'externref' {
    const at = this.pos;
    const b = this.u8();
    if (b === 0x70) return 'funcref';
    if (b === 0x6f) return 'externref';
    return this.fail(`invalid reference type 0x${b.toString(16)}`, at);
  }
}

/** The value type a type byte encodes, or undefined. */
export function valueTypeOf(byte: number): ValueType | undefined {
  switch (byte) {
    case 0x7f: return 'i32';
    case 0x7e: return 'i64';
    case 0x7d: return 'f32';
    case 0x7c: return 'f64';
    case 0x7b: return 'v128';
    case 0x70: return 'funcref';
    case 0x6f: return 'externref';
    default: return undefined;
  }
}
