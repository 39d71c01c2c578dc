import type { WasmGlobal } from './backend.js';
import { FROM_HANDLE, type HandleInit } from './internal.js';
import { toBackend, toPublic, type PublicValue } from './refs.js';
import { ownStore, storeOf, type AsContext, type Store } from './store.js';
import { GlobalType } from './types.js';
import { Value, describe } from './value.js';

/** A WebAssembly global variable. */
export class Global {
  readonly #store: Store<any>;
  readonly #handle: WasmGlobal;
  #ty: GlobalType | undefined;

  /** A new global holding `value`; `mutable` says whether it can be set later. */
  constructor(store: AsContext<any>, value: PublicValue, mutable: boolean) {
    if ((store as unknown) === FROM_HANDLE) {
      const init = value as unknown as HandleInit<WasmGlobal>;
      this.#store = init.store;
      this.#handle = init.handle;
      return;
    }
    const s = storeOf(store, 'new Global');
    if (!(value instanceof Value)) throw new TypeError(`new Global: expected a Value, got ${describe(value)}`);
    if (typeof mutable !== 'boolean') throw new TypeError('new Global: mutable must be a boolean');
    s.engine.requireCapability('host-globals');
    if (value.type === 'v128') s.engine.requireCapability('host-v128', 'v128 globals');
    const ty = new GlobalType(value.type, mutable);
    this.#store = s;
    this.#ty = ty;
    this.#handle = s.backend.createGlobal(ty, toBackend(s, value, value.type, 'new Global'));
    s.wrapper(this.#handle, () => this);
  }

  /** @internal */
  static fromHandle(store: Store<any>, handle: WasmGlobal): Global {
    return store.wrapper(handle, () => new Global(FROM_HANDLE as never, { store, handle } as never, false));
  }

  /** @internal */
  handleIn(store: Store<any>, where: string): WasmGlobal {
    ownStore(store, this.#store, where);
    return this.#handle;
  }

  ty(store: AsContext<any>): GlobalType {
    ownStore(store, this.#store, 'Global.ty');
    return (this.#ty ??= this.#handle.ty());
  }

  get(store: AsContext<any>): PublicValue {
    const s = ownStore(store, this.#store, 'Global.get');
    return toPublic(s, this.#handle.get());
  }

  /** Sets a mutable global. Throws a TypeError for an immutable global or a value of the wrong type. */
  set(store: AsContext<any>, value: PublicValue): void {
    const s = ownStore(store, this.#store, 'Global.set');
    const ty = this.ty(s);
    if (!ty.mutable) throw new TypeError('Global.set: the global is immutable');
    this.#handle.set(toBackend(s, value, ty.content, 'Global.set'));
  }
}
