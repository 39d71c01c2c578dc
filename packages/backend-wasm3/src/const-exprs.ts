/**
 * Type checks of constant expressions (global initialisers, segment offsets
 * and element expressions). wasm3 evaluates them without checking their
 * types, so a module like `(global i32 (f32.const 0))` would otherwise
 * compile; the spec requires a CompileError ("type mismatch").
 * The module's structure has already been read by core's readModuleInfo,
 * which rejects non-constant instructions, so only types are checked here.
 */
import { BinaryReader, CompileError, SectionId, type ModuleInfo, type ValueType } from '@wrl/core/backend';

export function checkConstExprs(bytes: Uint8Array, info: ModuleInfo): void {
  for (const section of info.sections) {
    const r = new BinaryReader(bytes, section.payloadStart, section.end);
    switch (section.id) {
      case SectionId.Global: {
        let index = info.importedGlobals;
        r.vec(() => {
          const ty = r.valueType();
          r.u8();
          expectType(r, info, ty, `global ${index}`);
          index++;
        });
        break;
      }
      case SectionId.Data:
        r.vec((_, i) => {
          const flags = r.u32();
          if (flags !== 1) {
            if (flags === 2) r.u32();
            expectType(r, info, 'i32', `offset of data segment ${i}`);
          }
          r.skip(r.u32());
        });
        break;
      case SectionId.Element:
        r.vec((_, i) => elementSegment(r, info, i));
        break;
    }
  }
}

function elementSegment(r: BinaryReader, info: ModuleInfo, i: number): void {
  const flags = r.u32();
  const passive = (flags & 1) !== 0;
  const explicitTable = (flags & 2) !== 0;
  const usesExprs = (flags & 4) !== 0;
  if (!passive) {
    if (explicitTable) r.u32();
    expectType(r, info, 'i32', `offset of element segment ${i}`);
  }
  let element: ValueType = 'funcref';
  if (passive || explicitTable) {
    if (usesExprs) element = r.refType();
    else r.u8();
  }
  r.vec(() => {
    if (usesExprs) expectType(r, info, element, `element segment ${i}`);
    else r.u32();
  });
}

/** Reads one constant expression and checks it leaves exactly one value of type `ty`. */
function expectType(r: BinaryReader, info: ModuleInfo, ty: ValueType, what: string): void {
  const start = r.pos;
  const stack: ValueType[] = [];
  const binary = (t: ValueType) => {
    const b = stack.pop();
    const a = stack.pop();
    if (a !== t || b !== t) mismatch(what, `${t} operands expected`, start);
    stack.push(t);
  };
  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x0b:
        if (stack.length !== 1 || stack[0] !== ty) mismatch(what, `expected one ${ty}, got [${stack.join(' ')}]`, start);
        return;
      case 0x41: r.s32(); stack.push('i32'); break;
      case 0x42: r.s64(); stack.push('i64'); break;
      case 0x43: r.skip(4); stack.push('f32'); break;
      case 0x44: r.skip(8); stack.push('f64'); break;
      case 0x23: {
        const g = info.globals[r.u32()];
        if (g === undefined) throw new CompileError(`wasm3: unknown global in the constant expression of ${what}`);
        stack.push(g.content);
        break;
      }
      case 0xd0: stack.push(r.refType()); break;
      case 0xd2: r.u32(); stack.push('funcref'); break;
      case 0x6a: case 0x6b: case 0x6c: binary('i32'); break;
      case 0x7c: case 0x7d: case 0x7e: binary('i64'); break;
      case 0xfd: r.u32(); r.skip(16); stack.push('v128'); break;
      // Anything else was already rejected by readModuleInfo; leave it to wasm3.
      default: return;
    }
  }
}

function mismatch(what: string, detail: string, at: number): never {
  throw new CompileError(`wasm3: type mismatch in the constant expression of ${what} (at byte ${at}): ${detail}`);
}
