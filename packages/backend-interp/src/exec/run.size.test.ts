import { describe, expect, it } from 'vitest';
import { bytecodeLengths, v8BytecodeLimit } from '../test-bytecode.js';
import { FIB_WAT, wat } from '../test-wat.js';

describe('execute', () => {
  // Past the limit V8 silently leaves the whole interpreter loop unoptimised, about 20x slower;
  // the margin leaves room for new instructions (the rare ones belong in exec/cold.ts).
  it('stays well below V8\'s bytecode size limit for optimisation', async () => {
    const bytes = await wat(FIB_WAT);
    const lengths = bytecodeLengths(new URL('../test-jitless-child.ts', import.meta.url), 'execute', bytes);
    expect(lengths).toHaveLength(1);
    expect(lengths[0]!).toBeLessThan(v8BytecodeLimit() * 0.85);
  }, 90_000);
});
