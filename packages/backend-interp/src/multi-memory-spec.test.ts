import { defineBackend, defineSpecSuite } from '@wrl/conformance';
import { InterpEngine } from './engine.js';

// The multi-memory proposal's scripts with the engine option on (the default engine rejects several
// memories, as 2.0 requires): the interpreter, and the JS tier compiling every function on its first call.
const multiMemoryScripts = { files: (name: string) => name.startsWith('proposals/multi-memory/') };
defineSpecSuite(defineBackend({ name: 'interp-multi-memory', createEngine: () => new InterpEngine({ fuel: true, multiMemory: true }) }), multiMemoryScripts);
defineSpecSuite(
  defineBackend({ name: 'interp-js-multi-memory', createEngine: () => new InterpEngine({ jsTier: true, jsTierHotness: 1, multiMemory: true }) }),
  multiMemoryScripts,
);
