import type { BackendValue, FuncType, HostFunction, TypedHostFunction, WasmFunc } from '@wrl/core/backend';
import type { FuncDef } from './module.js';
import type { RtInstance } from './instance.js';
import type { InterpStore } from './store.js';
import { callFromHost, typedEntry } from './call.js';
import { jitAvailable, type JsEntry } from '../compiler/link.js';
import { wordsOfList } from '../ir/sig.js';

/** A function handle: a wasm function of an instance, or a host function. */
export class InterpFunc implements WasmFunc {
  readonly paramWords: number;
  readonly resultWords: number;
  /** JS tier: the compiled code of this wasm function, once it has some. */
  js: JsEntry | undefined = undefined;
  /** JS tier: how compiled code calls this function while it has no compiled code (or for a host function). */
  bridge: JsEntry | undefined = undefined;
  /** JS tier: calls from the interpreter go through `callFromStack` (false once the tier gave up on this function). */
  viaJs: boolean;

  constructor(
    readonly store: InterpStore,
    readonly type: FuncType,
    /** Canonical signature id (see ir/sig.ts), compared by call_indirect. */
    readonly sig: number,
    readonly inst: RtInstance | null,
    readonly def: FuncDef | null,
    readonly host: HostFunction | null,
    readonly typedHost: TypedHostFunction | null,
  ) {
    this.paramWords = wordsOfList(type.params);
    this.resultWords = wordsOfList(type.results);
    this.viaJs = def !== null && def.env.jsTier && jitAvailable();
  }

  ty(): FuncType {
    return this.type;
  }

  call(args: readonly BackendValue[], results: BackendValue[]): void {
    callFromHost(this, args, results);
  }

  typed(): (...args: any[]) => unknown {
    return typedEntry(this);
  }
}
