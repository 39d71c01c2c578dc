import { Trap, TrapCode, markHostError } from '@wrl/core/backend';
import { describe, expect, it } from 'vitest';
import { translateError } from './call.js';

/** SpiderMonkey's error for an exhausted stack (not a RangeError). */
class InternalError extends Error {
  override name = 'InternalError';
}

describe('translateError', () => {
  it('maps the stack-overflow errors of V8/JavaScriptCore and SpiderMonkey to StackOverflow', () => {
    for (const e of [new RangeError('Maximum call stack size exceeded'), new RangeError('Maximum call stack size exceeded.'), new InternalError('too much recursion')]) {
      const t = translateError(e);
      expect(t).toBeInstanceOf(Trap);
      expect((t as Trap).code).toBe(TrapCode.StackOverflow);
      expect((t as Trap).cause).toBe(e);
    }
  });

  it('maps the DataView bounds errors of V8, JavaScriptCore and SpiderMonkey to MemoryOutOfBounds', () => {
    for (const msg of ['Offset is outside the bounds of the DataView', 'Out of bounds access', 'invalid or out-of-range index']) {
      const t = translateError(new RangeError(msg));
      expect((t as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
    }
  });

  it('passes host errors and anything else through unchanged', () => {
    const host = new RangeError('Maximum call stack size exceeded');
    markHostError(host);
    for (const e of [host, new RangeError('Invalid array length'), new TypeError('bounds'), 'a string', new InternalError('other')]) {
      expect(translateError(e)).toBe(e);
    }
  });
});
