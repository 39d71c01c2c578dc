/**
 * An optional second tier: turns a function's register IR into the source of
 * one JS function (via `new Function`), so straight-line code runs without a
 * dispatch per instruction. Control flow is a `switch (pc)` over the IR
 * positions that are jump targets, so a generated function can be entered at
 * any of them.
 *
 * Calls, returns and instructions the generator does not cover are left to
 * the interpreter: the generated function returns the IR position of such an
 * instruction, the interpreter executes it, and re-enters generated code when
 * a callee returns. Frames, traps, fuel and limits therefore behave exactly as
 * in the interpreter.
 */
import { irLength, jumpTargets } from '../ir/length.js';
import { Op } from '../ir/ops.js';

const I = (o: number) => `i32[fp + ${o}]`;
const F32 = (o: number) => `f32[fp + ${o}]`;
const F64 = (o: number) => `f64[(fp + ${o}) >> 1]`;
const I64 = (o: number) => `i64[(fp + ${o}) >> 1]`;
const U64 = (o: number) => `u64[(fp + ${o}) >> 1]`;
const U = (o: number) => `(${I(o)} >>> 0)`;

type Gen = (d: number, a: number, b: number) => string;

/** JS statements for each plain numeric instruction, by IR opcode. */
const NUMERIC: Record<number, Gen> = {
  0x45: (d, a) => `${I(d)} = ${I(a)} === 0 ? 1 : 0;`,
  0x46: (d, a, b) => `${I(d)} = ${I(a)} === ${I(b)} ? 1 : 0;`,
  0x47: (d, a, b) => `${I(d)} = ${I(a)} !== ${I(b)} ? 1 : 0;`,
  0x48: (d, a, b) => `${I(d)} = ${I(a)} < ${I(b)} ? 1 : 0;`,
  0x49: (d, a, b) => `${I(d)} = ${U(a)} < ${U(b)} ? 1 : 0;`,
  0x4a: (d, a, b) => `${I(d)} = ${I(a)} > ${I(b)} ? 1 : 0;`,
  0x4b: (d, a, b) => `${I(d)} = ${U(a)} > ${U(b)} ? 1 : 0;`,
  0x4c: (d, a, b) => `${I(d)} = ${I(a)} <= ${I(b)} ? 1 : 0;`,
  0x4d: (d, a, b) => `${I(d)} = ${U(a)} <= ${U(b)} ? 1 : 0;`,
  0x4e: (d, a, b) => `${I(d)} = ${I(a)} >= ${I(b)} ? 1 : 0;`,
  0x4f: (d, a, b) => `${I(d)} = ${U(a)} >= ${U(b)} ? 1 : 0;`,
  0x50: (d, a) => `${I(d)} = (${I(a)} | ${I(a + 1)}) === 0 ? 1 : 0;`,
  0x51: (d, a, b) => `${I(d)} = ${I(a)} === ${I(b)} && ${I(a + 1)} === ${I(b + 1)} ? 1 : 0;`,
  0x52: (d, a, b) => `${I(d)} = ${I(a)} !== ${I(b)} || ${I(a + 1)} !== ${I(b + 1)} ? 1 : 0;`,
  0x53: (d, a, b) => `${I(d)} = H.cmpS64(i32, fp + ${a}, fp + ${b}) < 0 ? 1 : 0;`,
  0x54: (d, a, b) => `${I(d)} = H.cmpU64(i32, fp + ${a}, fp + ${b}) < 0 ? 1 : 0;`,
  0x55: (d, a, b) => `${I(d)} = H.cmpS64(i32, fp + ${a}, fp + ${b}) > 0 ? 1 : 0;`,
  0x56: (d, a, b) => `${I(d)} = H.cmpU64(i32, fp + ${a}, fp + ${b}) > 0 ? 1 : 0;`,
  0x57: (d, a, b) => `${I(d)} = H.cmpS64(i32, fp + ${a}, fp + ${b}) <= 0 ? 1 : 0;`,
  0x58: (d, a, b) => `${I(d)} = H.cmpU64(i32, fp + ${a}, fp + ${b}) <= 0 ? 1 : 0;`,
  0x59: (d, a, b) => `${I(d)} = H.cmpS64(i32, fp + ${a}, fp + ${b}) >= 0 ? 1 : 0;`,
  0x5a: (d, a, b) => `${I(d)} = H.cmpU64(i32, fp + ${a}, fp + ${b}) >= 0 ? 1 : 0;`,
  0x5b: (d, a, b) => `${I(d)} = ${F32(a)} === ${F32(b)} ? 1 : 0;`,
  0x5c: (d, a, b) => `${I(d)} = ${F32(a)} !== ${F32(b)} ? 1 : 0;`,
  0x5d: (d, a, b) => `${I(d)} = ${F32(a)} < ${F32(b)} ? 1 : 0;`,
  0x5e: (d, a, b) => `${I(d)} = ${F32(a)} > ${F32(b)} ? 1 : 0;`,
  0x5f: (d, a, b) => `${I(d)} = ${F32(a)} <= ${F32(b)} ? 1 : 0;`,
  0x60: (d, a, b) => `${I(d)} = ${F32(a)} >= ${F32(b)} ? 1 : 0;`,
  0x61: (d, a, b) => `${I(d)} = ${F64(a)} === ${F64(b)} ? 1 : 0;`,
  0x62: (d, a, b) => `${I(d)} = ${F64(a)} !== ${F64(b)} ? 1 : 0;`,
  0x63: (d, a, b) => `${I(d)} = ${F64(a)} < ${F64(b)} ? 1 : 0;`,
  0x64: (d, a, b) => `${I(d)} = ${F64(a)} > ${F64(b)} ? 1 : 0;`,
  0x65: (d, a, b) => `${I(d)} = ${F64(a)} <= ${F64(b)} ? 1 : 0;`,
  0x66: (d, a, b) => `${I(d)} = ${F64(a)} >= ${F64(b)} ? 1 : 0;`,
  0x67: (d, a) => `${I(d)} = Math.clz32(${I(a)});`,
  0x68: (d, a) => `${I(d)} = H.ctz32(${I(a)});`,
  0x69: (d, a) => `${I(d)} = H.popcnt32(${I(a)});`,
  0x6a: (d, a, b) => `${I(d)} = (${I(a)} + ${I(b)}) | 0;`,
  0x6b: (d, a, b) => `${I(d)} = (${I(a)} - ${I(b)}) | 0;`,
  0x6c: (d, a, b) => `${I(d)} = Math.imul(${I(a)}, ${I(b)});`,
  0x6d: (d, a, b) => `{ const x = ${I(a)}, y = ${I(b)}; if (y === 0) H.trap('IntegerDivisionByZero'); if (x === -0x80000000 && y === -1) H.trap('IntegerOverflow'); ${I(d)} = (x / y) | 0; }`,
  0x6e: (d, a, b) => `{ const x = ${U(a)}, y = ${U(b)}; if (y === 0) H.trap('IntegerDivisionByZero'); ${I(d)} = (x / y) >>> 0; }`,
  0x6f: (d, a, b) => `{ const x = ${I(a)}, y = ${I(b)}; if (y === 0) H.trap('IntegerDivisionByZero'); ${I(d)} = y === -1 ? 0 : x % y; }`,
  0x70: (d, a, b) => `{ const x = ${U(a)}, y = ${U(b)}; if (y === 0) H.trap('IntegerDivisionByZero'); ${I(d)} = x % y; }`,
  0x71: (d, a, b) => `${I(d)} = ${I(a)} & ${I(b)};`,
  0x72: (d, a, b) => `${I(d)} = ${I(a)} | ${I(b)};`,
  0x73: (d, a, b) => `${I(d)} = ${I(a)} ^ ${I(b)};`,
  0x74: (d, a, b) => `${I(d)} = ${I(a)} << ${I(b)};`,
  0x75: (d, a, b) => `${I(d)} = ${I(a)} >> ${I(b)};`,
  0x76: (d, a, b) => `${I(d)} = ${I(a)} >>> ${I(b)};`,
  0x77: (d, a, b) => `{ const x = ${I(a)}, k = ${I(b)} & 31; ${I(d)} = (x << k) | (x >>> ((32 - k) & 31)); }`,
  0x78: (d, a, b) => `{ const x = ${I(a)}, k = ${I(b)} & 31; ${I(d)} = (x >>> k) | (x << ((32 - k) & 31)); }`,
  0x79: (d, a) => `{ const h = ${I(a + 1)}; ${I(d)} = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(${I(a)}); ${I(d + 1)} = 0; }`,
  0x7a: (d, a) => `{ const l = ${I(a)}; ${I(d)} = l !== 0 ? H.ctz32(l) : 32 + H.ctz32(${I(a + 1)}); ${I(d + 1)} = 0; }`,
  0x7b: (d, a) => `{ const n = H.popcnt32(${I(a)}) + H.popcnt32(${I(a + 1)}); ${I(d)} = n; ${I(d + 1)} = 0; }`,
  0x7c: (d, a, b) => `{ const al = ${I(a)}, lo = (al + ${I(b)}) | 0, hi = (${I(a + 1)} + ${I(b + 1)} + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; ${I(d)} = lo; ${I(d + 1)} = hi; }`,
  0x7d: (d, a, b) => `{ const al = ${I(a)}, bl = ${I(b)}, lo = (al - bl) | 0, hi = (${I(a + 1)} - ${I(b + 1)} - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0; ${I(d)} = lo; ${I(d + 1)} = hi; }`,
  0x7e: (d, a, b) => `${I64(d)} = ${I64(a)} * ${I64(b)};`,
  0x7f: (d, a, b) => `{ const x = ${I64(a)}, y = ${I64(b)}; if (y === 0n) H.trap('IntegerDivisionByZero'); if (y === -1n && x === -0x8000000000000000n) H.trap('IntegerOverflow'); ${I64(d)} = x / y; }`,
  0x80: (d, a, b) => `{ const x = ${U64(a)}, y = ${U64(b)}; if (y === 0n) H.trap('IntegerDivisionByZero'); ${U64(d)} = x / y; }`,
  0x81: (d, a, b) => `{ const x = ${I64(a)}, y = ${I64(b)}; if (y === 0n) H.trap('IntegerDivisionByZero'); ${I64(d)} = y === -1n ? 0n : x % y; }`,
  0x82: (d, a, b) => `{ const x = ${U64(a)}, y = ${U64(b)}; if (y === 0n) H.trap('IntegerDivisionByZero'); ${U64(d)} = x % y; }`,
  0x83: (d, a, b) => `{ const l = ${I(a)} & ${I(b)}, h = ${I(a + 1)} & ${I(b + 1)}; ${I(d)} = l; ${I(d + 1)} = h; }`,
  0x84: (d, a, b) => `{ const l = ${I(a)} | ${I(b)}, h = ${I(a + 1)} | ${I(b + 1)}; ${I(d)} = l; ${I(d + 1)} = h; }`,
  0x85: (d, a, b) => `{ const l = ${I(a)} ^ ${I(b)}, h = ${I(a + 1)} ^ ${I(b + 1)}; ${I(d)} = l; ${I(d + 1)} = h; }`,
  0x86: (d, a, b) => `H.shl64(i32, fp + ${d}, fp + ${a}, ${I(b)} & 63);`,
  0x87: (d, a, b) => `H.shrS64(i32, fp + ${d}, fp + ${a}, ${I(b)} & 63);`,
  0x88: (d, a, b) => `H.shrU64(i32, fp + ${d}, fp + ${a}, ${I(b)} & 63);`,
  0x89: (d, a, b) => `{ const x = ${U64(a)}, k = BigInt(${I(b)} & 63); ${U64(d)} = (x << k) | (x >> (64n - k)); }`,
  0x8a: (d, a, b) => `{ const x = ${U64(a)}, k = (64n - BigInt(${I(b)} & 63)) & 63n; ${U64(d)} = (x << k) | (x >> (64n - k)); }`,
  0x8b: (d, a) => `${I(d)} = ${I(a)} & 0x7fffffff;`,
  0x8c: (d, a) => `${I(d)} = ${I(a)} ^ -0x80000000;`,
  0x8d: (d, a) => `${F32(d)} = Math.ceil(${F32(a)});`,
  0x8e: (d, a) => `${F32(d)} = Math.floor(${F32(a)});`,
  0x8f: (d, a) => `${F32(d)} = Math.trunc(${F32(a)});`,
  0x90: (d, a) => `${F32(d)} = H.nearest(${F32(a)});`,
  0x91: (d, a) => `${F32(d)} = Math.sqrt(${F32(a)});`,
  0x92: (d, a, b) => `${F32(d)} = ${F32(a)} + ${F32(b)};`,
  0x93: (d, a, b) => `${F32(d)} = ${F32(a)} - ${F32(b)};`,
  0x94: (d, a, b) => `${F32(d)} = ${F32(a)} * ${F32(b)};`,
  0x95: (d, a, b) => `${F32(d)} = ${F32(a)} / ${F32(b)};`,
  0x96: (d, a, b) => `${F32(d)} = Math.min(${F32(a)}, ${F32(b)});`,
  0x97: (d, a, b) => `${F32(d)} = Math.max(${F32(a)}, ${F32(b)});`,
  0x98: (d, a, b) => `${I(d)} = (${I(a)} & 0x7fffffff) | (${I(b)} & -0x80000000);`,
  0x99: (d, a) => `{ const h = ${I(a + 1)} & 0x7fffffff; ${I(d)} = ${I(a)}; ${I(d + 1)} = h; }`,
  0x9a: (d, a) => `{ const h = ${I(a + 1)} ^ -0x80000000; ${I(d)} = ${I(a)}; ${I(d + 1)} = h; }`,
  0x9b: (d, a) => `H.round64(i32, f64, fp + ${d}, fp + ${a}, Math.ceil);`,
  0x9c: (d, a) => `H.round64(i32, f64, fp + ${d}, fp + ${a}, Math.floor);`,
  0x9d: (d, a) => `H.round64(i32, f64, fp + ${d}, fp + ${a}, Math.trunc);`,
  0x9e: (d, a) => `H.round64(i32, f64, fp + ${d}, fp + ${a}, H.nearest);`,
  0x9f: (d, a) => `${F64(d)} = Math.sqrt(${F64(a)});`,
  0xa0: (d, a, b) => `${F64(d)} = ${F64(a)} + ${F64(b)};`,
  0xa1: (d, a, b) => `${F64(d)} = ${F64(a)} - ${F64(b)};`,
  0xa2: (d, a, b) => `${F64(d)} = ${F64(a)} * ${F64(b)};`,
  0xa3: (d, a, b) => `${F64(d)} = ${F64(a)} / ${F64(b)};`,
  0xa4: (d, a, b) => `${F64(d)} = Math.min(${F64(a)}, ${F64(b)});`,
  0xa5: (d, a, b) => `${F64(d)} = Math.max(${F64(a)}, ${F64(b)});`,
  0xa6: (d, a, b) => `{ const h = (${I(a + 1)} & 0x7fffffff) | (${I(b + 1)} & -0x80000000); ${I(d)} = ${I(a)}; ${I(d + 1)} = h; }`,
  0xa7: (d, a) => `${I(d)} = ${I(a)};`,
  0xa8: (d, a) => `${I(d)} = H.truncI32S(${F32(a)});`,
  0xa9: (d, a) => `${I(d)} = H.truncI32U(${F32(a)});`,
  0xaa: (d, a) => `${I(d)} = H.truncI32S(${F64(a)});`,
  0xab: (d, a) => `${I(d)} = H.truncI32U(${F64(a)});`,
  0xac: (d, a) => `{ const v = ${I(a)}; ${I(d)} = v; ${I(d + 1)} = v >> 31; }`,
  0xad: (d, a) => `{ const v = ${I(a)}; ${I(d)} = v; ${I(d + 1)} = 0; }`,
  0xae: (d, a) => `${I64(d)} = H.truncI64S(${F32(a)});`,
  0xaf: (d, a) => `${I64(d)} = H.truncI64U(${F32(a)});`,
  0xb0: (d, a) => `${I64(d)} = H.truncI64S(${F64(a)});`,
  0xb1: (d, a) => `${I64(d)} = H.truncI64U(${F64(a)});`,
  0xb2: (d, a) => `${F32(d)} = ${I(a)};`,
  0xb3: (d, a) => `${F32(d)} = ${U(a)};`,
  0xb4: (d, a) => `${F32(d)} = H.i64ToF32(${I64(a)});`,
  0xb5: (d, a) => `${F32(d)} = H.u64ToF32(${U64(a)});`,
  0xb6: (d, a) => `${F32(d)} = ${F64(a)};`,
  0xb7: (d, a) => `${F64(d)} = ${I(a)};`,
  0xb8: (d, a) => `${F64(d)} = ${U(a)};`,
  0xb9: (d, a) => `${F64(d)} = ${I(a + 1)} * 4294967296 + ${U(a)};`,
  0xba: (d, a) => `${F64(d)} = (${I(a + 1)} >>> 0) * 4294967296 + ${U(a)};`,
  0xbb: (d, a) => `${F64(d)} = ${F32(a)};`,
  0xbc: (d, a) => `${I(d)} = ${I(a)};`,
  0xbd: (d, a) => `{ const l = ${I(a)}, h = ${I(a + 1)}; ${I(d)} = l; ${I(d + 1)} = h; }`,
  0xbe: (d, a) => `${I(d)} = ${I(a)};`,
  0xbf: (d, a) => `{ const l = ${I(a)}, h = ${I(a + 1)}; ${I(d)} = l; ${I(d + 1)} = h; }`,
  0xc0: (d, a) => `${I(d)} = (${I(a)} << 24) >> 24;`,
  0xc1: (d, a) => `${I(d)} = (${I(a)} << 16) >> 16;`,
  0xc2: (d, a) => `{ const v = (${I(a)} << 24) >> 24; ${I(d)} = v; ${I(d + 1)} = v >> 31; }`,
  0xc3: (d, a) => `{ const v = (${I(a)} << 16) >> 16; ${I(d)} = v; ${I(d + 1)} = v >> 31; }`,
  0xc4: (d, a) => `{ const v = ${I(a)}; ${I(d)} = v; ${I(d + 1)} = v >> 31; }`,
  0x100: (d, a) => `${I(d)} = H.satI32S(${F32(a)});`,
  0x101: (d, a) => `${I(d)} = H.satI32U(${F32(a)});`,
  0x102: (d, a) => `${I(d)} = H.satI32S(${F64(a)});`,
  0x103: (d, a) => `${I(d)} = H.satI32U(${F64(a)});`,
  0x104: (d, a) => `${I64(d)} = H.satI64S(${F32(a)});`,
  0x105: (d, a) => `${I64(d)} = H.satI64U(${F32(a)});`,
  0x106: (d, a) => `${I64(d)} = H.satI64S(${F64(a)});`,
  0x107: (d, a) => `${I64(d)} = H.satI64U(${F64(a)});`,
};

/** i32 comparison operators by index (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u), as JS on (a, b). */
const CMP = ['a === b', 'a !== b', 'a < b', '(a >>> 0) < (b >>> 0)', 'a > b', '(a >>> 0) > (b >>> 0)', 'a <= b', '(a >>> 0) <= (b >>> 0)', 'a >= b', '(a >>> 0) >= (b >>> 0)'];
/** The comparison of each register compare-and-branch opcode 0x152..0x15b, as an index into CMP. */
const BR_CMP: Record<number, number> = { 0x152: 2, 0x153: 3, 0x154: 8, 0x155: 9, 0x156: 1, 0x157: 0, 0x158: 4, 0x159: 6, 0x15a: 5, 0x15b: 7 };

function load(op: number, d: number, addr: number, offset: number): string {
  const ea = `const ea = ${U(addr)} + ${offset >>> 0};`;
  const check = (n: number) => `if (ea + ${n} > memLen) H.trap('MemoryOutOfBounds');`;
  switch (op) {
    case 0x28: case 0x2a: return `{ ${ea} ${check(4)} ${I(d)} = dv.getInt32(ea, true); }`;
    case 0x29: case 0x2b: return `{ ${ea} ${check(8)} ${I(d)} = dv.getInt32(ea, true); ${I(d + 1)} = dv.getInt32(ea + 4, true); }`;
    case 0x2c: return `{ ${ea} ${check(1)} ${I(d)} = dv.getInt8(ea); }`;
    case 0x2d: return `{ ${ea} ${check(1)} ${I(d)} = u8m[ea]; }`;
    case 0x2e: return `{ ${ea} ${check(2)} ${I(d)} = dv.getInt16(ea, true); }`;
    case 0x2f: return `{ ${ea} ${check(2)} ${I(d)} = dv.getUint16(ea, true); }`;
    case 0x30: return `{ ${ea} ${check(1)} const v = dv.getInt8(ea); ${I(d)} = v; ${I(d + 1)} = v >> 31; }`;
    case 0x31: return `{ ${ea} ${check(1)} ${I(d)} = u8m[ea]; ${I(d + 1)} = 0; }`;
    case 0x32: return `{ ${ea} ${check(2)} const v = dv.getInt16(ea, true); ${I(d)} = v; ${I(d + 1)} = v >> 31; }`;
    case 0x33: return `{ ${ea} ${check(2)} ${I(d)} = dv.getUint16(ea, true); ${I(d + 1)} = 0; }`;
    case 0x34: return `{ ${ea} ${check(4)} const v = dv.getInt32(ea, true); ${I(d)} = v; ${I(d + 1)} = v >> 31; }`;
    default: return `{ ${ea} ${check(4)} ${I(d)} = dv.getInt32(ea, true); ${I(d + 1)} = 0; }`;
  }
}

function store(op: number, addr: number, v: number, offset: number): string {
  const ea = `const ea = ${U(addr)} + ${offset >>> 0};`;
  const check = (n: number) => `if (ea + ${n} > memLen) H.trap('MemoryOutOfBounds');`;
  switch (op) {
    case 0x36: case 0x38: case 0x3e: return `{ ${ea} ${check(4)} dv.setInt32(ea, ${I(v)}, true); }`;
    case 0x37: case 0x39: return `{ ${ea} ${check(8)} dv.setInt32(ea, ${I(v)}, true); dv.setInt32(ea + 4, ${I(v + 1)}, true); }`;
    case 0x3a: case 0x3c: return `{ ${ea} ${check(1)} u8m[ea] = ${I(v)}; }`;
    default: return `{ ${ea} ${check(2)} dv.setInt16(ea, ${I(v)}, true); }`;
  }
}

/** Placeholder for the statements writing locals cached in JS variables back to the frame. */
const SPILL = '/*spill*/';

/**
 * Direct calls nest on the JS stack; beyond this many, calls go through the
 * interpreter's frame stack, so deep recursion reaches the engine's
 * maxCallDepth (StackOverflow) rather than the JS stack limit.
 */
const MAX_JS_DEPTH = 200;

/** Placeholder for reloading memory views after a direct call, when the function uses memory. */
const RELOAD_MEM_MARK = '/*reload-mem*/';

const RELOAD_MEM = 'mem = inst.memories[0]; u8m = mem === undefined ? H.EMPTY_U8 : mem.u8; dv = mem === undefined ? H.EMPTY_DV : mem.dv; memLen = u8m.length;';

/**
 * JS source of the generated function for `code`, or undefined when the
 * function is better left to the interpreter (nothing but exits).
 * `cachedLocals` are frame offsets of i32 locals kept in JS variables while
 * generated code runs: loaded on entry, written back before leaving to the
 * interpreter (a trap abandons the frame, so it needs no write-back).
 */
export function generateSource(code: Int32Array, cachedLocals: readonly number[] = []): { readonly preamble: string; readonly body: string } | undefined {
  // Entry points: the start, jump targets, and the instructions after calls (where returns resume).
  const labels = jumpTargets(code);
  labels.add(0);
  let covered = 0;
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
    const op = code[pc]!;
    if (op === Op.Call || op === Op.CallIndirect) labels.add(pc + irLength(code, pc));
    if (!instruction(code, pc, []).endsWith(`return ${pc};`)) covered++;
  }
  if (covered === 0) return undefined;
  const out: string[] = [];
  const tables: string[] = [];
  for (let pc = 0; pc < code.length; ) {
    const len = irLength(code, pc);
    if (labels.has(pc)) out.push(`case ${pc}:`);
    out.push(instruction(code, pc, tables));
    pc += len;
  }
  let text = out.join('\n');
  for (const o of cachedLocals) text = text.split(`i32[fp + ${o}]`).join(`L${o}`);
  // write-backs spell the index differently so the substitution above leaves them alone
  const used = cachedLocals.filter((o) => text.includes(`L${o}`));
  text = text.split(SPILL).join(used.map((o) => `i32[${o} + fp] = L${o};`).join(' '));
  // load only what the body uses: the prologue runs on every entry, including each return from a call
  const usesMemory = /\b(mem|u8m|dv|memLen)\b/.test(text);
  text = text.split(RELOAD_MEM_MARK).join(usesMemory ? RELOAD_MEM : '');
  const body = [
    text.includes('globals[') ? 'const globals = inst.globals;' : '',
    text.includes('funcs[') ? 'const funcs = inst.funcs;' : '',
    ...cachedLocals.filter((o) => text.includes(`L${o}`)).map((o) => `let L${o} = i32[fp + ${o}];`),
    usesMemory ? `let mem, u8m, dv, memLen; ${RELOAD_MEM}` : '',
    'for (;;) {',
    'switch (pc) {',
    text,
    `default: throw new Error('interp jit: no entry at ' + pc);`,
    '}',
    '}',
  ].join('\n');
  return { preamble: tables.join('\n'), body };
}

/**
 * A call: a wasm callee with generated code is called directly (no interpreter
 * dispatch, its own instance passed along); host functions, callees not yet
 * compiled, a full stack or too deep JS nesting go through the interpreter,
 * which performs the call again from the same operands.
 */
function directCall(resolve: string, argBase: number, pc: number, next: number): string {
  return `{ ${resolve}
const nd = g.def;
if (nd !== null && nd.jit !== undefined && st.jsDepth < ${MAX_JS_DEPTH} && st.depth < st.limits.maxCallDepth && fp + ${argBase} + nd.frameWords <= st.stack.words) {
  const cfp = fp + ${argBase};
  for (let w = cfp + nd.paramWords, e = cfp + nd.localsWords; w < e; w++) i32[w] = 0;
  if (nd.refLocals.length !== 0) H.nullRefs(refs, cfp, nd.refLocals);
  st.depth++; st.jsDepth++;
  H.finishCall(st, g, cfp, nd.jit(st, i32, f32, f64, i64, u64, refs, cfp, 0, g.inst));
  st.depth--; st.jsDepth--;
  const s = st.stack; i32 = s.i32; f32 = s.f32; f64 = s.f64; i64 = s.i64; u64 = s.u64; refs = s.refs;
  ${RELOAD_MEM_MARK}
} else { ${SPILL} return ${pc}; }
pc = ${next}; continue; }`;
}

/** JS for one instruction; instructions left to the interpreter become `return pc`. */
function instruction(code: Int32Array, pc: number, tables: string[]): string {
  const op = code[pc]!;
  const k = (i: number) => code[pc + i]!;
  const gen = NUMERIC[op];
  if (gen !== undefined) return gen(k(1), k(2), k(3));
  if (op >= 0x28 && op <= 0x35) return load(op, k(1), k(2), k(3));
  if (op >= 0x36 && op <= 0x3e) return store(op, k(1), k(2), k(3));
  if (op >= 0x160 && op <= 0x169) return `{ const a = ${I(k(2))}, b = ${k(3)}; ${I(k(1))} = ${CMP[op - 0x160]} ? 1 : 0; }`;
  if (op >= 0x152 && op <= 0x15b) return `{ const a = ${I(k(1))}, b = ${I(k(2))}; if (${CMP[BR_CMP[op]!]}) { pc = ${k(3)}; continue; } }`;
  // the fused add-then-branch: the add here, the branch after it is its own instruction
  if (op >= 0x180 && op <= 0x193) return `${I(k(1))} = (${I(k(2))} + ${k(3)}) | 0;`;
  if (op >= 0x170 && op <= 0x179) return `{ const a = ${I(k(1))}, b = ${k(2)}; if (${CMP[BR_CMP[op - 0x1e]!]}) { pc = ${k(3)}; continue; } }`;
  switch (op) {
    case Op.Unreachable: return `H.trap('UnreachableCodeReached');`;
    case Op.Nop: return '';
    case Op.Copy: case Op.CopyThenCopy: return `${I(k(1))} = ${I(k(2))}; ${I(k(1) + 1)} = ${I(k(2) + 1)};`;
    case Op.CopyRef: return `refs[fp + ${k(1)}] = refs[fp + ${k(2)}];`;
    case Op.CopyV128: return `{ const d = fp + ${k(1)}, s = fp + ${k(2)}; i32[d] = i32[s]; i32[d + 1] = i32[s + 1]; i32[d + 2] = i32[s + 2]; i32[d + 3] = i32[s + 3]; }`;
    case Op.Const32: return `${I(k(1))} = ${k(2)};`;
    case Op.Const64: return `${I(k(1))} = ${k(2)}; ${I(k(1) + 1)} = ${k(3)};`;
    case Op.ConstV128: return `${I(k(1))} = ${k(2)}; ${I(k(1) + 1)} = ${k(3)}; ${I(k(1) + 2)} = ${k(4)}; ${I(k(1) + 3)} = ${k(5)};`;
    case Op.RefNull: return `refs[fp + ${k(1)}] = null;`;
    case Op.RefFunc: return `refs[fp + ${k(1)}] = funcs[${k(2)}];`;
    case Op.RefIsNull: return `${I(k(1))} = refs[fp + ${k(2)}] === null ? 1 : 0;`;
    case Op.I32AddImm: case Op.I32AddImmThenCall: return `${I(k(1))} = (${I(k(2))} + ${k(3)}) | 0;`;
    case Op.Br: case Op.BrLoop: return `pc = ${k(1)}; continue;`;
    case Op.BrIf: return `if (${I(k(1))} !== 0) { pc = ${k(2)}; continue; }`;
    case Op.BrUnless: return `if (${I(k(1))} === 0) { pc = ${k(2)}; continue; }`;
    case Op.BrI64Zero: return `if ((${I(k(1))} | ${I(k(1) + 1)}) === 0) { pc = ${k(2)}; continue; }`;
    case Op.BrI64NonZero: return `if ((${I(k(1))} | ${I(k(1) + 1)}) !== 0) { pc = ${k(2)}; continue; }`;
    case Op.I64AddImm: return `{ const al = ${I(k(2))}, lo = (al + ${k(3)}) | 0, hi = (${I(k(2) + 1)} + ${k(4)} + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; ${I(k(1))} = lo; ${I(k(1) + 1)} = hi; }`;
    case Op.BrTable: {
      const n = k(2);
      const targets: number[] = [];
      for (let i = 0; i <= n; i++) targets.push(k(3 + i));
      tables.push(`const T${pc} = Int32Array.of(${targets.slice(0, n).join(', ')});`);
      return `{ const i = ${U(k(1))}; pc = i < ${n} ? T${pc}[i] : ${targets[n]}; continue; }`;
    }
    case Op.Select: return `if (${I(k(4))} !== 0) { ${I(k(1))} = ${I(k(2))}; ${I(k(1) + 1)} = ${I(k(2) + 1)}; } else { ${I(k(1))} = ${I(k(3))}; ${I(k(1) + 1)} = ${I(k(3) + 1)}; }`;
    case Op.SelectRef: return `refs[fp + ${k(1)}] = refs[fp + (${I(k(4))} !== 0 ? ${k(2)} : ${k(3)})];`;
    case Op.SelectV128: return `{ const s = fp + (${I(k(4))} !== 0 ? ${k(2)} : ${k(3)}); const d = fp + ${k(1)}; i32[d] = i32[s]; i32[d + 1] = i32[s + 1]; i32[d + 2] = i32[s + 2]; i32[d + 3] = i32[s + 3]; }`;
    case Op.GlobalGet: return `{ const w = globals[${k(2)}].w; ${I(k(1))} = w[0]; ${I(k(1) + 1)} = w[1]; }`;
    case Op.GlobalGetRef: return `refs[fp + ${k(1)}] = globals[${k(2)}].ref;`;
    case Op.GlobalGetV128: return `{ const w = globals[${k(2)}].w; const d = fp + ${k(1)}; i32[d] = w[0]; i32[d + 1] = w[1]; i32[d + 2] = w[2]; i32[d + 3] = w[3]; }`;
    case Op.GlobalSet: return `{ const w = globals[${k(1)}].w; w[0] = ${I(k(2))}; w[1] = ${I(k(2) + 1)}; }`;
    case Op.GlobalSetRef: return `globals[${k(1)}].ref = refs[fp + ${k(2)}];`;
    case Op.GlobalSetV128: return `{ const w = globals[${k(1)}].w; const s = fp + ${k(2)}; w[0] = i32[s]; w[1] = i32[s + 1]; w[2] = i32[s + 2]; w[3] = i32[s + 3]; }`;
    case Op.MemorySize: return `${I(k(1))} = mem.pages;`;
    case Op.MemoryGrow: return `{ const r = mem.tryGrow(${U(k(2))}); ${RELOAD_MEM} ${I(k(1))} = r; }`;
    case Op.Call:
      return directCall(`const g = funcs[${k(1)}];`, k(2), pc, pc + 3);
    case Op.CallIndirect:
      return directCall(
        `const t = inst.tables[${k(2)}].elems, x = ${U(k(3))};
if (x >= t.length) H.trap('TableOutOfBounds');
const g = t[x];
if (g === null) H.trap('IndirectCallToNull');
if (g.sig !== ${k(1)}) H.trap('BadSignature');`,
        k(4), pc, pc + 5);
    case Op.Fuel: return `st.fuelLeft -= ${k(1)}; if (st.fuelLeft < 0) { st.fuelLeft += ${k(1)}; H.trap('OutOfFuel'); }`;
    default:
      // calls, returns and everything else run in the interpreter
      return `${SPILL} return ${pc};`;
  }
}
