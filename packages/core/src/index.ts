export { Engine } from './engine.js';
export { Store, StoreContext, StoreContextMut, type Caller, type AsContext, type AsContextMut } from './store.js';
export { Module, type ModuleSource } from './module.js';
export { Instance } from './instance.js';
export { Imports, type Externable } from './imports.js';
export { Extern, Export } from './extern.js';
export { Func, TypedFunc, type HostFunc, type TypedHostFunc, type JsValueOf, type JsValuesOf, type JsResultOf } from './func.js';
export { Global } from './global.js';
export { Memory, PAGE_SIZE } from './memory.js';
export { Table } from './table.js';
export { ExternRef } from './externref.js';
export { Value, type ValuePayload } from './value.js';
export type { PublicValue } from './refs.js';
export {
  ValueType,
  FuncType,
  GlobalType,
  MemoryType,
  TableType,
  MAX_MEMORY_PAGES,
  MAX_TABLE_SIZE,
  type ExternType,
  type ExternKind,
  type ImportType,
  type ExportType,
} from './types.js';
export { CompileError, LinkError, Trap, TrapCode, UnsupportedFeatureError } from './errors.js';
export { WasmFeature, Capability, WASM2_FEATURES } from './backend.js';
