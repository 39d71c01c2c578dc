/** Maps the addon's error texts (`trap:<TrapCode>:<message>`, `error:<message>`) onto core's errors. */
import { LinkError, Trap, TrapCode } from '@wrl/core/backend';

const CODES = new Set<string>(Object.values(TrapCode));

/** The error for a failed call: a Trap for traps, else a plain Error naming wasm3. */
export function callError(text: string): Error {
  const trap = asTrap(text);
  if (trap) return trap;
  return new Error(`wasm3: ${stripKind(text)}`);
}

/** The error for a failed instantiation: a Trap (start function, segments) or a LinkError. */
export function instantiateError(text: string): Error {
  const trap = asTrap(text);
  if (trap) return trap;
  return new LinkError(`wasm3 could not instantiate the module: ${stripKind(text)}`);
}

function asTrap(text: string): Trap | undefined {
  if (!text.startsWith('trap:')) return undefined;
  const end = text.indexOf(':', 5);
  const code = text.slice(5, end);
  if (!CODES.has(code)) return undefined;
  return new Trap(code as TrapCode);
}

export function stripKind(text: string): string {
  if (text.startsWith('error:')) return text.slice(6);
  if (text.startsWith('trap:')) return text.slice(text.indexOf(':', 5) + 1);
  return text;
}
