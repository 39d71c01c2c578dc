/**
 * Generated adapter modules. JS numbers cannot carry every float bit pattern
 * (V8 quietens signalling NaNs when an f32 crosses into JS) and v128 cannot
 * cross into JS at all, so values of those types cross as integers instead:
 * f32 as its i32 bits, f64 as its i64 bits, v128 as two i64 lanes (low
 * first). These modules reinterpret between the two forms inside wasm.
 */
import type { FuncType, GlobalType, ValueType } from '@wrl/core/backend';
import { ExportKind, TYPE_BYTE, body, exportEntry, funcType, module, name, u32 } from './encode.js';

/** The types a value of type `t` crosses into JS as. */
export function lowered(t: ValueType): readonly ValueType[] {
  switch (t) {
    case 'f32': return ['i32'];
    case 'f64': return ['i64'];
    case 'v128': return ['i64', 'i64'];
    default: return [t];
  }
}

export function lowerList(types: readonly ValueType[]): ValueType[] {
  return types.flatMap(lowered);
}

/** Does a signature need an adapter to cross into JS exactly? */
export function needsAdapter(types: readonly ValueType[]): boolean {
  for (const t of types) if (t === 'f32' || t === 'f64' || t === 'v128') return true;
  return false;
}

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const SIMD = 0xfd;

/** Pushes the real value of type `t` from the lowered locals starting at `local`. */
function lift(t: ValueType, local: number): number[] {
  switch (t) {
    case 'f32': return [LOCAL_GET, ...u32(local), 0xbe];
    case 'f64': return [LOCAL_GET, ...u32(local), 0xbf];
    case 'v128':
      return [SIMD, 12, ...new Array<number>(16).fill(0), LOCAL_GET, ...u32(local), SIMD, 30, 0, LOCAL_GET, ...u32(local + 1), SIMD, 30, 1];
    default: return [LOCAL_GET, ...u32(local)];
  }
}

/** Pushes the lowered values of the real value of type `t` in `local`. */
function lower(t: ValueType, local: number): number[] {
  switch (t) {
    case 'f32': return [LOCAL_GET, ...u32(local), 0xbc];
    case 'f64': return [LOCAL_GET, ...u32(local), 0xbd];
    case 'v128': return [LOCAL_GET, ...u32(local), SIMD, 29, 0, LOCAL_GET, ...u32(local), SIMD, 29, 1];
    default: return [LOCAL_GET, ...u32(local)];
  }
}

/** Code converting each value of `types` (held in consecutive locals from `first`, in `from` form) to the other form. */
function convertAll(types: readonly ValueType[], first: number, from: 'lowered' | 'real'): number[] {
  const out: number[] = [];
  let local = first;
  for (const t of types) {
    if (from === 'lowered') {
      out.push(...lift(t, local));
      local += lowered(t).length;
    } else {
      out.push(...lower(t, local));
      local += 1;
    }
  }
  return out;
}

/** Pops `types` off the stack into consecutive locals from `first` (last value first). */
function spill(types: readonly ValueType[], first: number): number[] {
  const out: number[] = [];
  for (let i = types.length - 1; i >= 0; i--) out.push(LOCAL_SET, ...u32(first + i));
  return out;
}

/**
 * A module importing "t" "f" of type `ty` and exporting "c": the same function
 * with lowered parameters and results.
 */
export function callerModule(ty: FuncType): Uint8Array {
  const lp = lowerList(ty.params);
  const lr = lowerList(ty.results);
  const first = lp.length;
  const code = [...convertAll(ty.params, 0, 'lowered'), 0x10, 0, ...spill(ty.results, first), ...convertAll(ty.results, first, 'real')];
  return module({
    types: [funcType(ty.params, ty.results), funcType(lp, lr)],
    imports: [[...name('t'), ...name('f'), 0x00, 0]],
    funcs: [1],
    exports: [exportEntry('c', ExportKind.func, 1)],
    code: [body(ty.results, code)],
  });
}

/**
 * A module importing "t" "h" with lowered parameters and results and
 * exporting "f": a wasm function of type `ty` calling it.
 */
export function calleeModule(ty: FuncType): Uint8Array {
  const lp = lowerList(ty.params);
  const lr = lowerList(ty.results);
  const first = ty.params.length;
  const code = [...convertAll(ty.params, 0, 'real'), 0x10, 0, ...spill(lr, first), ...convertAll(ty.results, first, 'lowered')];
  return module({
    types: [funcType(lp, lr), funcType(ty.params, ty.results)],
    imports: [[...name('t'), ...name('h'), 0x00, 0]],
    funcs: [1],
    exports: [exportEntry('f', ExportKind.func, 1)],
    code: [body(lr, code)],
  });
}

/** A module importing "t" "h" of type `ty` and exporting it as "f" (a host function as a wasm function object). */
export function reexportModule(ty: FuncType): Uint8Array {
  return module({
    types: [funcType(ty.params, ty.results)],
    imports: [[...name('t'), ...name('h'), 0x00, 0]],
    exports: [exportEntry('f', ExportKind.func, 0)],
  });
}

/**
 * A module importing global "t" "g" of type `ty` and exporting "get" (and
 * "set" when mutable) that read and write it in lowered form.
 */
export function globalAccessModule(ty: GlobalType): Uint8Array {
  const t = ty.content;
  const l = [...lowered(t)];
  const getter = body([t], [0x23, 0, LOCAL_SET, 0, ...lower(t, 0)]);
  const types = [funcType([], l)];
  const code = [getter];
  const exports = [exportEntry('get', ExportKind.func, 0)];
  if (ty.mutable) {
    types.push(funcType(l, []));
    code.push(body([], [...lift(t, 0), 0x24, 0]));
    exports.push(exportEntry('set', ExportKind.func, 1));
  }
  return module({
    types,
    imports: [[...name('t'), ...name('g'), 0x03, TYPE_BYTE[t], ty.mutable ? 1 : 0]],
    funcs: ty.mutable ? [0, 1] : [0],
    exports,
    code,
  });
}

/** A module defining and exporting "g": a global of type `ty` (a number type) whose initial value has the given little-endian bytes. */
export function globalDefineModule(ty: GlobalType, bytes: Uint8Array): Uint8Array {
  const t = ty.content;
  const init = t === 'v128' ? [SIMD, 12, ...bytes] : t === 'f32' ? [0x43, ...bytes] : t === 'f64' ? [0x44, ...bytes] : undefined;
  if (init === undefined || bytes.length !== (t === 'v128' ? 16 : t === 'f32' ? 4 : 8)) throw new TypeError(`globalDefineModule: unsupported ${t}`);
  return module({
    globals: [[TYPE_BYTE[t], ty.mutable ? 1 : 0, ...init, 0x0b]],
    exports: [exportEntry('g', ExportKind.global, 0)],
  });
}

