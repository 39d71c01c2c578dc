/**
 * Which WebAssembly features the host engine runs, found by validating one
 * tiny module per feature (the JS API has no feature query).
 */
import type { WasmFeature } from '@wrl/core/backend';

/** Module bodies (after the 8-byte header), each using exactly one feature. */
const PROBES: Record<WasmFeature, string> = {
  'mutable-globals': '02080101610162037f01',
  'sign-extension': '0105016000017f030201000a070105004101c00b',
  'saturating-float-to-int': '0105016000017f030201000a0b010900430000803ffc000b',
  'multi-value': '0106016000027f7f030201000a08010600410141020b',
  'bulk-memory': '0104016000000302010005030100010a0d010b00410041004100fc0b000b',
  'reference-types': '01060160016f016f030201000404016f00010a0e010c00410020002600410025000b',
  simd: '0105016000017b030201000a16011400fd0c010000000200000003000000040000000b',
  'tail-call': '010401600000030201000a0601040012000b',
  'extended-const': '0609017f00410141026a0b',
  'multi-memory': '05050200010001',
};

const HEADER = '0061736d01000000';

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The features the host validates. */
export function probeHostFeatures(): Set<WasmFeature> {
  const out = new Set<WasmFeature>();
  for (const [feature, body] of Object.entries(PROBES) as [WasmFeature, string][]) {
    try {
      if (WebAssembly.validate(fromHex(HEADER + body) )) out.add(feature);
    } catch {
      // A host that throws on validate lacks the feature.
    }
  }
  return out;
}
