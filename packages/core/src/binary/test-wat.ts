/** Test helper: assembles WebAssembly text with wabt, with every feature it knows enabled. */
import type wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

const ALL_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  tail_call: true,
  extended_const: true,
  multi_memory: true,
};

function loadWabt(): Promise<Wabt> {
  return (wabtPromise ??= import('wabt').then((m) => (m.default as unknown as typeof wabtInit)()));
}

/**
 * Throws unless wabt reads `bytes` back as a valid module. (wabt 1.0.39
 * writes some multi-memory data segments without their memory index.)
 */
export async function checkRoundTrip(bytes: Uint8Array): Promise<void> {
  const wabt = await loadWabt();
  const mod = wabt.readWasm(bytes, { ...ALL_FEATURES, check: true } as never);
  try {
    mod.validate();
  } finally {
    mod.destroy();
  }
}

export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await loadWabt();
  const mod = wabt.parseWat('test.wat', text, ALL_FEATURES as never);
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}
