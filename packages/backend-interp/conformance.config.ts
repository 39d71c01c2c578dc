import { defineBackend } from '@wrl/conformance';
import { InterpEngine } from './src/index.js';

/**
 * The interpreter under the conformance suites (see @wrl/conformance). Fuel
 * metering is on so the fuel API is tested and every spec command is bounded.
 */
export default defineBackend({
  name: 'interp',
  createEngine: () => new InterpEngine({ fuel: true }),
  expectedFailures: new URL('./conformance-expected-failures.json', import.meta.url),
});
