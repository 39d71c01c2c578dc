import type { WasmExternRef } from './backend.js';
import { FROM_HANDLE, type HandleInit } from './internal.js';
import { ownStore, storeOf, type AsContext, type Store } from './store.js';

/** A non-null opaque reference to any host value, passed through WebAssembly as `externref`. */
export class ExternRef {
  readonly #store: Store<any>;
  readonly #handle: WasmExternRef;

  constructor(store: AsContext<any>, value: unknown) {
    if ((store as unknown) === FROM_HANDLE) {
      const init = value as HandleInit<WasmExternRef>;
      this.#store = init.store;
      this.#handle = init.handle;
      return;
    }
    const s = storeOf(store, 'new ExternRef');
    this.#store = s;
    this.#handle = s.backend.createExternRef(value);
    s.wrapper(this.#handle, () => this);
  }

  /** The host value this reference carries. Given a class, returns undefined unless the value is an instance of it. */
  downcast<T = unknown>(store: AsContext<any>, type?: abstract new (...args: any[]) => T): T | undefined {
    ownStore(store, this.#store, 'ExternRef.downcast');
    const v = this.#handle.value;
    if (type !== undefined && !(v instanceof type)) return undefined;
    return v as T;
  }

  /** @internal The backend handle, checking it is used with its own store. */
  handleIn(store: Store<any>, where: string): WasmExternRef {
    ownStore(store, this.#store, where);
    return this.#handle;
  }

  /** @internal */
  static fromHandle(store: Store<any>, handle: WasmExternRef): ExternRef {
    return store.wrapper(handle, () => new ExternRef(FROM_HANDLE as never, { store, handle }));
  }
}
