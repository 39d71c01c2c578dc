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

export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await (wabtPromise ??= import('wabt').then((m) => (m.default as unknown as typeof wabtInit)()));
  const mod = wabt.parseWat('test.wat', text, ALL_FEATURES as never);
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}
