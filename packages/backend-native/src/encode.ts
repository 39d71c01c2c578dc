/**
 * A minimal WebAssembly binary writer, enough for the small adapter modules
 * this backend generates at run time (trampolines, global accessors).
 */
import type { ValueType } from '@wrl/core';

export const TYPE_BYTE: Record<ValueType, number> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function pushU32(out: number[], n: number): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

export function name(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  return [...u32(bytes.length), ...bytes];
}

export function vec(items: readonly number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, payload: readonly number[]): number[] {
  return [id, ...u32(payload.length), ...payload];
}

export function funcType(params: readonly ValueType[], results: readonly ValueType[]): number[] {
  return [0x60, ...vec(params.map((t) => [TYPE_BYTE[t]])), ...vec(results.map((t) => [TYPE_BYTE[t]]))];
}

/** A function body: local declarations (one group per type, in order) and code ending in `end`. */
export function body(locals: readonly ValueType[], code: readonly number[]): number[] {
  const groups = locals.map((t) => [1, TYPE_BYTE[t]]);
  const b = [...vec(groups), ...code, 0x0b];
  return [...u32(b.length), ...b];
}

export interface ModuleParts {
  types?: number[][];
  imports?: number[][];
  funcs?: number[];
  globals?: number[][];
  exports?: number[][];
  code?: number[][];
}

export function module(p: ModuleParts): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (p.types?.length) out.push(...section(1, vec(p.types)));
  if (p.imports?.length) out.push(...section(2, vec(p.imports)));
  if (p.funcs?.length) out.push(...section(3, vec(p.funcs.map((f) => u32(f)))));
  if (p.globals?.length) out.push(...section(6, vec(p.globals)));
  if (p.exports?.length) out.push(...section(7, vec(p.exports)));
  if (p.code?.length) out.push(...section(10, vec(p.code)));
  return new Uint8Array(out);
}

/** Bytes as the JS API's BufferSource (typed as a plain ArrayBuffer view). */
export function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

export const ExportKind = { func: 0, table: 1, memory: 2, global: 3 } as const;

export function exportEntry(n: string, kind: number, index: number): number[] {
  return [...name(n), kind, ...u32(index)];
}
