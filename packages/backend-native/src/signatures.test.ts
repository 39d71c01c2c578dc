/**
 * Every kind of value through every path, over many generated signatures:
 * exported wasm functions called from the host, host functions called from
 * wasm, and globals. Values must come back bit-exact (NaN payloads, v128
 * lanes) and references identical.
 */
import { ExternRef, Func, FuncType, Global, Imports, Instance, Module, Value, type PublicValue, type Store, type ValueType } from '@wrl/core';
import { describe, expect, it } from 'vitest';
import { setup, wat } from './test-helpers.js';

const TYPES: ValueType[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'];

/** A small deterministic generator (xorshift). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function sampleValue(store: Store<null>, t: ValueType, r: () => number, funcs: Func[]): PublicValue {
  const u32 = () => Math.floor(r() * 2 ** 32);
  const u64 = () => (BigInt(u32()) << 32n) | BigInt(u32());
  switch (t) {
    case 'i32': return Value.i32(u32() | 0);
    case 'i64': return Value.i64(BigInt.asIntN(64, u64()));
    // Mostly NaNs with random payloads (including signalling ones), sometimes ordinary numbers.
    case 'f32': return r() < 0.7 ? Value.f32FromBits((0x7f800001 + Math.floor(r() * 0x7fffff)) | (r() < 0.5 ? 0x80000000 : 0)) : Value.f32(r() * 100 - 50);
    case 'f64': return r() < 0.7 ? Value.f64FromBits(0x7ff0000000000001n + (u64() & 0xfffffffffffffn) - 1n + (r() < 0.5 ? 1n << 63n : 0n)) : Value.f64(r() * 1e6);
    case 'v128': return Value.v128((u64() << 64n) | u64());
    case 'funcref': return r() < 0.2 ? Value.funcref(null) : Value.funcref(funcs[Math.floor(r() * funcs.length)]!);
    case 'externref': return r() < 0.2 ? Value.externref(null) : Value.externref(new ExternRef(store, { n: r() }));
  }
}

/** Compares exactly: bits for floats, identity for references. */
function same(a: PublicValue, b: PublicValue): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'f32') return a.f32Bits() === b.f32Bits();
  if (a.type === 'f64') return a.f64Bits() === b.f64Bits();
  return a.value === b.value;
}

describe('signatures', () => {
  it('passes every value type exactly through wasm functions, host functions and globals', async () => {
    const { store } = setup();
    const r = rng(12345);
    const funcs = [Func.wrap(store, new FuncType([], []), () => {}), new Func(store, new FuncType(['i32'], ['i32']), (_c, a, res) => void (res[0] = a[0]!))];
    for (let round = 0; round < 40; round++) {
      const params = Array.from({ length: Math.floor(r() * 5) }, () => TYPES[Math.floor(r() * TYPES.length)]!);
      const results = Array.from({ length: Math.floor(r() * 4) }, () => TYPES[Math.floor(r() * TYPES.length)]!);
      const ty = new FuncType(params, results);
      // The host records its arguments and returns values sampled up front.
      const expectedFromHost: PublicValue[] = results.map((t) => sampleValue(store, t, r, funcs));
      const seenByHost: PublicValue[][] = [];
      const host = new Func(store, ty, (_c, args, res) => {
        seenByHost.push([...args]);
        for (let i = 0; i < res.length; i++) res[i] = expectedFromHost[i]!;
      });
      const sig = `(param ${params.join(' ')}) (result ${results.join(' ')})`;
      const inst = new Instance(
        store,
        new Module(store.engine, await wat(`(module (import "env" "h" (func $h ${sig}))
          (func (export "via_host") ${sig} ${params.map((_, i) => `(local.get ${i})`).join(' ')} (call $h)))`)),
        new Imports().define('env', 'h', host),
      );
      const args = params.map((t) => sampleValue(store, t, r, funcs));
      const out: PublicValue[] = results.map((t) => Value.default(t) as PublicValue);
      inst.getExport(store, 'via_host')!.intoFunc()!.call(store, args, out);
      const where = `round ${round}: ${ty}`;
      expect(seenByHost.length, where).toBe(1);
      seenByHost[0]!.forEach((v, i) => expect(same(v, args[i]!), `${where} arg ${i}`).toBe(true));
      out.forEach((v, i) => expect(same(v, expectedFromHost[i]!), `${where} result ${i}`).toBe(true));

      // Globals of each type, created by the host and read back by wasm and the host.
      for (const t of params) {
        const v = sampleValue(store, t, r, funcs);
        const g = new Global(store, v, true);
        expect(same(g.get(store), v), `${where} global ${t}`).toBe(true);
        const w = sampleValue(store, t, r, funcs);
        g.set(store, w);
        expect(same(g.get(store), w), `${where} global ${t} after set`).toBe(true);
      }
    }
  });
});
