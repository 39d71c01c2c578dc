import type { BackendExtern } from './backend.js';
import { Func } from './func.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import type { Store, AsContext } from './store.js';
import { Table } from './table.js';
import type { ExternKind, ExternType } from './types.js';
import { describe } from './value.js';

type ExternValue = Func | Global | Memory | Table;

/** An external value: a function, global, memory or table, as imported or exported. */
export class Extern {
  private constructor(
    readonly kind: ExternKind,
    readonly value: ExternValue,
  ) {}

  static func(f: Func): Extern {
    return Extern.from(f);
  }
  static global(g: Global): Extern {
    return Extern.from(g);
  }
  static memory(m: Memory): Extern {
    return Extern.from(m);
  }
  static table(t: Table): Extern {
    return Extern.from(t);
  }

  /** Wraps a Func, Global, Memory or Table (an Extern is returned as is). */
  static from(x: ExternValue | Extern): Extern {
    if (x instanceof Extern) return x;
    if (x instanceof Func) return new Extern('func', x);
    if (x instanceof Global) return new Extern('global', x);
    if (x instanceof Memory) return new Extern('memory', x);
    if (x instanceof Table) return new Extern('table', x);
    throw new TypeError(`expected a Func, Global, Memory, Table or Extern, got ${describe(x)}`);
  }

  intoFunc(): Func | undefined {
    return this.value instanceof Func ? this.value : undefined;
  }
  intoGlobal(): Global | undefined {
    return this.value instanceof Global ? this.value : undefined;
  }
  intoMemory(): Memory | undefined {
    return this.value instanceof Memory ? this.value : undefined;
  }
  intoTable(): Table | undefined {
    return this.value instanceof Table ? this.value : undefined;
  }

  ty(store: AsContext<any>): ExternType {
    return this.value.ty(store);
  }

  /** @internal */
  toBackend(store: Store<any>, where: string): BackendExtern {
    const v = this.value;
    if (v instanceof Func) return { kind: 'func', value: v.handleIn(store, where) };
    if (v instanceof Global) return { kind: 'global', value: v.handleIn(store, where) };
    if (v instanceof Memory) return { kind: 'memory', value: v.handleIn(store, where) };
    return { kind: 'table', value: v.handleIn(store, where) };
  }

  /** @internal */
  static fromBackend(store: Store<any>, ext: BackendExtern): Extern {
    switch (ext.kind) {
      case 'func': return new Extern('func', Func.fromHandle(store, ext.value));
      case 'global': return new Extern('global', Global.fromHandle(store, ext.value));
      case 'memory': return new Extern('memory', Memory.fromHandle(store, ext.value));
      case 'table': return new Extern('table', Table.fromHandle(store, ext.value));
    }
  }
}

/** A named export of an instance. */
export class Export {
  constructor(
    readonly name: string,
    readonly value: Extern,
  ) {}
}
