/**
 * The shared API suite: the whole public API of @wrl/core exercised on one
 * backend. Tests needing a capability or feature the backend does not declare
 * are reported as skipped with the reason in their name.
 */
import type { BackendUnderTest } from '../backend.js';
import { vitest } from '../vitest-api.js';
import { createContext } from './context.js';
import { defineExternRefTests } from './externrefs.js';
import { defineFuelTests } from './fuel.js';
import { defineGlobalTests } from './globals.js';
import { defineHostFunctionTests } from './host-functions.js';
import { defineLinkingTests } from './linking.js';
import { defineMalformedTests } from './malformed.js';
import { defineMemoryTests } from './memories.js';
import { defineMisuseTests } from './misuse.js';
import { defineModuleTests } from './modules.js';
import { defineTableTests } from './tables.js';
import { defineTrapTests } from './traps.js';

export function defineConformanceSuite(backend: BackendUnderTest): void {
  const { describe } = vitest('defineConformanceSuite');
  const ctx = createContext(backend);
  describe(`@wrl/core API on ${backend.name}`, () => {
    defineModuleTests(ctx);
    defineLinkingTests(ctx);
    defineHostFunctionTests(ctx);
    defineMemoryTests(ctx);
    defineGlobalTests(ctx);
    defineTableTests(ctx);
    defineExternRefTests(ctx);
    defineTrapTests(ctx);
    defineFuelTests(ctx);
    defineMisuseTests(ctx);
    defineMalformedTests(ctx);
  });
}
