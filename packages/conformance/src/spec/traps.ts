import { TrapCode } from '@wrl/core';

/** The trap code the spec testsuite means by each assert_trap message (matched by prefix). */
const MESSAGE_CODES: ReadonlyArray<readonly [string, TrapCode]> = [
  ['unreachable', TrapCode.UnreachableCodeReached],
  ['out of bounds memory access', TrapCode.MemoryOutOfBounds],
  ['undefined element', TrapCode.TableOutOfBounds],
  ['out of bounds table access', TrapCode.TableOutOfBounds],
  ['uninitialized element', TrapCode.IndirectCallToNull],
  ['indirect call type mismatch', TrapCode.BadSignature],
  ['integer overflow', TrapCode.IntegerOverflow],
  ['integer divide by zero', TrapCode.IntegerDivisionByZero],
  ['invalid conversion to integer', TrapCode.BadConversionToInteger],
  ['call stack exhausted', TrapCode.StackOverflow],
];

/** The TrapCode for a testsuite trap message, or undefined for messages this table does not know. */
export function trapCodeFor(message: string): TrapCode | undefined {
  return MESSAGE_CODES.find(([prefix]) => message.startsWith(prefix))?.[1];
}
