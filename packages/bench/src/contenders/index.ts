import type { WasmEngine } from '@wrl/core/backend';
import { polywasmContender } from './polywasm.js';
import { rawContender } from './raw.js';
import type { Contender, ContenderKind, Unavailable } from './types.js';
import { webassemblyjsContender } from './webassemblyjs.js';
import { firstLine, importWorkspacePackage, UnavailableError } from './workspace.js';
import { wrlContender } from './wrl.js';

/** One entry of the contender list; a loader may yield several contenders (e.g. interpreter tiers), some unavailable. */
interface Loader {
  readonly id: string;
  readonly label: string;
  readonly kind: ContenderKind;
  load(): Promise<Array<Contender | Unavailable>> | Array<Contender | Unavailable>;
}

/** Constructs the engine class `exportName` of a loaded backend package. */
function engineClass(module: Record<string, unknown>, exportName: string): new (options?: unknown) => WasmEngine {
  const cls = module[exportName];
  if (typeof cls !== 'function') throw new UnavailableError(`the package has no export ${exportName}`);
  return cls as new (options?: unknown) => WasmEngine;
}

const LOADERS: readonly Loader[] = [
  { id: 'wasm', label: 'WebAssembly (raw)', kind: 'baseline', load: () => [rawContender()] },
  {
    id: 'wrl-native',
    label: 'wrl native',
    kind: 'wrl',
    async load() {
      const { module, version } = await importWorkspacePackage('backend-native', '@wrl/backend-native');
      const NativeEngine = engineClass(module, 'NativeEngine');
      return [wrlContender({ id: 'wrl-native', label: 'wrl native', version, slow: false }, new NativeEngine())];
    },
  },
  {
    id: 'wrl-interp',
    label: 'wrl interp',
    kind: 'wrl',
    async load() {
      const { module, version } = await importWorkspacePackage('backend-interp', '@wrl/backend-interp');
      const InterpEngine = engineClass(module, 'InterpEngine');
      // Tiers: the IR interpreter, and the optional JS tier (functions compiled with `new Function`);
      // fuel metering is the other configuration that changes its speed.
      const jsEngine = new InterpEngine({ jsTier: true }) as WasmEngine & { jsTier?: boolean };
      const hasJsTier = jsEngine.jsTier === true;
      const noJsTier = (id: string, label: string): Unavailable => ({ id, label, kind: 'wrl', reason: 'this @wrl/backend-interp has no jsTier option' });
      // Enough fuel never to run out: these rows measure the cost of metering, not of refuelling.
      const fuel = 1n << 62n;
      return [
        wrlContender({ id: 'wrl-interp', label: 'wrl interp', version, slow: true }, new InterpEngine()),
        hasJsTier ? wrlContender({ id: 'wrl-interp-js', label: 'wrl interp JS tier', version: `${version} (jsTier)`, slow: true }, jsEngine) : noJsTier('wrl-interp-js', 'wrl interp JS tier'),
        wrlContender({ id: 'wrl-interp-fuel', label: 'wrl interp +fuel', version: `${version} (fuel metering on)`, slow: true, fuel }, new InterpEngine({ fuel: true })),
        hasJsTier
          ? wrlContender({ id: 'wrl-interp-js-fuel', label: 'wrl interp JS tier +fuel', version: `${version} (jsTier, fuel metering on)`, slow: true, fuel }, new InterpEngine({ jsTier: true, fuel: true }))
          : noJsTier('wrl-interp-js-fuel', 'wrl interp JS tier +fuel'),
      ];
    },
  },
  {
    id: 'wrl-wasm3',
    label: 'wrl wasm3',
    kind: 'wrl',
    async load() {
      const { module, version } = await importWorkspacePackage('backend-wasm3', '@wrl/backend-wasm3');
      const Wasm3Engine = engineClass(module, 'Wasm3Engine');
      const engine = new Wasm3Engine() as WasmEngine & { wasm3Version?: string };
      const full = engine.wasm3Version ? `${version} (wasm3 ${engine.wasm3Version})` : version;
      return [wrlContender({ id: 'wrl-wasm3', label: 'wrl wasm3', version: full, slow: true }, engine)];
    },
  },
  { id: 'polywasm', label: 'polywasm', kind: 'peer', load: async () => [await polywasmContender()] },
  { id: 'webassemblyjs', label: 'webassemblyjs', kind: 'peer', load: () => [webassemblyjsContender()] },
];

export interface ContenderSet {
  readonly available: Contender[];
  readonly unavailable: Unavailable[];
}

/** Loads every contender it can; the rest come back with the reason. */
export async function loadContenders(only?: (id: string) => boolean): Promise<ContenderSet> {
  const available: Contender[] = [];
  const unavailable: Unavailable[] = [];
  for (const loader of LOADERS) {
    // A loader runs when its own id or one of its contenders' ids is asked for.
    if (only && loader.id !== 'wasm' && !only(loader.id) && !(loader.id === 'wrl-interp' && ['wrl-interp-js', 'wrl-interp-fuel'].some(only))) continue;
    try {
      for (const c of await loader.load()) {
        if (only && c.id !== 'wasm' && !only(c.id) && !only(loader.id)) continue;
        if ('instantiate' in c) available.push(c);
        else unavailable.push(c);
      }
    } catch (e) {
      const reason = e instanceof UnavailableError ? e.message : firstLine(e);
      unavailable.push({ id: loader.id, label: loader.label, kind: loader.kind, reason });
    }
  }
  return { available, unavailable };
}

export type { Contender, Unavailable } from './types.js';
