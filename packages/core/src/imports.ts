import { Extern } from './extern.js';
import type { Func } from './func.js';
import type { Global } from './global.js';
import type { Memory } from './memory.js';
import type { Table } from './table.js';

export type Externable = Extern | Func | Global | Memory | Table;

/** The values a module's imports are satisfied with, keyed by module and name. */
export class Imports implements Iterable<[[string, string], Extern]> {
  readonly #map = new Map<string, Map<string, Extern>>();

  /** Defines (or replaces) the import `module`.`name`. Returns this, for chaining. */
  define(module: string, name: string, value: Externable): this {
    if (typeof module !== 'string' || typeof name !== 'string') throw new TypeError('Imports.define: module and name must be strings');
    let ns = this.#map.get(module);
    if (ns === undefined) this.#map.set(module, (ns = new Map()));
    ns.set(name, Extern.from(value));
    return this;
  }

  /** Defines every entry of a namespace: `imports.defineNamespace('env', { log, memory })`. */
  defineNamespace(module: string, values: Record<string, Externable> | Iterable<[string, Externable]>): this {
    const entries = Symbol.iterator in values ? values : Object.entries(values);
    for (const [name, v] of entries as Iterable<[string, Externable]>) this.define(module, name, v);
    return this;
  }

  get(module: string, name: string): Extern | undefined {
    return this.#map.get(module)?.get(name);
  }

  has(module: string, name: string): boolean {
    return this.#map.get(module)?.has(name) ?? false;
  }

  /** The names and values defined for one module, or undefined. */
  getNamespace(module: string): ReadonlyMap<string, Extern> | undefined {
    return this.#map.get(module);
  }

  /** Adds every definition of `other` (or of any iterable of entries), replacing existing ones. */
  extend(other: Iterable<[[string, string], Externable]>): this {
    for (const [[module, name], v] of other) this.define(module, name, v);
    return this;
  }

  get size(): number {
    let n = 0;
    for (const ns of this.#map.values()) n += ns.size;
    return n;
  }

  *[Symbol.iterator](): Iterator<[[string, string], Extern]> {
    for (const [module, ns] of this.#map) for (const [name, v] of ns) yield [[module, name], v];
  }
}
