import { defineBackend, defineSpecSuite } from '@wrl/conformance';
import { InterpEngine } from './engine.js';

/**
 * The whole spec testsuite again with the JS tier on, every function compiled
 * on its first call (most spec functions run once): with fuel, as the main
 * conformance run.
 */
defineSpecSuite(defineBackend({ name: 'interp-js', createEngine: () => new InterpEngine({ fuel: true, jsTier: true, jsTierHotness: 1 }) }));
