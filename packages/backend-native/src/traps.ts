/**
 * Translates the host engine's exceptions into `@wrl/core` errors. The JS API
 * only says "RuntimeError"; which trap it was is in the message, so this maps
 * the messages of V8 (Node, Chrome), SpiderMonkey (Firefox) and
 * JavaScriptCore (Safari) to trap codes.
 */
import { Trap, TrapCode, isHostError } from '@wrl/core/backend';

const RULES: ReadonlyArray<readonly [RegExp, TrapCode]> = [
  [/unreachable/i, TrapCode.UnreachableCodeReached],
  [/divi(de|sion) by zero|remainder by zero/i, TrapCode.IntegerDivisionByZero],
  [/divide result unrepresentable|integer overflow/i, TrapCode.IntegerOverflow],
  [/float unrepresentable|invalid conversion to integer|out of range float to int|trunc(ation| operation)/i, TrapCode.BadConversionToInteger],
  [/memory access out of bounds|data segment|out of bounds memory|memory\.(init|copy|fill)/i, TrapCode.MemoryOutOfBounds],
  [/null function|uninitialized element|indirect call to null|call_indirect to a null/i, TrapCode.IndirectCallToNull],
  [/signature mismatch|indirect call type mismatch|bad signature|call_indirect to a signature/i, TrapCode.BadSignature],
  [/table index|table access|element segment|elem segment|out of bounds table|out of bounds call_indirect|index into function table|table\.(init|copy|fill|get|set)/i, TrapCode.TableOutOfBounds],
  // SpiderMonkey's words for a memory access out of bounds.
  [/index out of bounds/i, TrapCode.MemoryOutOfBounds],
  [/stack (overflow|exhausted)|too much recursion|call stack size/i, TrapCode.StackOverflow],
];

/**
 * The trap code for a host-engine exception, or undefined when it is not a
 * trap. V8 reports a call_indirect to a null entry and to a function of the
 * wrong type with one message ("null function or function signature
 * mismatch"), which cannot tell the two apart; it maps to IndirectCallToNull,
 * the common case (compiled C, C++ and Rust call a null function pointer
 * through table slot 0, which their toolchains leave null).
 */
export function trapCodeOf(e: unknown): TrapCode | undefined {
  if (isHostError(e) || !(e instanceof Error)) return undefined;
  const isRuntime = e instanceof WebAssembly.RuntimeError;
  // Stack exhaustion surfaces as RangeError (V8, JSC) or InternalError (SpiderMonkey).
  const isStack = !isRuntime && (e.name === 'RangeError' || e.name === 'InternalError') && /call stack|too much recursion/i.test(e.message);
  if (!isRuntime && !isStack) return undefined;
  for (const [re, code] of RULES) if (re.test(e.message)) return code;
  return undefined;
}

/** `e` as a core error: a Trap for traps, anything else unchanged. */
export function toCoreError(e: unknown): unknown {
  const code = trapCodeOf(e);
  if (code !== undefined) return new Trap(code, undefined, { cause: e });
  if (e instanceof WebAssembly.RuntimeError && !isHostError(e)) {
    // A trap this table does not know (a newer proposal's): keep the engine's words.
    return new Trap(TrapCode.UnreachableCodeReached, `${e.message} (unrecognised trap)`, { cause: e });
  }
  return e;
}
