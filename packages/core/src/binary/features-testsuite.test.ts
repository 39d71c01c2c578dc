/**
 * Runs the feature scanner over every top-level module of the WebAssembly
 * spec testsuite: the scan must read each one to its exact end, which checks
 * that it knows the immediates of every opcode the suite uses. Skipped when
 * the testsuite is not present (see WRL_TESTSUITE_DIR).
 */
import { describe, expect, it } from 'vitest';
import { scanFeatures } from './features.js';
import { suiteDir, suiteModules } from './test-testsuite.js';

describe.skipIf(suiteDir === undefined)('scanFeatures on the spec testsuite', () => {
  it('reads every module to its end', async () => {
    const { modules, unencodable } = await suiteModules();
    const incomplete = modules.filter((m) => !scanFeatures(m.bytes).complete).map((m) => m.where);
    console.log(`scanned ${modules.length} testsuite modules (${unencodable} not encodable by wabt)`);
    expect(incomplete).toEqual([]);
    expect(modules.length).toBeGreaterThan(1000);
    expect(unencodable).toBeLessThan(modules.length / 10);
  });
});
