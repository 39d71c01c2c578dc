import { CompileError } from '@wrl/core/backend';

/** The bytes do not follow the binary format (the spec's "malformed"). */
export function malformed(message: string, offset: number): never {
  throw new CompileError(`malformed module: ${message} (at byte ${offset})`);
}

/** The module decodes but fails validation (the spec's "invalid"). */
export function invalid(message: string, offset: number): never {
  throw new CompileError(`invalid module: ${message} (at byte ${offset})`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A cursor over module bytes with LEB128 and the other primitive encodings of the binary format. */
export class Reader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    /** Where the current section or body ends: reading past it is "unexpected end". */
    public end = bytes.length,
  ) {
    this.pos = pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) malformed(this.end === this.bytes.length ? 'unexpected end' : 'unexpected end of section or function', this.pos);
    return this.bytes[this.pos++]!;
  }

  /** An unsigned LEB128 integer of at most 32 bits. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) malformed('integer representation too long', start);
        if (b & 0x70) malformed('integer too large', start);
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
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) malformed('integer representation too long', start);
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) malformed('integer too large', start);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
    }
  }

  /** A signed 33-bit LEB128 (block types); returned as a JS number. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) malformed('integer representation too long', start);
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) malformed('integer too large', start);
        result += (b & 0x0f) * mul;
        return b & 0x10 ? result - 2 ** 33 + (b & 0x10) * mul : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
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
        if (b & 0x80) malformed('integer representation too long', start);
        if (b !== 0 && b !== 0x7f) malformed('integer too large', start);
        return BigInt.asIntN(64, result | (BigInt(b) << 63n));
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return BigInt.asIntN(64, b & 0x40 ? result - (1n << shift) : result);
    }
  }

  /** Four little-endian bytes as a signed 32-bit integer (f32 bits). */
  fixed32(): number {
    if (this.pos + 4 > this.end) malformed('unexpected end', this.pos);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  bytesOf(n: number): Uint8Array {
    if (n > this.end - this.pos) malformed('unexpected end of section or function', this.pos);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    const n = this.u32();
    const at = this.pos;
    const raw = this.bytesOf(n);
    try {
      return utf8.decode(raw);
    } catch {
      return malformed('malformed UTF-8 encoding', at);
    }
  }
}
