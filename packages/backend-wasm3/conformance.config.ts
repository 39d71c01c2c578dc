import { defineBackend } from '@wrl/conformance';
import { Wasm3Engine } from './src/index.js';

/** The wasm3 backend under the conformance suites (see @wrl/conformance). */
export default defineBackend({
  name: 'wasm3',
  createEngine: () => new Wasm3Engine(),
  expectedFailures: new URL('./conformance-expected-failures.json', import.meta.url),
});
