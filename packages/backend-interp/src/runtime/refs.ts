import type { WasmExternRef } from '@wrl/core/backend';
import type { InterpFunc } from './func.js';

/** The handle of an externref: the host value it carries. */
export class InterpExternRef implements WasmExternRef {
  constructor(readonly value: unknown) {}
}

/** What reference slots hold: a function, an extern reference, or null. */
export type RefValue = InterpFunc | InterpExternRef | null;
