import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('JS tier where new Function is forbidden', () => {
  it('falls back to the interpreter silently', async () => {
    vi.stubGlobal('Function', function Forbidden() {
      throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
    });
    vi.resetModules();
    // fresh modules, so the stub is what the tier sees first (core too, so classes match)
    const { Engine, Imports, Instance, Module, Store } = await import('@wrl/core');
    const { wat } = await import('../test-wat.js');
    const { InterpEngine } = await import('../engine.js');
    const { jitAvailable } = await import('./link.js');
    const engine = new Engine(new InterpEngine({ jsTier: true, jsTierHotness: 1 }));
    const bytes = await wat(`(module (func (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))`);
    const store = new Store(engine, undefined);
    const instance = new Instance(store, new Module(engine, bytes), new Imports());
    const f = instance.getExport(store, 'sq')?.intoFunc();
    if (!f) throw new Error('no export');
    const sq = f.typed(store, ['i32'], ['i32']);
    expect(sq.call(store, 12)).toBe(144);
    expect(sq.call(store, 13)).toBe(169);
    expect(jitAvailable()).toBe(false);
    const defs = (instance.module.backend as unknown as { defs: { factory: unknown }[] }).defs;
    expect(defs[0]!.factory).toBeUndefined();
  });
});
