/**
 * The backends the examples can run on, loaded on demand so that a backend
 * that is not installed (or cannot load on this platform) is reported, not fatal.
 */
import type { WasmEngine } from '@wrl/core/backend';

/** What an example may ask of the engine it runs on, where the backend can give it. */
export interface EngineWants {
  /** Fuel metering (`Store.setFuel`); the interpreter has it as an engine option. */
  readonly fuel?: boolean;
}

export type BackendLoader = (wants?: EngineWants) => Promise<WasmEngine>;

export const BACKENDS: Record<string, BackendLoader> = {
  native: async () => new (await import('@wrl/backend-native')).NativeEngine(),
  interp: async (wants) => new (await import('@wrl/backend-interp')).InterpEngine({ fuel: wants?.fuel === true }),
  wasm3: async () => new (await import('@wrl/backend-wasm3')).Wasm3Engine(),
};

export const BACKEND_NAMES = Object.keys(BACKENDS);

/** Loads a backend by name, with what the example wants where it can; the error says why when it cannot load. */
export async function loadBackend(name: string, wants?: EngineWants): Promise<WasmEngine> {
  const load = BACKENDS[name];
  if (!load) throw new Error(`unknown backend "${name}" (choose one of: ${BACKEND_NAMES.join(', ')})`);
  return load(wants);
}

/** The value of `--backend NAME` (or `--backend=NAME`) in argv, if any. */
export function backendFlag(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--backend' || a.startsWith('--backend='));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}
