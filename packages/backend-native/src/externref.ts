import type { WasmExternRef } from '@wrl/core/backend';

/**
 * The box an externref crosses wasm in: a non-null object, so that a host
 * `null` or `undefined` survives (a bare null would become ref.null), and
 * identity is kept (the same box comes back out).
 */
export class NativeExternRef implements WasmExternRef {
  constructor(readonly value: unknown) {}
}
