import { describe, expect, it } from 'vitest';
import { CompileError } from '../errors.js';
import { BinaryReader } from './reader.js';

const r = (...b: number[]) => new BinaryReader(new Uint8Array(b));

describe('BinaryReader', () => {
  it('reads unsigned LEB128', () => {
    expect(r(0x00).u32()).toBe(0);
    expect(r(0xe5, 0x8e, 0x26).u32()).toBe(624485);
    expect(r(0xff, 0xff, 0xff, 0xff, 0x0f).u32()).toBe(0xffffffff);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x00).u32()).toBe(0);
  });

  it('rejects overlong or too large u32', () => {
    expect(() => r(0xff, 0xff, 0xff, 0xff, 0x1f).u32()).toThrow(CompileError);
    expect(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32()).toThrow(/too long/);
  });

  it('reads signed LEB128 32/33/64', () => {
    expect(r(0x7f).s32()).toBe(-1);
    expect(r(0xc0, 0xbb, 0x78).s32()).toBe(-123456);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x78).s32()).toBe(-0x80000000);
    expect(r(0xff, 0xff, 0xff, 0xff, 0x07).s32()).toBe(0x7fffffff);
    expect(() => r(0xff, 0xff, 0xff, 0xff, 0x0f).s32()).toThrow(CompileError);
    expect(r(0x40).s33()).toBe(-64);
    expect(r(0xff, 0xff, 0xff, 0xff, 0x0f).s33()).toBe(0xffffffff);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x70).s33()).toBe(-(2 ** 32));
    expect(r(0x7f).s64()).toBe(-1n);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64()).toBe(-(1n << 63n));
    expect(r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64()).toBe((1n << 63n) - 1n);
    expect(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).s64()).toThrow(CompileError);
  });

  it('uses the spec testsuite wording for malformed integers and truncation', () => {
    expect(() => r(0xff, 0xff, 0xff, 0xff, 0x1f).u32()).toThrow(/^malformed module: integer too large \(at byte 0\)$/);
    expect(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s32()).toThrow(/integer representation too long/);
    expect(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).s64()).toThrow(/integer too large/);
    const section = new BinaryReader(new Uint8Array([0x80, 0x01, 0x00]), 0, 1);
    expect(() => section.u32()).toThrow(/unexpected end of section or function \(at byte 1\)/);
    expect(() => new BinaryReader(new Uint8Array([1, 2, 3]), 0, 2).take(3)).toThrow(/unexpected end of section or function/);
  });

  it('reads four-byte little-endian words', () => {
    expect(r(0x00, 0x00, 0xc0, 0x7f).fixed32()).toBe(0x7fc00000);
    expect(r(0x01, 0x00, 0x80, 0xff).fixed32()).toBe(0xff800001 | 0);
    expect(() => r(1, 2, 3).fixed32()).toThrow(/unexpected end/);
  });

  it('reports the byte offset of a truncated read', () => {
    const rd = r(0x01, 0x80);
    rd.u8();
    expect(() => rd.u32()).toThrow(/unexpected end \(at byte 2\)/);
  });

  it('decodes UTF-8 names and rejects malformed ones', () => {
    expect(r(3, 0xe2, 0x82, 0xac).name()).toBe('€');
    expect(() => r(2, 0xc0, 0x80).name()).toThrow(/malformed UTF-8/);
    expect(() => r(5, 0x61).name()).toThrow(CompileError);
  });

  it('reads vectors and refuses impossible lengths', () => {
    expect(r(2, 1, 2).vec((x) => x.u8())).toEqual([1, 2]);
    expect(() => r(0xff, 0xff, 0x03, 1).vec((x) => x.u8())).toThrow(/longer than the remaining input/);
  });

  it('reads value types', () => {
    const rd = r(0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f);
    expect(Array.from({ length: 7 }, () => rd.valueType())).toEqual(['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref']);
    expect(() => r(0x40).valueType()).toThrow(/invalid value type 0x40/);
  });
});
