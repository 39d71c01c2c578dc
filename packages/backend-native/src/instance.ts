import type { BackendExtern, WasmInstance } from '@wrl/core/backend';

export class NativeInstance implements WasmInstance {
  readonly #byName: ReadonlyMap<string, BackendExtern>;

  constructor(readonly list: ReadonlyArray<{ readonly name: string; readonly value: BackendExtern }>) {
    this.#byName = new Map(list.map((e) => [e.name, e.value]));
  }

  getExport(name: string): BackendExtern | undefined {
    return this.#byName.get(name);
  }

  exports(): ReadonlyArray<{ readonly name: string; readonly value: BackendExtern }> {
    return this.list;
  }
}
