import { describe, expect, it } from 'vitest';
import { CompileError } from '@wrl/core';
import { InterpEngine } from './engine.js';
import { wat } from './test-wat.js';

const engine = new InterpEngine();
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function compileError(bytes: Uint8Array | number[]): string {
  try {
    engine.compile(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return (e as Error).message;
  }
  throw new Error('the module compiled');
}

describe('malformed modules', () => {
  it('names the problem and the byte offset', () => {
    expect(compileError([0, 0x61, 0x73])).toMatch(/^malformed module: magic header not detected \(at byte 0\)/);
    expect(compileError([...HEADER.slice(0, 4), 2, 0, 0, 0])).toMatch(/unknown binary version/);
    // type section whose count LEB runs past the section
    expect(compileError([...HEADER, 0x01, 0x01, 0x80])).toMatch(/^malformed module: unexpected end/);
    // a LEB with a fifth byte using more than 32 bits
    expect(compileError([...HEADER, 0x01, 0x06, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00])).toMatch(/integer too large \(at byte 10\)/);
    expect(compileError([...HEADER, 0x0d, 0x00])).toMatch(/malformed section id/);
  });
});

describe('invalid modules', () => {
  it('reports type mismatches, unknown indices and constant expressions', async () => {
    expect(compileError(await wat('(module (func (result i32) (i64.const 1)))'))).toMatch(/^invalid module: type mismatch/);
    expect(compileError(await wat('(module (func (local.get 3) drop))'))).toMatch(/unknown local 3/);
    expect(compileError(await wat('(module (global i32 (global.get 0)))'))).toMatch(/unknown global 0/);
    expect(compileError(await wat('(module (memory 1) (func (i32.load align=8 (i32.const 0)) drop))'))).toMatch(/alignment must not be larger than natural/);
    expect(compileError(await wat('(module (func (br 1)))'))).toMatch(/unknown label 1/);
    expect(compileError(await wat('(module (global i32 (i32.const 1)) (func (global.set 0 (i32.const 2))))'))).toMatch(/global is immutable/);
  });

  it('validates every function at compile time, even ones never called', async () => {
    const bytes = await wat('(module (func (export "ok")) (func (i32.add (i32.const 1) (f32.const 2)) drop))');
    expect(compileError(bytes)).toMatch(/type mismatch/);
  });

  it('accepts unreachable code that is only valid polymorphically', async () => {
    expect(() => engine.compile(new Uint8Array(Array.from(new Uint8Array(0))))).toThrow(CompileError);
    engine.compile(await wat('(module (func (result i32) unreachable i32.add))'));
    engine.compile(await wat('(module (func (result i32) (block (result i32) (br 0 (unreachable)))))'));
  });
});
