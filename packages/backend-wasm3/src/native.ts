/**
 * Loads the Rust addon the napi-rs way: `wrl-wasm3.<triple>.node` at the
 * package root (a local `pnpm build`), else the optional platform package
 * `@wrl/backend-wasm3-<triple>`.
 */
import { createRequire } from 'node:module';

/**
 * The addon's surface (see native/src). Stores are numbered: plain N-API
 * functions cost far less per call than methods of wrapped objects.
 */
export interface NativeAddon {
  setSlots(buffer: ArrayBuffer): void;
  wasm3Version(): string;
  hasGuaranteedTailCalls(): boolean;
  validate(bytes: Uint8Array, firstDefined: number, functionCount: number): string | null | undefined;
  validateAsync(bytes: Uint8Array, firstDefined: number, functionCount: number): Promise<string | null | undefined>;
  storeNew(): number;
  storeDispose(store: number): void;
  storeInstantiate(store: number, bytes: Uint8Array, imports: ImportSpec[], hasMemory: boolean, dispatcher: Dispatcher): number | string;
  storeExportFunc(store: number, instance: number, index: number): number;
  storeExportGlobal(store: number, instance: number, name: string): number;
  storeCall(store: number, func: number, dispatcher: Dispatcher): string | null | undefined;
  storeGlobalGet(store: number, global: number): void;
  storeGlobalSet(store: number, global: number): void;
  storeMemorySize(store: number, instance: number): number;
  storeMemoryGrow(store: number, instance: number, delta: number): number;
  storeMemoryRead(store: number, instance: number, offset: number, dest: Uint8Array): void;
  storeMemoryWrite(store: number, instance: number, offset: number, src: Uint8Array): void;
}

export interface ImportSpec {
  module: string;
  name: string;
  host?: number;
  func?: number;
  globalSlot?: number;
  globalType?: number;
}

export type Dispatcher = (hostId: number) => void;

/** The napi-rs name of this platform, e.g. linux-x64-gnu. */
export function platformTriple(): string {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function isMusl(): boolean {
  const report = process.report?.getReport?.() as unknown;
  const parsed = (typeof report === 'string' ? JSON.parse(report) : report) as { header?: { glibcVersionRuntime?: string } } | undefined;
  return !parsed?.header?.glibcVersionRuntime;
}

let addon: NativeAddon | undefined;

export function loadAddon(): NativeAddon {
  if (addon) return addon;
  const require = createRequire(import.meta.url);
  const triple = platformTriple();
  const pkg = `@wrl/backend-wasm3-${triple}`;
  const failures: string[] = [];
  // src/ and dist/ both sit one level below the package root.
  for (const id of [`../wrl-wasm3.${triple}.node`, pkg]) {
    try {
      addon = require(id) as NativeAddon;
      return addon;
    } catch (e) {
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') failures.push(`${id}: ${(e as Error).message}`);
    }
  }
  const detail = failures.length ? ` (${failures.join('; ')})` : '';
  throw new Error(
    `@wrl/backend-wasm3: no native addon for ${triple}${detail}. Install the optional package ${pkg}, ` +
      'or build it from source with `pnpm build` in packages/backend-wasm3 (needs cargo, clang and libclang-dev).',
  );
}
