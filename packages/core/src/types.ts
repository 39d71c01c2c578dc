/**
 * Type descriptors shared by the public API and the backend interface.
 * They are plain immutable values so that any backend can produce them
 * and any two descriptors of the same shape compare equal.
 */

export const ValueType = {
  I32: 'i32',
  I64: 'i64',
  F32: 'f32',
  F64: 'f64',
  V128: 'v128',
  FuncRef: 'funcref',
  ExternRef: 'externref',
} as const;
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

const VALUE_TYPES: ReadonlySet<string> = new Set(Object.values(ValueType));

export function isValueType(x: unknown): x is ValueType {
  return typeof x === 'string' && VALUE_TYPES.has(x);
}

export function isRefType(t: ValueType): t is 'funcref' | 'externref' {
  return t === 'funcref' || t === 'externref';
}

function checkValueTypes(list: readonly ValueType[], what: string): readonly ValueType[] {
  if (!Array.isArray(list)) throw new TypeError(`${what} must be an array of value types`);
  for (const t of list) {
    if (!isValueType(t)) throw new TypeError(`${what}: ${String(t)} is not a value type (expected one of ${[...VALUE_TYPES].join(', ')})`);
  }
  return Object.freeze([...list]);
}

function checkLimit(n: number | undefined, what: string, max: number): void {
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`${what} must be an integer in [0, ${max}], got ${n}`);
}

/** The signature of a function: parameter and result types. */
export class FuncType {
  readonly kind = 'func' as const;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** True when a parameter or result is a reference; such values need translating between the API and a backend. */
  readonly hasRefs: boolean;

  constructor(params: readonly ValueType[], results: readonly ValueType[]) {
    this.params = checkValueTypes(params, 'FuncType params');
    this.results = checkValueTypes(results, 'FuncType results');
    this.hasRefs = this.params.some(isRefType) || this.results.some(isRefType);
  }

  equals(other: ExternType): boolean {
    return (
      other instanceof FuncType &&
      sameList(this.params, other.params) &&
      sameList(this.results, other.results)
    );
  }

  toString(): string {
    return `(func (param ${this.params.join(' ')}) (result ${this.results.join(' ')}))`;
  }
}

/** The type of a global: its content type and whether it can be set. */
export class GlobalType {
  readonly kind = 'global' as const;
  constructor(
    readonly content: ValueType,
    readonly mutable: boolean,
  ) {
    if (!isValueType(content)) throw new TypeError(`GlobalType: ${String(content)} is not a value type`);
    if (typeof mutable !== 'boolean') throw new TypeError('GlobalType: mutable must be a boolean');
  }

  equals(other: ExternType): boolean {
    return other instanceof GlobalType && other.content === this.content && other.mutable === this.mutable;
  }

  toString(): string {
    return this.mutable ? `(global (mut ${this.content}))` : `(global ${this.content})`;
  }
}

/** Pages of 64 KiB a 32-bit memory can address. */
export const MAX_MEMORY_PAGES = 65536;
/** The largest table size the 32-bit index space allows. */
export const MAX_TABLE_SIZE = 0xffffffff;

/** The limits of a linear memory, in 64 KiB pages. */
export class MemoryType {
  readonly kind = 'memory' as const;
  constructor(
    readonly initial: number,
    readonly maximum?: number,
  ) {
    checkLimit(initial, 'MemoryType initial', MAX_MEMORY_PAGES);
    checkLimit(maximum, 'MemoryType maximum', MAX_MEMORY_PAGES);
    if (maximum !== undefined && maximum < initial) throw new RangeError(`MemoryType maximum (${maximum}) is below initial (${initial})`);
  }

  equals(other: ExternType): boolean {
    return other instanceof MemoryType && other.initial === this.initial && other.maximum === this.maximum;
  }

  toString(): string {
    return `(memory ${this.initial}${this.maximum === undefined ? '' : ` ${this.maximum}`})`;
  }
}

/** The element type and size limits of a table. */
export class TableType {
  readonly kind = 'table' as const;
  constructor(
    readonly element: ValueType,
    readonly minimum: number,
    readonly maximum?: number,
  ) {
    if (!isValueType(element) || !isRefType(element)) throw new TypeError(`TableType: element must be funcref or externref, got ${String(element)}`);
    checkLimit(minimum, 'TableType minimum', MAX_TABLE_SIZE);
    checkLimit(maximum, 'TableType maximum', MAX_TABLE_SIZE);
    if (maximum !== undefined && maximum < minimum) throw new RangeError(`TableType maximum (${maximum}) is below minimum (${minimum})`);
  }

  equals(other: ExternType): boolean {
    return (
      other instanceof TableType &&
      other.element === this.element &&
      other.minimum === this.minimum &&
      other.maximum === this.maximum
    );
  }

  toString(): string {
    return `(table ${this.minimum}${this.maximum === undefined ? '' : ` ${this.maximum}`} ${this.element})`;
  }
}

export type ExternType = FuncType | GlobalType | MemoryType | TableType;
export type ExternKind = ExternType['kind'];

/** A descriptor for a value a module imports. */
export interface ImportType {
  readonly module: string;
  readonly name: string;
  readonly ty: ExternType;
}

/** A descriptor for a value a module exports. */
export interface ExportType {
  readonly name: string;
  readonly ty: ExternType;
}

function sameList(a: readonly ValueType[], b: readonly ValueType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Import matching (the spec's "extern subtyping"): can a value of type `actual`
 * be supplied where `expected` is imported? Returns a reason when it cannot.
 */
export function externMismatch(expected: ExternType, actual: ExternType): string | undefined {
  if (expected.kind !== actual.kind) return `expected a ${expected.kind}, got a ${actual.kind}`;
  switch (expected.kind) {
    case 'func':
    case 'global':
      return expected.equals(actual) ? undefined : `expected ${expected}, got ${actual}`;
    case 'memory': {
      const a = actual as MemoryType;
      return limitsMismatch(expected.initial, expected.maximum, a.initial, a.maximum, expected, a);
    }
    case 'table': {
      const a = actual as TableType;
      if (a.element !== expected.element) return `expected ${expected}, got ${a}`;
      return limitsMismatch(expected.minimum, expected.maximum, a.minimum, a.maximum, expected, a);
    }
  }
}

function limitsMismatch(eMin: number, eMax: number | undefined, aMin: number, aMax: number | undefined, e: ExternType, a: ExternType): string | undefined {
  if (aMin < eMin) return `expected ${e}, got ${a} (minimum too small)`;
  if (eMax !== undefined && (aMax === undefined || aMax > eMax)) return `expected ${e}, got ${a} (maximum too large)`;
  return undefined;
}
