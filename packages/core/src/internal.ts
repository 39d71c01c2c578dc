import type { Store } from './store.js';

/**
 * Passed as the first constructor argument to wrap an existing backend handle
 * instead of creating a new object; not exported from the package.
 */
export const FROM_HANDLE: unique symbol = Symbol('wrl.fromHandle');

export interface HandleInit<H> {
  readonly store: Store<any>;
  readonly handle: H;
}

