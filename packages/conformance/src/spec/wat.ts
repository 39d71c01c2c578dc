/**
 * WAT text to binary through the `wabt` package. Names resolve at parse time
 * but nothing is validated: invalid modules must reach the backend, which is
 * the one expected to reject them.
 */
import type { WasmFeature } from '@wrl/core';
import { hasExplicitMemoryDataSegment, wat2wasmCli } from './wabt-cli.js';

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;

const utf8 = new TextEncoder();

let wabtPromise: Promise<Wabt> | undefined;

function loadWabt(): Promise<Wabt> {
  return (wabtPromise ??= import('wabt').then((m) => m.default()));
}

/** A text-to-binary converter with the feature set of one testsuite folder. */
export interface WatConverter {
  /** Converts a module's text; throws an Error with wabt's message when wabt cannot parse it. */
  toBinary(name: string, text: string): Uint8Array;
}

export async function createWatConverter(proposals: readonly WasmFeature[] = []): Promise<WatConverter> {
  const wabt = await loadWabt();
  const features = {
    mutable_globals: true,
    sat_float_to_int: true,
    sign_extension: true,
    simd: true,
    multi_value: true,
    bulk_memory: true,
    reference_types: true,
    tail_call: proposals.includes('tail-call'),
    extended_const: proposals.includes('extended-const'),
    multi_memory: proposals.includes('multi-memory'),
  };
  const cliFlags = ['--enable-tail-call', '--enable-extended-const', '--enable-multi-memory'].filter((_, i) => [features.tail_call, features.extended_const, features.multi_memory][i]);
  return {
    toBinary(name, text) {
      // As UTF-8 bytes: wabt reads a JS string one byte per UTF-16 unit, garbling non-ASCII names.
      const m = wabt.parseWat(name, utf8.encode(text), features);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(m.toBinary({}).buffer);
      } finally {
        m.destroy();
      }
      return features.multi_memory && hasExplicitMemoryDataSegment(bytes) ? wat2wasmCli(text, cliFlags) : bytes;
    },
  };
}

let everything: Promise<WatConverter> | undefined;

/** WAT text to binary with every feature wabt knows enabled: the helper backend tests share. */
export async function wat(text: string, name = 'test.wat'): Promise<Uint8Array> {
  const converter = await (everything ??= createWatConverter(['tail-call', 'extended-const', 'multi-memory']));
  return converter.toBinary(name, text);
}
