import { describe, expect, it } from 'vitest';
import type { WorkloadResult } from './backends.js';
import { pairedRatio } from './measure.js';
import { renderChart } from './report/chart.js';
import { workloadTable } from './report/tables.js';
import { generateStartupModule, setNonce } from './startup-module.js';
import { summarize } from './stats.js';

describe('statistics', () => {
  it('summarizes samples by median and median absolute deviation', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ median: 3, mad: 1, min: 1, max: 5, n: 5 });
    expect(summarize([1, 2, 3, 10]).median).toBe(2.5);
  });

  it('pairs ratios by round, so a slow round for everyone does not move them', () => {
    // Round 2 ran twice as slow for both; the paired ratio stays 2.
    expect(pairedRatio([2, 4, 2], [1, 2, 1])).toBe(2);
    expect(pairedRatio([], [1])).toBeUndefined();
  });
});

describe('the startup module nonce', () => {
  it('changes the bytes but not what the module computes', () => {
    const a = generateStartupModule(20);
    const b = a.slice();
    setNonce(b, 12345);
    expect(Buffer.compare(a, b)).not.toBe(0);
    const run = (bytes: Uint8Array) =>
      (new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).exports.run as (x: number) => number)(7);
    expect(run(b)).toBe(run(a));
  });
});

describe('report rendering', () => {
  const result: WorkloadResult = {
    id: 'fib',
    title: 'recursive fib',
    size: 27,
    description: 'fib(27)',
    sizes: { 27: 'fib(27)' },
    rows: [
      { contender: 'wasm', label: 'WebAssembly (raw)', kind: 'baseline', size: 27, status: 'ok', summary: { median: 2, mad: 0.02, min: 1.9, max: 2.2, n: 10 }, ratio: 1 },
      { contender: 'wrl-interp', label: 'wrl interp', kind: 'wrl', size: 27, status: 'ok', summary: { median: 50, mad: 1, min: 49, max: 52, n: 5 }, ratio: 25 },
      { contender: 'peer', label: 'peer', kind: 'peer', size: 20, status: 'wrong', detail: 'returned 20, expected 6765' },
      { contender: 'wrl-wasm3', label: 'wrl wasm3', kind: 'wrl', size: 27, status: 'unavailable', detail: 'not built' },
    ],
  };

  it('draws a bar per timed row and writes the outcome of the others', () => {
    const svg = renderChart([result], 'machine');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect [^>]*fill="#(?!ffffff)/g)).toHaveLength(2);
    expect(svg).toContain('25.0x');
    expect(svg).toContain('WRONG result');
    expect(svg).toContain('unavailable');
    expect(svg).toContain('peer *');
  });

  it('tabulates median, spread, ratio and the reason for untimed rows', () => {
    const t = workloadTable(result);
    expect(t.rows[1]).toEqual(['wrl interp', '50.00 ms', '±2.0%', '5', '25.0x', '']);
    expect(t.rows[2]).toEqual(['peer (size 20)', '', '', '', '', 'WRONG: returned 20, expected 6765']);
    expect(t.rows[3]![5]).toBe('unavailable: not built');
  });
});
