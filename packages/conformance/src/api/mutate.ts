/**
 * Deterministic byte-level mutations of a module binary for the malformed
 * input fuzz test. Every mutant is reproducible from the PRNG seed, and its
 * description says what was done so a failure can be turned into a test.
 */

/** A small, fast PRNG (mulberry32): the same seed always yields the same sequence. */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }
}

export interface Mutant {
  readonly bytes: Uint8Array;
  /** What was changed, e.g. "bit 3 of byte 41 flipped". */
  readonly what: string;
}

interface Section {
  readonly id: number;
  /** Offset of the size LEB128. */
  readonly sizeAt: number;
  /** Width of the size LEB128 in bytes. */
  readonly sizeWidth: number;
  readonly payloadStart: number;
  readonly end: number;
}

/** Section boundaries of a well-formed module (the seeds are well-formed). */
function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos]!;
    const sizeAt = pos + 1;
    let size = 0;
    let shift = 0;
    let p = sizeAt;
    for (;;) {
      const b = bytes[p++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    out.push({ id, sizeAt, sizeWidth: p - sizeAt, payloadStart: p, end: p + size });
    pos = p + size;
  }
  return out;
}

/** Unsigned LEB128 of `n`, padded with continuation bytes to at least `width` bytes. */
function leb(n: number, width = 1): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0 || out.length + 1 < width) b |= 0x80;
    out.push(b);
  } while (n > 0 || out.length < width);
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: readonly number[]): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** Byte values that often hit edge cases in decoders: LEB128 continuation, sign and type-code bytes. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x60, 0x70, 0x6f, 0x7b, 0x0b, 0x41];

type Mutator = (bytes: Uint8Array, rng: Prng) => Mutant;

const MUTATORS: readonly Mutator[] = [
  function flipBit(bytes, rng) {
    const at = rng.below(bytes.length);
    const bit = rng.below(8);
    const out = bytes.slice();
    out[at]! ^= 1 << bit;
    return { bytes: out, what: `bit ${bit} of byte ${at} flipped` };
  },
  function overwriteByte(bytes, rng) {
    const at = rng.below(bytes.length);
    const value = rng.below(2) === 0 ? rng.pick(INTERESTING) : rng.below(256);
    const out = bytes.slice();
    out[at] = value;
    return { bytes: out, what: `byte ${at} set to 0x${value.toString(16)}` };
  },
  function truncate(bytes, rng) {
    const length = rng.below(bytes.length);
    return { bytes: bytes.slice(0, length), what: `truncated to ${length} bytes` };
  },
  function insertBytes(bytes, rng) {
    const at = rng.below(bytes.length + 1);
    const inserted = Array.from({ length: 1 + rng.below(4) }, () => rng.pick(INTERESTING));
    return { bytes: splice(bytes, at, 0, inserted), what: `inserted [${inserted.map((b) => `0x${b.toString(16)}`).join(' ')}] at ${at}` };
  },
  function deleteBytes(bytes, rng) {
    const at = rng.below(bytes.length);
    const count = Math.min(1 + rng.below(4), bytes.length - at);
    return { bytes: splice(bytes, at, count, []), what: `deleted ${count} bytes at ${at}` };
  },
  function corruptSectionSize(bytes, rng) {
    const list = sections(bytes);
    if (list.length === 0) return { bytes: bytes.slice(), what: 'no section to corrupt (unchanged)' };
    const s = rng.pick(list);
    const size = s.end - s.payloadStart;
    const choices = [0, size - 1, size + 1, size + 1 + rng.below(64), 0xffffffff, rng.below(size + 1)];
    const newSize = Math.max(0, rng.pick(choices));
    return {
      bytes: splice(bytes, s.sizeAt, s.sizeWidth, leb(newSize)),
      what: `size of section ${s.id} at ${s.sizeAt} changed from ${size} to ${newSize}`,
    };
  },
  function stretchLeb(bytes, rng) {
    const list = sections(bytes).filter((s) => s.end > s.payloadStart);
    if (list.length === 0) return { bytes: bytes.slice(), what: 'no section to stretch (unchanged)' };
    const s = rng.pick(list);
    // A byte below 0x80 ends a LEB128 (or is one); give it 1-5 redundant continuation
    // bytes (legal up to the type's maximum width, malformed past it) and fix the section size.
    const at = s.payloadStart + rng.below(s.end - s.payloadStart);
    const b = bytes[at]!;
    if (b >= 0x80) return { bytes: bytes.slice(), what: `byte ${at} is not a LEB128 end (unchanged)` };
    const extra = 1 + rng.below(5);
    const stretched = [b | 0x80, ...Array<number>(extra - 1).fill(0x80), 0x00];
    const grown = splice(bytes, at, 1, stretched);
    const size = s.end - s.payloadStart + extra;
    return {
      bytes: splice(grown, s.sizeAt, s.sizeWidth, leb(size, s.sizeWidth)),
      what: `byte ${at} (0x${b.toString(16)}) in section ${s.id} stretched by ${extra} LEB128 continuation bytes`,
    };
  },
];

const BYTE_MUTATORS = MUTATORS.slice(0, 5);

/** `count` mutants of `seed`, the same ones for the same `prngSeed`. */
export function mutants(seed: Uint8Array, count: number, prngSeed: number): Mutant[] {
  const rng = new Prng(prngSeed);
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    let m = rng.pick(MUTATORS)(seed, rng);
    // Now and then stack a second mutation, to get past the first check a decoder makes;
    // only a plain byte mutation, as the section-aware ones expect well-formed sections.
    if (rng.below(4) === 0 && m.bytes.length > 0) {
      const second = rng.pick(BYTE_MUTATORS)(m.bytes, rng);
      m = { bytes: second.bytes, what: `${m.what}, then ${second.what}` };
    }
    out.push(m);
  }
  return out;
}

/** Hex of `bytes`, for failure messages that can be pasted into a regression test. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
