import type { WasmStore } from './backend.js';
import type { Engine } from './engine.js';
import { UnsupportedFeatureError } from './errors.js';

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');

/**
 * All the state WebAssembly programs can touch: the instances, functions,
 * tables, memories and globals created in it, and the host's own `data`.
 * Objects belong to the store that made them and cannot be used with another.
 */
export class Store<T = unknown> {
  readonly engine: Engine;
  /** The host's data, visible to host functions as `caller.data`. */
  data: T;
  #backend: WasmStore | undefined;
  /** Public wrappers of backend handles, so a handle always maps to the same object. */
  readonly #wrappers = new WeakMap<object, object>();
  #context: StoreContextMut<T> | undefined;

  constructor(engine: Engine, data: T) {
    if (!engine || typeof engine.backend?.createStore !== 'function') throw new TypeError('new Store(engine, data): engine must be an Engine');
    this.engine = engine;
    this.data = data;
    this.#backend = engine.backend.createStore();
  }

  /** False once `close()` has run. */
  get closed(): boolean {
    return this.#backend === undefined;
  }

  /** The backend's store. Throws a TypeError once the store is closed. */
  get backend(): WasmStore {
    const b = this.#backend;
    if (b === undefined) throw new TypeError('this Store is closed');
    return b;
  }

  /** A read-only view for code that must not change the data. */
  asContext(): StoreContext<T> {
    return this.asContextMut();
  }

  /** The context handed to host functions (the `caller`). */
  asContextMut(): StoreContextMut<T> {
    return (this.#context ??= new StoreContextMut(this));
  }

  /** Sets the fuel left for execution (engines with the `fuel` capability). */
  setFuel(fuel: number | bigint): void {
    const f = typeof fuel === 'number' ? (Number.isSafeInteger(fuel) && fuel >= 0 ? BigInt(fuel) : NaN) : fuel;
    if (typeof f !== 'bigint' || f < 0n) throw new RangeError(`setFuel: fuel must be a non-negative integer, got ${String(fuel)}`);
    this.#fuel().set(f);
  }

  /** The fuel left for execution (engines with the `fuel` capability). */
  getFuel(): bigint {
    return this.#fuel().get();
  }

  #fuel() {
    const fuel = this.backend.fuel;
    if (!fuel) throw new UnsupportedFeatureError('fuel', this.engine.name);
    return fuel;
  }

  /** Frees the backend's resources. Every later use of this store or its objects throws a TypeError. */
  close(): void {
    const b = this.#backend;
    this.#backend = undefined;
    b?.dispose?.();
  }

  [disposeSymbol](): void {
    this.close();
  }

  /** @internal */
  wrapper<W extends object>(handle: object, make: () => W): W {
    let w = this.#wrappers.get(handle) as W | undefined;
    if (w === undefined) {
      w = make();
      this.#wrappers.set(handle, w);
    }
    return w;
  }
}

/** A read-only view of a store: its engine and data. */
export class StoreContext<T = unknown> {
  constructor(readonly store: Store<T>) {}

  get data(): T {
    return this.store.data;
  }

  get engine(): Engine {
    return this.store.engine;
  }
}

/** A view of a store that may change its data; host functions receive one as `caller`. */
export class StoreContextMut<T = unknown> extends StoreContext<T> {
  override get data(): T {
    return this.store.data;
  }

  override set data(value: T) {
    this.store.data = value;
  }
}

/** The context a host function is called with. */
export type Caller<T = unknown> = StoreContextMut<T>;

/** Anything that names a store: the store itself or a context of it. */
export type AsContext<T = unknown> = Store<T> | StoreContext<T>;
export type AsContextMut<T = unknown> = Store<T> | StoreContextMut<T>;

/** The store behind a context; throws a TypeError for anything else or a closed store. */
export function storeOf<T>(ctx: AsContext<T>, where: string): Store<T> {
  const store = ctx instanceof Store ? ctx : ctx instanceof StoreContext ? ctx.store : undefined;
  if (store === undefined) throw new TypeError(`${where}: expected a Store or a store context, got ${ctx === null ? 'null' : typeof ctx}`);
  if (store.closed) throw new TypeError(`${where}: the store is closed`);
  return store;
}

/** Like storeOf, and also checks that an object belongs to that store. */
export function ownStore<T>(ctx: AsContext<T>, owner: Store<any>, where: string): Store<T> {
  const store = storeOf(ctx, where);
  if (store !== owner) throw new TypeError(`${where}: this object belongs to a different store`);
  return store;
}
