import { describe, expect, it } from 'vitest';
import { loadC } from './c-source.js';

describe('loadC', () => {
  it('compiles a committed C workload to a freestanding module exporting run', () => {
    const bytes = loadC('records');
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toContain('run');
    const run = new WebAssembly.Instance(module).exports.run as (n: number) => number;
    expect(run(100)).toBe(run(100));
    expect(loadC('records')).toBe(bytes);
  });

  it('names the source and the toolchain when compiling fails', () => {
    expect(() => loadC('no-such-workload')).toThrow(/workloads\/no-such-workload\.c.*clang/s);
  });
});
