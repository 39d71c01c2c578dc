import { describe, expect, it } from 'vitest';
import { FuncType, GlobalType, MemoryType, TableType, externMismatch } from './types.js';

describe('type descriptors', () => {
  it('describe functions, globals, memories and tables', () => {
    const f = new FuncType(['i32', 'i64'], ['f32']);
    expect(f.params).toEqual(['i32', 'i64']);
    expect(f.results).toEqual(['f32']);
    expect(f.kind).toBe('func');
    expect(new GlobalType('i32', true)).toMatchObject({ content: 'i32', mutable: true, kind: 'global' });
    expect(new MemoryType(1, 2)).toMatchObject({ initial: 1, maximum: 2, kind: 'memory' });
    expect(new TableType('funcref', 1)).toMatchObject({ element: 'funcref', minimum: 1, maximum: undefined, kind: 'table' });
  });

  it('compare structurally', () => {
    expect(new FuncType(['i32'], []).equals(new FuncType(['i32'], []))).toBe(true);
    expect(new FuncType(['i32'], []).equals(new FuncType([], ['i32']))).toBe(false);
    expect(new FuncType(['i32'], [])).toEqual(new FuncType(['i32'], []));
  });

  it('reject invalid descriptors', () => {
    expect(() => new FuncType(['i8' as never], [])).toThrow(TypeError);
    expect(() => new MemoryType(2, 1)).toThrow(RangeError);
    expect(() => new MemoryType(70000)).toThrow(RangeError);
    expect(() => new TableType('i32', 0)).toThrow(TypeError);
    expect(() => new GlobalType('i32', 1 as never)).toThrow(TypeError);
  });

  it('match imports by the spec subtyping rules', () => {
    expect(externMismatch(new MemoryType(1, 4), new MemoryType(2, 3))).toBeUndefined();
    expect(externMismatch(new MemoryType(2), new MemoryType(1))).toMatch(/minimum/);
    expect(externMismatch(new MemoryType(1, 4), new MemoryType(1))).toMatch(/maximum/);
    expect(externMismatch(new TableType('funcref', 1), new TableType('externref', 1))).toBeDefined();
    expect(externMismatch(new FuncType([], []), new GlobalType('i32', false))).toMatch(/func/);
    expect(externMismatch(new GlobalType('i32', true), new GlobalType('i32', false))).toBeDefined();
  });
});
