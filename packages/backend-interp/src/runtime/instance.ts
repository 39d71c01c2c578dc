import {
  LinkError, Trap, TrapCode, Value, type BackendExtern, type BackendValue, type WasmInstance,
} from '@wrl/core/backend';
import type { ConstExpr } from '../binary/info.js';
import { InterpFunc } from './func.js';
import { InterpGlobal } from './global.js';
import { InterpMemory } from './memory.js';
import type { InterpModule } from './module.js';
import type { RefValue } from './refs.js';
import type { InterpStore } from './store.js';
import type { JsContext } from '../compiler/link.js';
import { InterpTable } from './table.js';

/** The runtime state of one instance: its index spaces and remaining segments. */
export class RtInstance implements WasmInstance {
  readonly funcs: InterpFunc[] = [];
  readonly tables: InterpTable[] = [];
  readonly memories: InterpMemory[] = [];
  readonly globals: InterpGlobal[] = [];
  /** Element segments as references; dropped ones are empty. */
  elems: RefValue[][] = [];
  /** Data segments; dropped ones are empty. */
  datas: Uint8Array[] = [];
  readonly exportList: { readonly name: string; readonly value: BackendExtern }[] = [];
  readonly exportMap = new Map<string, BackendExtern>();
  /** JS tier: what this instance's compiled code reads, made on its first compiled function. */
  jsContext: JsContext | undefined = undefined;

  constructor(readonly module: InterpModule) {}

  getExport(name: string): BackendExtern | undefined {
    return this.exportMap.get(name);
  }

  exports(): ReadonlyArray<{ readonly name: string; readonly value: BackendExtern }> {
    return this.exportList;
  }
}

function evalConst(expr: ConstExpr, inst: RtInstance): BackendValue {
  const stack: BackendValue[] = [];
  for (const op of expr) {
    switch (op.op) {
      case 'i32': stack.push(Value.i32(op.value)); break;
      case 'i64': stack.push(Value.i64(op.value)); break;
      case 'f32': stack.push(Value.f32FromBits(op.bits)); break;
      case 'f64': stack.push(Value.f64FromBits((BigInt(op.hi >>> 0) << 32n) | BigInt(op.lo >>> 0))); break;
      case 'v128': stack.push(Value.v128(op.bytes)); break;
      case 'ref.null': stack.push(Value.ref(op.type as 'funcref', null) as unknown as BackendValue); break;
      case 'ref.func': stack.push(Value.ref('funcref', inst.funcs[op.func]! as never)); break;
      case 'global.get': stack.push(inst.globals[op.global]!.get()); break;
      default: {
        const b = stack.pop()!.value;
        const a = stack.pop()!.value;
        switch (op.op) {
          case 'i32.add': stack.push(Value.i32(((a as number) + (b as number)) | 0)); break;
          case 'i32.sub': stack.push(Value.i32(((a as number) - (b as number)) | 0)); break;
          case 'i32.mul': stack.push(Value.i32(Math.imul(a as number, b as number))); break;
          case 'i64.add': stack.push(Value.i64(BigInt.asIntN(64, (a as bigint) + (b as bigint)))); break;
          case 'i64.sub': stack.push(Value.i64(BigInt.asIntN(64, (a as bigint) - (b as bigint)))); break;
          case 'i64.mul': stack.push(Value.i64(BigInt.asIntN(64, (a as bigint) * (b as bigint)))); break;
        }
      }
    }
  }
  return stack[0]!;
}

export function instantiate(store: InterpStore, module: InterpModule, imports: readonly BackendExtern[]): RtInstance {
  const m = module.info;
  const inst = new RtInstance(module);
  if (imports.length !== m.imports.length) throw new LinkError(`expected ${m.imports.length} imports, got ${imports.length}`);
  m.imports.forEach((imp, i) => {
    const ext = imports[i]!;
    if (ext.kind !== imp.desc.kind) throw new LinkError(`import "${imp.module}" "${imp.name}": expected a ${imp.desc.kind}, got a ${ext.kind}`);
    const v = ext.value;
    switch (ext.kind) {
      case 'func':
        if (!(v instanceof InterpFunc) || v.store !== store) throw new LinkError(`import "${imp.module}" "${imp.name}": not a function of this store`);
        inst.funcs.push(v);
        break;
      case 'table':
        if (!(v instanceof InterpTable)) throw new LinkError(`import "${imp.module}" "${imp.name}": not a table of this engine`);
        inst.tables.push(v);
        break;
      case 'memory':
        if (!(v instanceof InterpMemory)) throw new LinkError(`import "${imp.module}" "${imp.name}": not a memory of this engine`);
        inst.memories.push(v);
        break;
      case 'global':
        if (!(v instanceof InterpGlobal)) throw new LinkError(`import "${imp.module}" "${imp.name}": not a global of this engine`);
        inst.globals.push(v);
        break;
    }
  });
  for (const def of module.defs) inst.funcs.push(new InterpFunc(store, def.type, def.sig, inst, def, null, null));
  try {
    for (let i = m.numImportedTables; i < m.tables.length; i++) inst.tables.push(new InterpTable(m.tables[i]!, null, store.limits));
    for (let i = m.numImportedMemories; i < m.memories.length; i++) inst.memories.push(new InterpMemory(m.memories[i]!, store.limits));
  } catch (e) {
    // A valid module whose table or memory is larger than the engine's limits
    // (maxTableElements, maxMemoryPages) cannot be instantiated here: a failed
    // instantiation, not a misuse of the API (found by the malformed-input fuzz test).
    if (e instanceof RangeError) throw new LinkError(`cannot instantiate the module: ${e.message}`, { cause: e });
    throw e;
  }
  m.globalInits.forEach((init, i) => {
    inst.globals.push(new InterpGlobal(m.globals[m.numImportedGlobals + i]!, evalConst(init, inst)));
  });
  for (const e of m.exports) {
    let value: BackendExtern;
    switch (e.kind) {
      case 'func': value = { kind: 'func', value: inst.funcs[e.index]! }; break;
      case 'table': value = { kind: 'table', value: inst.tables[e.index]! }; break;
      case 'memory': value = { kind: 'memory', value: inst.memories[e.index]! }; break;
      case 'global': value = { kind: 'global', value: inst.globals[e.index]! }; break;
    }
    inst.exportList.push({ name: e.name, value });
    inst.exportMap.set(e.name, value);
  }
  inst.elems = m.elems.map((seg) => seg.items.map((item) => evalConst(item, inst).value as RefValue));
  inst.datas = m.datas.map((d) => d.bytes);
  // Active segments are table.init / memory.init followed by a drop, in order; a failing one traps
  // and leaves the effects of earlier ones in place.
  m.elems.forEach((seg, i) => {
    if (seg.mode === 'active') {
      const offset = (evalConst(seg.offset!, inst).value as number) >>> 0;
      const table = inst.tables[seg.table]!.elems;
      const items = inst.elems[i]!;
      if (offset + items.length > table.length) throw new Trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < items.length; k++) table[offset + k] = items[k]!;
    }
    if (seg.mode !== 'passive') inst.elems[i] = [];
  });
  m.datas.forEach((seg, i) => {
    if (seg.mode !== 'active') return;
    const offset = (evalConst(seg.offset!, inst).value as number) >>> 0;
    const mem = inst.memories[seg.memory]!;
    if (offset + seg.bytes.length > mem.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
    mem.u8.set(seg.bytes, offset);
    inst.datas[i] = new Uint8Array(0);
  });
  if (m.start !== undefined) inst.funcs[m.start]!.call([], []);
  return inst;
}
