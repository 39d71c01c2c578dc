import { defineBackend } from '@wrl/conformance';
import { NativeEngine } from './src/index.js';

/** The native backend under the conformance suites (see @wrl/conformance). */
export default defineBackend({
  name: 'native',
  createEngine: () => new NativeEngine(),
  expectedFailures: new URL('./conformance-expected-failures.json', import.meta.url),
  quirks: {
    // V8's JS API reports one message for a null table entry and a signature mismatch in call_indirect,
    // and one for NaN and out-of-range float-to-int truncations (see src/traps.ts).
    indirectCallTrapAmbiguous: true,
    conversionTrapAmbiguous: true,
  },
});
