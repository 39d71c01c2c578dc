import { Value, type BackendValue, type GlobalType, type WasmGlobal } from '@wrl/core/backend';
import { globalAccessModule } from './adapters.js';
import type { NativeStore } from './store.js';
import { liftAll, liftRef, lowerInto, lowerRef } from './values.js';

interface Accessor {
  get(): unknown;
  set?(...lowered: unknown[]): void;
}

/**
 * A global. Numbers go through `WebAssembly.Global.value`, except NaN floats
 * and v128, which go through a generated accessor module (see adapters.ts)
 * so their bits are exact.
 */
export class NativeGlobal implements WasmGlobal {
  #accessor: Accessor | undefined;

  constructor(
    readonly store: NativeStore,
    readonly global: WebAssembly.Global,
    readonly type: GlobalType,
  ) {}

  ty(): GlobalType {
    return this.type;
  }

  get(): BackendValue {
    const t = this.type.content;
    switch (t) {
      case 'i32': return Value.i32(this.global.value as number);
      case 'i64': return Value.i64(this.global.value as bigint);
      case 'f32':
      case 'f64': {
        const n = this.global.value as number;
        if (n === n) return t === 'f32' ? Value.f32(n) : Value.f64(n);
        return this.#exactGet();
      }
      case 'v128': return this.#exactGet();
      default: return liftRef(this.store, t, this.global.value);
    }
  }

  set(value: BackendValue): void {
    const t = this.type.content;
    switch (t) {
      case 'i32':
      case 'i64':
        this.global.value = value.value;
        return;
      case 'f32':
      case 'f64': {
        const n = value.value as number;
        if (n === n) this.global.value = n;
        else this.#exactSet(value);
        return;
      }
      case 'v128':
        this.#exactSet(value);
        return;
      default:
        this.global.value = lowerRef(this.store, value);
    }
  }

  #access(): Accessor {
    const ty = this.type;
    return (this.#accessor ??= this.store.engine.adapters.instantiate(`global:${ty}`, () => globalAccessModule(ty), { t: { g: this.global } }).exports as unknown as Accessor);
  }

  #exactGet(): BackendValue {
    const t = this.type.content;
    const r = this.#access().get();
    const out: BackendValue[] = [];
    liftAll(this.store, [t], t === 'v128' ? (r as unknown[]) : [r], out);
    return out[0]!;
  }

  #exactSet(value: BackendValue): void {
    const lowered: unknown[] = [];
    lowerInto(this.store, this.type.content, value, lowered);
    this.#access().set!(...lowered);
  }
}
