/**
 * The SIMD scripts of the WebAssembly spec testsuite (core/simd_*.wast), run
 * directly against these implementations: every exported function whose body
 * is a single SIMD instruction applied to its parameters in order is mapped to
 * that instruction, and its assert_return commands are checked here. Constant
 * literals are turned into bytes by wabt and the host engine (so this file
 * needs no number parser of its own); everything else in the scripts
 * (memory-using functions, compound bodies, assert_invalid, ...) is left to
 * the interpreter's conformance run.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { SIMD_EXEC, SIMD_EXTRACT, SIMD_OPCODE_BY_NAME, SIMD_OPS, SIMD_REPLACE, SIMD_SHIFT, SIMD_SPLAT, SIMD_TEST, simdShuffle, type SimdOpInfo } from './index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const suiteCore = [join(repoRoot, 'testsuite', 'core'), join(resolve(repoRoot, process.env.WRL_TESTSUITE_DIR ?? '../shared/wasm-testsuite'), 'core')].find(
  (dir) => existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('simd_')),
);
const files = suiteCore ? readdirSync(suiteCore).filter((f) => f.startsWith('simd_') && f.endsWith('.wast')).sort() : [];

type Node = { kind: 'list'; items: Node[]; start: number; end: number } | { kind: 'atom'; text: string; start: number; end: number };

/** Parses the s-expressions of a script, skipping ;; and (; ;) comments; strings stay atoms with their quotes. */
function parse(text: string): Node[] {
  const stack: Node[][] = [[]];
  const starts: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ';' && text[i + 1] === ';') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (ch === '(' && text[i + 1] === ';') {
      let depth = 0;
      do {
        if (text.startsWith('(;', i)) { depth++; i += 2; } else if (text.startsWith(';)', i)) { depth--; i += 2; } else i++;
      } while (depth > 0 && i < text.length);
      continue;
    }
    if (ch === '(') { stack.push([]); starts.push(i); i++; continue; }
    if (ch === ')') {
      const items = stack.pop()!;
      stack[stack.length - 1]!.push({ kind: 'list', items, start: starts.pop()!, end: i + 1 });
      i++;
      continue;
    }
    if (/\s/.test(ch)) { i++; continue; }
    const start = i;
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < text.length && !/[\s()]/.test(text[i]!)) i++;
    }
    stack[stack.length - 1]!.push({ kind: 'atom', text: text.slice(start, i), start, end: i });
  }
  return stack[0]!;
}

const head = (n: Node | undefined): string | undefined => (n?.kind === 'list' && n.items[0]?.kind === 'atom' ? n.items[0].text : undefined);
const atom = (n: Node | undefined): string | undefined => (n?.kind === 'atom' ? n.text : undefined);

interface SimpleFunc { op: number; info: SimdOpInfo; imms: number[] }

/** `(func (export "x") (param ..)* (result ..)* (OP imm* (local.get 0) (local.get 1) ..))` -> OP and its immediates. */
function simpleFunc(func: Node & { kind: 'list' }): [string, SimpleFunc] | undefined {
  let k = 1;
  if (atom(func.items[k])?.startsWith('$')) k++;
  const exp = func.items[k];
  if (head(exp) !== 'export' || exp?.kind !== 'list') return undefined;
  const name = JSON.parse(atom(exp.items[1])!) as string;
  k++;
  const params: string[] = [];
  while (head(func.items[k]) === 'param') {
    const p = func.items[k] as Node & { kind: 'list' };
    const named = atom(p.items[1])?.startsWith('$');
    if (named) params.push(atom(p.items[1])!);
    else for (let j = 1; j < p.items.length; j++) params.push(String(params.length));
    k++;
  }
  while (head(func.items[k]) === 'result') k++;
  if (func.items.length !== k + 1) return undefined;
  const body = func.items[k]!;
  const op = SIMD_OPCODE_BY_NAME.get(head(body) ?? '');
  if (op === undefined || body.kind !== 'list') return undefined;
  const info = SIMD_OPS[op]!;
  if (info.kind !== 'pure' || info.form === 'const') return undefined;
  const imms: number[] = [];
  let j = 1;
  for (; j < body.items.length && body.items[j]!.kind === 'atom'; j++) imms.push(Number(atom(body.items[j])));
  const gets = body.items.slice(j);
  if (gets.length !== params.length || gets.length !== info.params.length) return undefined;
  const inOrder = gets.every((g, i) => head(g) === 'local.get' && g.kind === 'list' && g.items.length === 2 && (atom(g.items[1]) === String(i) || atom(g.items[1]) === params[i]));
  return inOrder ? [name, { op, info, imms }] : undefined;
}

/** A constant to be turned into bytes; NaN patterns in expected values are replaced by 0 and remembered per lane. */
interface Constant { type: string; text: string; at: number; shape?: string; nanLanes?: (string | undefined)[] }

const isNaNPattern = (lane: string): boolean => lane === 'nan:canonical' || lane === 'nan:arithmetic';

function constant(node: Node, source: string, at: number): Constant | undefined {
  const h = head(node);
  if (node.kind !== 'list' || !h?.endsWith('.const')) return undefined;
  const type = h.slice(0, -'.const'.length);
  if (type === 'v128') {
    const shape = atom(node.items[1])!;
    const lanes = node.items.slice(2).map((l) => atom(l)!);
    const nanLanes = lanes.map((l) => (isNaNPattern(l) ? l : undefined));
    return { type, at, shape, nanLanes, text: `(v128.const ${shape} ${lanes.map((l) => (isNaNPattern(l) ? '0' : l)).join(' ')})` };
  }
  const value = atom(node.items[1])!;
  if (isNaNPattern(value)) return { type, at, nanLanes: [value], text: `(${type}.const 0)` };
  return { type, at, text: source.slice(node.start, node.end) };
}

interface Assertion { line: number; func: SimpleFunc; name: string; args: Constant[]; expected: Constant[] }

async function constantBytes(constants: Constant[]): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const chunks: string[] = [];
  for (let i = 0; i < constants.length; i += 500) {
    const stores = constants.slice(i, i + 500).map((c) => `(${c.type}.store (i32.const ${c.at}) ${c.text})`);
    chunks.push(`(func (export "f${chunks.length}") ${stores.join(' ')})`);
  }
  const pages = Math.ceil((constants.length * 16 + 16) / 65536);
  const mod = wabt.parseWat('consts.wat', `(module (memory (export "mem") ${pages}) ${chunks.join(' ')})`, { simd: true });
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(mod.toBinary({}).buffer)));
    const e = instance.exports as Record<string, unknown>;
    chunks.forEach((_, i) => (e[`f${i}`] as () => void)());
    return new Uint8Array((e.mem as WebAssembly.Memory).buffer);
  } finally {
    mod.destroy();
  }
}

const BYTES: Record<string, number> = { i32: 4, f32: 4, i64: 8, f64: 8, v128: 16 };

function scalarArg(mem: DataView, c: Constant): number | bigint {
  switch (c.type) {
    case 'i32': return mem.getInt32(c.at, true);
    case 'f32': return mem.getUint32(c.at, true);
    case 'i64': return mem.getBigInt64(c.at, true);
    default: return mem.getBigUint64(c.at, true);
  }
}

/** Runs one instruction on the decoded arguments; the result as little-endian bytes. */
function execute(f: SimpleFunc, mem: Uint8Array, args: Constant[]): Uint8Array {
  const dv = new DataView(mem.buffer);
  const v = (i: number) => mem.subarray(args[i]!.at, args[i]!.at + 16);
  const out = new Uint8Array(16);
  const scalarOut = new DataView(out.buffer);
  switch (f.info.form) {
    case 'v128': SIMD_EXEC[f.op]!(out, v(0), args.length > 1 ? v(1) : out, args.length > 2 ? v(2) : out); return out;
    case 'splat': SIMD_SPLAT[f.op]!(out, scalarArg(dv, args[0]!)); return out;
    case 'replace': SIMD_REPLACE[f.op]!(out, v(0), f.imms[0]!, scalarArg(dv, args[1]!)); return out;
    case 'shift': SIMD_SHIFT[f.op]!(out, v(0), scalarArg(dv, args[1]!) as number); return out;
    case 'shuffle': simdShuffle(out, v(0), v(1), Uint8Array.from(f.imms)); return out;
    case 'test': scalarOut.setInt32(0, SIMD_TEST[f.op]!(v(0)), true); return out.subarray(0, 4);
    case 'extract': {
      const x = SIMD_EXTRACT[f.op]!(v(0), f.imms[0]!);
      const t = f.info.results[0]!;
      if (t === 'i32') scalarOut.setInt32(0, x as number, true);
      else if (t === 'f32') scalarOut.setUint32(0, x as number, true);
      else scalarOut.setBigUint64(0, BigInt.asUintN(64, x as bigint), true);
      return out.subarray(0, BYTES[t]);
    }
    default: throw new Error(`cannot run ${f.info.name}`);
  }
}

/** Compares a result with the expected constant: exact bits, except lanes written nan:canonical / nan:arithmetic. */
function matches(actual: Uint8Array, expected: Constant, mem: Uint8Array): boolean {
  const want = mem.subarray(expected.at, expected.at + BYTES[expected.type]!);
  const laneBytes = expected.type === 'v128' ? (expected.shape === 'f64x2' || expected.shape === 'i64x2' ? 8 : expected.shape === 'f32x4' || expected.shape === 'i32x4' ? 4 : 1) : want.length;
  for (let lane = 0, at = 0; at < want.length; lane++, at += laneBytes) {
    const got = actual.subarray(at, at + laneBytes);
    const nan = expected.nanLanes?.[lane];
    if (nan === undefined) {
      if (!got.every((b, i) => b === want[at + i])) return false;
      continue;
    }
    const bits = laneBytes === 4 ? BigInt(new DataView(got.buffer, got.byteOffset).getUint32(0, true)) : new DataView(got.buffer, got.byteOffset).getBigUint64(0, true);
    const [expMask, quiet] = laneBytes === 4 ? [0x7f800000n, 0x400000n] : [0x7ff0000000000000n, 0x8000000000000n];
    const payload = bits & (quiet * 2n - 1n);
    if ((bits & expMask) !== expMask || (payload & quiet) === 0n) return false;
    if (nan === 'nan:canonical' && payload !== quiet) return false;
  }
  return true;
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

describe.skipIf(files.length === 0)('spec testsuite simd_*.wast (single-instruction functions)', () => {
  const totals = { files: 0, run: 0, skipped: 0 };

  it.each(files)('%s', async (file) => {
    const source = readFileSync(join(suiteCore!, file), 'utf8');
    let funcs = new Map<string, SimpleFunc>();
    const constants: Constant[] = [];
    const assertions: Assertion[] = [];
    let skipped = 0;
    const add = (n: Node): Constant | undefined => {
      const c = constant(n, source, constants.length * 16);
      if (c) constants.push(c);
      return c;
    };
    for (const cmd of parse(source)) {
      if (cmd.kind !== 'list') continue;
      const h = head(cmd);
      if (h === 'module') {
        funcs = new Map(cmd.items.flatMap((f) => (head(f) === 'func' && f.kind === 'list' ? [simpleFunc(f)].filter((x) => x !== undefined) : [])));
      } else if (h === 'assert_return') {
        const inv = cmd.items[1]!;
        const name = inv.kind === 'list' && head(inv) === 'invoke' ? (JSON.parse(atom(inv.items[1])!) as string) : undefined;
        const func = name === undefined ? undefined : funcs.get(name);
        if (func === undefined || inv.kind !== 'list') { skipped++; continue; }
        const args = inv.items.slice(2).map(add);
        const expected = cmd.items.slice(2).map(add);
        if (args.includes(undefined) || expected.includes(undefined)) { skipped++; continue; }
        const line = source.slice(0, cmd.start).split('\n').length;
        assertions.push({ line, func, name: name!, args: args as Constant[], expected: expected as Constant[] });
      }
    }
    const mem = await constantBytes(constants);
    const failures: string[] = [];
    for (const a of assertions) {
      const got = execute(a.func, mem, a.args);
      if (!matches(got, a.expected[0]!, mem)) {
        failures.push(`${file}:${a.line} ${a.name}: got ${hex(got)}, want ${hex(mem.subarray(a.expected[0]!.at, a.expected[0]!.at + BYTES[a.expected[0]!.type]!))} ${a.expected[0]!.nanLanes?.join(',') ?? ''}`);
      }
    }
    totals.files++;
    totals.run += assertions.length;
    totals.skipped += skipped;
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('ran most of the assertions', (ctx) => {
    // The per-file tests run before this one; the assertions left over use memory, several instructions or other features.
    if (totals.files < files.length) ctx.skip();
    expect(totals.run).toBeGreaterThan(15000);
    console.log(`simd spec assertions: ${totals.run} run here, ${totals.skipped} left to the interpreter`);
  });
});
