import { defineBackend, defineSpecSuite } from '@wrl/conformance';
import { InterpEngine } from './engine.js';

/** The whole spec testsuite again with the JS tier on (with fuel, as the main conformance run). */
defineSpecSuite(defineBackend({ name: 'interp-js', createEngine: () => new InterpEngine({ fuel: true, jsTier: true }) }));
