import { describe, expect, it } from 'vitest';
import { runWorkload } from './backends.js';
import { loadContenders } from './contenders/index.js';
import { rawContender } from './contenders/raw.js';
import type { Contender } from './contenders/types.js';
import { wrlFailures } from './failures.js';
import { runLayer } from './layer.js';
import { generateStartupModule } from './startup-module.js';
import { WORKLOADS } from './workloads.js';

const QUICK = { quick: true, measure: { rounds: 1, timeMs: 1, warmupMs: 1 }, log: () => {} } as const;
const set = await loadContenders();

describe('quick mode correctness checks', () => {
  it('loads the baseline and the npm peers', () => {
    const ids = set.available.map((c) => c.id);
    expect(ids).toContain('wasm');
    expect(ids).toContain('polywasm');
    expect(ids).toContain('webassemblyjs');
  });

  // neither implements fixed-width SIMD (polywasm's README; the wasm3 backend's "What wasm3 cannot do here")
  const lacksSimd = new Set(['polywasm', 'wrl-wasm3']);
  for (const workload of WORKLOADS) {
    it(`${workload.id}: the baseline, polywasm and every available wrl backend give the baseline's result`, async () => {
      const result = await runWorkload(workload, set, QUICK);
      const byId = new Map(result.rows.map((r) => [r.contender, r]));
      const excused = (id: string) => workload.needs === 'simd' && lacksSimd.has(id);
      expect(byId.get('wasm')?.status).toBe('ok');
      expect(byId.get('polywasm')?.status).toBe(excused('polywasm') ? 'unsupported' : 'ok');
      for (const c of set.available.filter((c) => c.kind === 'wrl')) {
        const row = byId.get(c.id)!;
        if (excused(c.id)) {
          expect(row.status).toBe('unsupported');
          continue;
        }
        expect([row.status, row.detail]).toEqual(['ok', undefined]);
        expect(row.ratio).toBeGreaterThan(0);
      }
      for (const u of set.unavailable) expect(byId.get(u.id)?.status).toBe('unavailable');
    });
  }
});

describe('the harness', () => {
  it('reports a contender returning a different result as WRONG, not as timed', async () => {
    const raw = rawContender();
    const liar: Contender = {
      ...raw,
      id: 'liar',
      label: 'liar',
      kind: 'wrl',
      instantiate(bytes, imports) {
        const inner = raw.instantiate(bytes, imports);
        return { fn: (name, p, r) => { const f = inner.fn(name, p, r); return (...a) => f(...a) + 1; }, dispose: () => inner.dispose() };
      },
    };
    const result = await runWorkload(WORKLOADS.find((w) => w.id === 'fib')!, { available: [raw, liar], unavailable: [] }, QUICK);
    const row = result.rows.find((r) => r.contender === 'liar')!;
    expect(row.status).toBe('wrong');
    expect(row.summary).toBeUndefined();
    expect(row.detail).toBe('returned 56, expected 55');
  });

  it('reports a contender that throws as a crash', async () => {
    const raw = rawContender();
    const broken: Contender = { ...raw, id: 'broken', label: 'broken', kind: 'wrl', instantiate() { throw new RangeError('boom'); } };
    const result = await runWorkload(WORKLOADS.find((w) => w.id === 'loop')!, { available: [raw, broken], unavailable: [] }, QUICK);
    expect(result.rows.find((r) => r.contender === 'broken')).toMatchObject({ status: 'crash', detail: 'RangeError: boom' });
  });

  it('generates a valid startup module of about 1 MB at the full size', () => {
    const bytes = generateStartupModule(WORKLOADS.find((w) => w.id === 'startup')!.sizes.full);
    expect(bytes.length).toBeGreaterThan(900_000);
    expect(bytes.length).toBeLessThan(1_300_000);
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});

describe('the cost of the layer (quick)', () => {
  it('every call path returns the expected result', async () => {
    const layer = await runLayer(QUICK);
    if (!layer.available) {
      expect(set.unavailable.map((u) => u.id)).toContain('wrl-native');
      return;
    }
    for (const g of layer.groups) for (const r of g.rows) expect([g.id, r.id, r.status, r.detail]).toEqual([g.id, r.id, 'ok', undefined]);
  });
});

describe('the exit status', () => {
  it('fails the run for a wrong or crashing wrl contender only', () => {
    const row = (contender: string, kind: 'wrl' | 'peer', status: 'ok' | 'wrong' | 'crash' | 'unsupported') => ({ contender, label: contender, kind, size: 1, status, detail: 'x' });
    const workload = (rows: ReturnType<typeof row>[]) => [{ id: 'w', title: 'w', size: 1, description: '', sizes: {}, rows }];
    expect(wrlFailures(workload([row('a', 'wrl', 'ok'), row('p', 'peer', 'wrong'), row('u', 'wrl', 'unsupported')]), undefined)).toEqual([]);
    expect(wrlFailures(workload([row('a', 'wrl', 'wrong'), row('b', 'wrl', 'crash')]), undefined)).toEqual(['w on a: wrong: x', 'w on b: crash: x']);
  });
});
