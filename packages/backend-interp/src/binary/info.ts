import type { FuncType, GlobalType, MemoryType, TableType, ValueType } from '@wrl/core/backend';

/** One instruction of a constant expression, already validated. */
export type ConstOp =
  | { readonly op: 'i32'; readonly value: number }
  | { readonly op: 'i64'; readonly value: bigint }
  | { readonly op: 'f32'; readonly bits: number }
  | { readonly op: 'f64'; readonly lo: number; readonly hi: number }
  | { readonly op: 'v128'; readonly bytes: Uint8Array }
  | { readonly op: 'ref.null'; readonly type: ValueType }
  | { readonly op: 'ref.func'; readonly func: number }
  | { readonly op: 'global.get'; readonly global: number }
  | { readonly op: 'i32.add' | 'i32.sub' | 'i32.mul' | 'i64.add' | 'i64.sub' | 'i64.mul' };

export type ConstExpr = readonly ConstOp[];

export type ImportDesc =
  | { readonly kind: 'func'; readonly type: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType };

export interface ImportInfo {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface ExportInfo {
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  readonly index: number;
}

export interface ElemInfo {
  readonly mode: 'active' | 'passive' | 'declarative';
  readonly type: ValueType;
  readonly table: number;
  readonly offset: ConstExpr | undefined;
  readonly items: readonly ConstExpr[];
}

export interface DataInfo {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offset: ConstExpr | undefined;
  readonly bytes: Uint8Array;
}

export interface CodeInfo {
  /** Declared locals (not parameters), expanded. */
  readonly locals: readonly ValueType[];
  /** Byte range of the instructions in the module bytes. */
  readonly start: number;
  readonly end: number;
}

/** Everything a module declares, decoded from its bytes. */
export interface ModuleInfo {
  readonly bytes: Uint8Array;
  readonly types: FuncType[];
  readonly imports: ImportInfo[];
  /** Type index of every function, imported ones first. */
  readonly funcs: number[];
  readonly tables: TableType[];
  readonly memories: MemoryType[];
  readonly globals: GlobalType[];
  /** Initialisers of the module's own globals (after the imported ones). */
  readonly globalInits: ConstExpr[];
  readonly exports: ExportInfo[];
  start: number | undefined;
  readonly elems: ElemInfo[];
  readonly datas: DataInfo[];
  dataCount: number | undefined;
  readonly codes: CodeInfo[];
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  /** Functions that `ref.func` may name in function bodies (the spec's C.refs). */
  readonly declaredRefs: Set<number>;
}
