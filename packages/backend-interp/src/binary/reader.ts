import { BinaryReader, CompileError } from '@wrl/core/backend';

/** The bytes do not follow the binary format (the spec's "malformed"). */
export function malformed(message: string, offset: number): never {
  throw new CompileError(`malformed module: ${message} (at byte ${offset})`);
}

/** The module decodes but fails validation (the spec's "invalid"). */
export function invalid(message: string, offset: number): never {
  throw new CompileError(`invalid module: ${message} (at byte ${offset})`);
}

/** @wrl/core's cursor over module bytes (LEB128, names, spec wording for malformed input). */
export class Reader extends BinaryReader {
  /** `n` raw bytes, as this package's decoder names it. */
  bytesOf(n: number): Uint8Array {
    return this.take(n);
  }
}
