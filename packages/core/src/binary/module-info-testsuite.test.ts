/**
 * Reads every top-level module of the spec testsuite and compares imports and
 * exports with what the host engine reports for the modules it compiles.
 */
import { describe, expect, it } from 'vitest';
import { readModuleInfo } from './module-info.js';
import { suiteDir, suiteModules } from './test-testsuite.js';

/** The JS API's name for an extern kind. */
const jsKind = (k: string) => (k === 'func' ? 'function' : k);

describe.skipIf(suiteDir === undefined)('readModuleInfo on the spec testsuite', () => {
  it('reads every module and agrees with the host on imports and exports', async () => {
    const { modules } = await suiteModules();
    const problems: string[] = [];
    let compared = 0;
    for (const m of modules) {
      let info;
      try {
        info = readModuleInfo(m.bytes);
      } catch (e) {
        problems.push(`${m.where}: ${(e as Error).message}`);
        continue;
      }
      let host: WebAssembly.Module;
      try {
        host = new WebAssembly.Module(m.bytes as Uint8Array<ArrayBuffer>);
      } catch {
        continue; // a feature the host lacks
      }
      compared++;
      const hostImports = WebAssembly.Module.imports(host).map((i) => `${i.module}.${i.name}:${i.kind}`);
      const ourImports = info.imports.map((i) => `${i.module}.${i.name}:${jsKind(i.ty.kind)}`);
      const hostExports = WebAssembly.Module.exports(host).map((e) => `${e.name}:${e.kind}`);
      const ourExports = info.exports.map((e) => `${e.name}:${jsKind(e.ty.kind)}`);
      if (JSON.stringify(hostImports) !== JSON.stringify(ourImports) || JSON.stringify(hostExports) !== JSON.stringify(ourExports)) {
        problems.push(`${m.where}: host ${JSON.stringify([hostImports, hostExports])}, ours ${JSON.stringify([ourImports, ourExports])}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});
