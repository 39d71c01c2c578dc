import { defineBackend, defineSpecSuite } from '@wrl/conformance';
import { InterpEngine } from './engine.js';

/** The whole spec testsuite with the JS tier on and fuel off (generated code without any fuel checks). */
defineSpecSuite(defineBackend({ name: 'interp-js-nofuel', createEngine: () => new InterpEngine({ jsTier: true, jsTierHotness: 1 }) }));
