import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.js';
import { parseScript } from './script.js';
import { packLanes, parseConst, parseExpected, unpackLanes } from './values.js';
import { parseSExprs } from './sexpr.js';

describe('wast lexer', () => {
  it('skips nested block comments and line comments, and counts lines', () => {
    const t = tokenize('(; a (; nested ;) b ;)\n;; line ( "\n(x "y")');
    expect(t.map((x) => x.kind)).toEqual(['(', 'atom', 'string', ')']);
    expect(t[0]!.line).toBe(3);
  });

  it('decodes string escapes to bytes', () => {
    const [s] = tokenize('"a\\t\\n\\r\\"\\\'\\\\\\00\\ff\\u{263a}é"');
    expect(s!.kind).toBe('string');
    expect([...(s as { bytes: Uint8Array }).bytes]).toEqual([0x61, 9, 10, 13, 0x22, 0x27, 0x5c, 0, 0xff, 0xe2, 0x98, 0xba, 0xc3, 0xa9]);
  });

  it('keeps source offsets so modules can be sliced verbatim', () => {
    const src = ' (module (func)) ';
    const [m] = parseSExprs(src);
    expect(src.slice(m!.start, m!.end)).toBe('(module (func))');
  });
});

describe('wast commands', () => {
  it('parses every command kind', () => {
    const cmds = parseScript(`
      (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
      (module binary "\\00asm" "\\01\\00\\00\\00")
      (module quote "(func)" "(memory 1)")
      (register "m" $M)
      (invoke $M "f" (i32.const 1))
      (get "g")
      (assert_return (invoke "f" (i32.const -1)) (i32.const 0xffffffff))
      (assert_trap (invoke "f") "unreachable")
      (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
      (assert_exhaustion (invoke "f") "call stack exhausted")
      (assert_invalid (module (func (result i32))) "type mismatch")
      (assert_malformed (module quote "(func") "unexpected end")
      (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
      (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
    `);
    expect(cmds.map((c) => c.kind)).toEqual([
      'module', 'module', 'module', 'register', 'action', 'action', 'assert_return', 'assert_trap', 'assert_module_trap',
      'assert_exhaustion', 'assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable',
    ]);
    const [text, binary, quote] = cmds as Array<Extract<(typeof cmds)[number], { kind: 'module' }>>;
    expect(text!.module.name).toBe('$M');
    expect(text!.module.source).toEqual({ kind: 'text', text: '(module $M (func (export "f") (param i32) (result i32) (local.get 0)))' });
    expect(binary!.module.source.kind === 'binary' && [...binary!.module.source.bytes]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(quote!.module.source).toEqual({ kind: 'quote', text: '(func) (memory 1)' });
    expect(cmds[1]!.line).toBe(3);
  });

  it('treats a script of bare module fields as one module', () => {
    const cmds = parseScript('(func) (memory 0)');
    expect(cmds).toHaveLength(1);
    expect(cmds[0]!.kind).toBe('module');
  });

  it('turns a command it cannot parse into an unparsable command instead of stopping', () => {
    const cmds = parseScript('(assert_return (invoke "f" (i32.const 0x1_0000_0000)))\n(invoke "g")');
    expect(cmds.map((c) => c.kind)).toEqual(['unparsable', 'action']);
  });
});

describe('wast constants', () => {
  const one = (s: string) => parseSExprs(s)[0]!;
  it('parses v128 lanes little-endian', () => {
    const c = parseConst(one('(v128.const i16x8 1 2 3 4 5 6 7 -1)'));
    expect(c).toEqual({ type: 'v128', bits: packLanes('i16x8', [1n, 2n, 3n, 4n, 5n, 6n, 7n, 0xffffn]) });
    expect(unpackLanes('i32x4', (c as { bits: bigint }).bits)).toEqual([0x20001n, 0x40003n, 0x60005n, 0xffff0007n]);
  });

  it('keeps NaN patterns per lane and references', () => {
    expect(parseExpected(one('(v128.const f32x4 nan:canonical 1 nan:arithmetic -0)'))).toEqual({
      kind: 'v128', shape: 'f32x4', lanes: ['nan:canonical', 0x3f800000n, 'nan:arithmetic', 0x80000000n],
    });
    expect(parseExpected(one('(f64.const nan:arithmetic)'))).toEqual({ kind: 'nan', type: 'f64', pattern: 'nan:arithmetic' });
    expect(parseExpected(one('(ref.null extern)'))).toEqual({ kind: 'const', value: { type: 'externref', null: true } });
    expect(parseExpected(one('(ref.extern 3)'))).toEqual({ kind: 'const', value: { type: 'externref', null: false, id: 3 } });
    expect(parseExpected(one('(ref.func)'))).toEqual({ kind: 'ref.func' });
    expect(parseConst(one('(f32.const -nan:0x1)'))).toEqual({ type: 'f32', bits: 0xff800001 });
  });
});
