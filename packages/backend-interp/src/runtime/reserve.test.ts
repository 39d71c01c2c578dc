import { describe, expect, it } from 'vitest';
import { reserveLargest } from './reserve.js';

describe('reserveLargest', () => {
  it('falls back to smaller sizes the host grants, and rethrows other errors', () => {
    const refuseAbove = (max: number) => (n: number) => {
      if (n > max) throw new RangeError('Array buffer allocation failed');
      return n;
    };
    expect(reserveLargest([64, 16, 4], 1, refuseAbove(100))).toBe(64);
    expect(reserveLargest([64, 16, 4], 1, refuseAbove(20))).toBe(16);
    expect(reserveLargest([64, 16, 4], 1, refuseAbove(2))).toBe(1);
    expect(() => reserveLargest([64], 1, () => { throw new TypeError('no'); })).toThrow(TypeError);
  });
});
