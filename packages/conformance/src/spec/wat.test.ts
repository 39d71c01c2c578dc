import { describe, expect, it } from 'vitest';
import { createWatConverter } from './wat.js';
import { hasExplicitMemoryDataSegment } from './wabt-cli.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('createWatConverter', () => {
  it('encodes an active data segment on memory 1 with its memory index (wabt\'s library alone drops it)', async () => {
    const c = await createWatConverter(['multi-memory']);
    const bytes = c.toBinary('t.wat', '(module (memory 1) (memory 1) (data (memory 1) (i32.const 8) "a"))');
    // data section: one segment, flags 2, memory 1, offset (i32.const 8), one byte "a"
    expect(hex(bytes)).toContain('0b0801020141080b0161');
    expect(hasExplicitMemoryDataSegment(bytes)).toBe(true);
  });

  it('keeps the library\'s output where it is whole', async () => {
    const c = await createWatConverter(['multi-memory']);
    const bytes = c.toBinary('t.wat', '(module (memory 1) (memory 1) (data (i32.const 8) "a") (data "b") (func (i32.store 1 (i32.const 0) (i32.const 1))))');
    expect(hasExplicitMemoryDataSegment(bytes)).toBe(false);
    expect(hex(bytes)).toContain('0b0a020041080b0161010162');
  });

  it('does not validate: an invalid module still converts', async () => {
    const c = await createWatConverter(['multi-memory']);
    const bytes = c.toBinary('t.wat', '(module (memory 1) (memory 1) (data (memory 1) (i32.const 0) "a") (func (result i32) (i64.const 0)))');
    expect(hasExplicitMemoryDataSegment(bytes)).toBe(true);
  });
});

describe('hasExplicitMemoryDataSegment', () => {
  it('finds the segment after others with bytes', () => {
    // memory section (3 memories), then data: flags 0 (i32.const 1) "abcd", flags 1 "xy", then flags 2 without its index
    const bytes = new Uint8Array(Buffer.from('0061736d01000000050703000100010001' + '0b1003' + '0041010b0461626364' + '01027879' + '0241000b', 'hex'));
    expect(hasExplicitMemoryDataSegment(bytes)).toBe(true);
    const withoutIt = new Uint8Array(Buffer.from('0061736d01000000050703000100010001' + '0b0d02' + '0041010b0461626364' + '01027879', 'hex'));
    expect(hasExplicitMemoryDataSegment(withoutIt)).toBe(false);
  });
});
