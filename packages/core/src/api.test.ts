import { describe, expect, it } from 'vitest';
import type { BackendExtern } from './backend.js';
import {
  CompileError, Engine, Extern, ExternRef, Func, FuncType, Global, GlobalType, Imports, Instance, LinkError, Memory,
  MemoryType, Module, Store, Table, TableType, Trap, UnsupportedFeatureError, Value, type ValueType,
} from './index.js';
import { isHostError } from './errors.js';
import { FakeEngine, type FakeStore } from './testing/fake-backend.js';

const addOneType = new FuncType(['i32'], ['i32']);

/** A fake module exporting add_one and importing env.f if asked. */
function setup(opts: ConstructorParameters<typeof FakeEngine>[0] = {}) {
  const fake = new FakeEngine(opts);
  const engine = new Engine(fake);
  const bytes = fake.define({
    exports: [{ name: 'add_one', ty: addOneType }],
    instantiate: (s: FakeStore) => ({
      add_one: { kind: 'func', value: s.func(addOneType, (a, r) => void (r[0] = Value.i32((a[0]!.value as number) + 1))) },
    }),
  });
  return { fake, engine, bytes };
}

describe('Engine, Store, Module, Instance', () => {
  it('runs the quickstart shape', () => {
    const { engine, bytes } = setup();
    const store = new Store(engine, null);
    const module = new Module(engine, bytes);
    const instance = new Instance(store, module, new Imports());
    const addOne = instance.getExport(store, 'add_one')!.intoFunc()!;
    const result = [Value.i32(0)];
    addOne.call(store, [Value.i32(42)], result);
    expect(result[0]).toEqual(Value.i32(43));
    expect(module.exports()).toEqual([{ name: 'add_one', ty: addOneType }]);
    expect(module.getExport('add_one')).toEqual(addOneType);
    expect(module.getExport('nope')).toBeUndefined();
    expect(instance.exports(store).map((e) => e.name)).toEqual(['add_one']);
    expect(instance.getExport(store, 'nope')).toBeUndefined();
  });

  it('rejects a non-backend and reports the backend name', () => {
    expect(() => new Engine({} as never)).toThrow(TypeError);
    expect(new Engine(new FakeEngine()).name).toBe('fake');
  });

  it('keeps store data readable and writable from the store and contexts', () => {
    const { engine } = setup();
    const store = new Store(engine, { n: 1 });
    expect(store.data.n).toBe(1);
    store.data = { n: 2 };
    const ctx = store.asContextMut();
    expect(ctx.data.n).toBe(2);
    ctx.data = { n: 3 };
    expect(store.data.n).toBe(3);
    expect(store.asContext().engine).toBe(engine);
    expect(store.engine).toBe(engine);
  });

  it('wraps a backend handle in the same object every time', () => {
    const { engine, bytes } = setup();
    const store = new Store(engine, null);
    const instance = new Instance(store, new Module(engine, bytes), new Imports());
    expect(instance.getExport(store, 'add_one')!.intoFunc()).toBe(instance.getExport(store, 'add_one')!.intoFunc());
  });

  it('compiles asynchronously from bytes, a Response and a stream', async () => {
    const { engine, bytes } = setup();
    expect((await Module.compile(engine, bytes)).exports()).toHaveLength(1);
    expect((await Module.compile(engine, new Response(bytes.slice().buffer))).exports()).toHaveLength(1);
    expect((await Module.compile(engine, new Response(bytes.slice().buffer).body!)).exports()).toHaveLength(1);
    await expect(Module.compile(engine, new Response('x', { status: 404 }))).rejects.toThrow(CompileError);
    await expect(Module.compile(engine, 'nope' as never)).rejects.toThrow(TypeError);
  });

  it('rejects modules using features the backend lacks, naming the feature', () => {
    const fake = new FakeEngine({ features: [] });
    const engine = new Engine(fake);
    // (module (func (result i32 i32) i32.const 1 i32.const 2)): multi-value
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 1, 65, 2, 11]);
    let err: unknown;
    try {
      new Module(engine, bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    expect((err as Error).cause).toBeInstanceOf(UnsupportedFeatureError);
    expect((err as Error).message).toMatch(/multi-value/);
  });

  it('closes a store, after which every use throws a TypeError', () => {
    const { fake, engine, bytes } = setup();
    const store = new Store(engine, null);
    const f = new Instance(store, new Module(engine, bytes), new Imports()).getExport(store, 'add_one')!.intoFunc()!;
    store.close();
    expect(store.closed).toBe(true);
    expect(fake.stores[0]!.disposed).toBe(true);
    expect(() => f.call(store, [Value.i32(1)], [Value.i32(0)])).toThrow(TypeError);
    expect(() => new Instance(store, new Module(engine, bytes), new Imports())).toThrow(TypeError);
  });

  it('rejects modules from another engine and objects from another store', () => {
    const a = setup();
    const b = setup();
    const storeA = new Store(a.engine, null);
    const storeB = new Store(a.engine, null);
    expect(() => new Instance(storeA, new Module(b.engine, b.bytes), new Imports())).toThrow(TypeError);
    const f = new Instance(storeA, new Module(a.engine, a.bytes), new Imports()).getExport(storeA, 'add_one')!.intoFunc()!;
    expect(() => f.call(storeB, [Value.i32(1)], [Value.i32(0)])).toThrow(/different store/);
    expect(() => f.ty(storeB)).toThrow(TypeError);
  });
});

describe('Func', () => {
  it('checks argument and result arrays', () => {
    const { engine, bytes } = setup();
    const store = new Store(engine, null);
    const f = new Instance(store, new Module(engine, bytes), new Imports()).getExport(store, 'add_one')!.intoFunc()!;
    expect(() => f.call(store, [], [Value.i32(0)])).toThrow(TypeError);
    expect(() => f.call(store, [Value.i64(1n)], [Value.i32(0)])).toThrow(/i32/);
    expect(() => f.call(store, [1 as never], [Value.i32(0)])).toThrow(TypeError);
    expect(() => f.call(store, [Value.i32(1)], [])).toThrow(TypeError);
  });

  it('calls host functions with the caller and store data', () => {
    const { engine } = setup();
    const store = new Store(engine, { calls: 0 });
    const f = new Func(store, new FuncType(['i32', 'i32'], ['i32', 'i64']), (caller, args, results) => {
      caller.data.calls++;
      results[0] = Value.i32((args[0]!.value as number) * (args[1]!.value as number));
      results[1] = Value.i64(7n);
    });
    const out = [Value.i32(0), Value.i64(0n)];
    f.call(store, [Value.i32(6), Value.i32(7)], out);
    expect(out).toEqual([Value.i32(42), Value.i64(7n)]);
    expect(store.data.calls).toBe(1);
    expect(f.ty(store)).toEqual(new FuncType(['i32', 'i32'], ['i32', 'i64']));
  });

  it('reports a host function returning a wrong value type as a TypeError', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const f = new Func(store, new FuncType([], ['i32']), (_c, _a, results) => void (results[0] = Value.f64(1)));
    expect(() => f.call(store, [], [Value.i32(0)])).toThrow(/i32/);
  });

  it('checks what typed host functions return, for every result kind and arity', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const call = (params: ValueType[], results: ValueType[], fn: (...a: any[]) => unknown) =>
      Func.wrap(store, new FuncType(params, results), (_c, ...a: unknown[]) => fn(...a)).typed(store, params, results).call(store, ...(params.map((t) => (t === 'i64' ? 1n : 1)) as never[]));
    expect(call(['i32'], ['i64'], () => 5n)).toBe(5n);
    expect(() => call(['i32'], ['i64'], () => 5)).toThrow(/must return a bigint for i64/);
    expect(call([], [], () => undefined)).toBeUndefined();
    expect(() => call(['i32', 'i32'], [], () => 5)).toThrow(/no results returned number 5/);
    expect(call(['f64', 'f64', 'f64'], ['f64'], (a: number, b: number, c: number) => a + b + c)).toBe(3);
    expect(() => call(['f64', 'f64', 'f64'], ['f64'], () => 1n)).toThrow(/must return a number for f64/);
    expect(call(['i64'], ['i32', 'i64'], (x: bigint) => [1, x])).toEqual([1, 1n]);
    expect(() => call(['i64'], ['i32', 'i64'], () => [1, 2])).toThrow(/result 1 must be a bigint/);
    const thrown = new RangeError('mine');
    try {
      call(['i32'], ['i32'], () => {
        throw thrown;
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBe(thrown);
      expect(isHostError(e)).toBe(true);
    }
  });

  it('passes host exceptions through unchanged and marks them', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const boom = new Error('boom');
    const f = new Func(store, new FuncType([], []), () => {
      throw boom;
    });
    let caught: unknown;
    try {
      f.call(store, [], []);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    expect(isHostError(boom)).toBe(true);
  });

  it('translates references both ways and keeps ExternRef identity', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const id = new Func(store, new FuncType(['externref', 'funcref'], ['externref', 'funcref']), (_c, args, results) => {
      results[0] = args[0]!;
      results[1] = args[1]!;
    });
    const obj = { hello: 'world' };
    const ref = new ExternRef(store, obj);
    const out = [Value.externref(null), Value.funcref(null)];
    id.call(store, [Value.externref(ref), Value.funcref(id)], out);
    expect(out[0]!.value).toBe(ref);
    expect(out[1]!.value).toBe(id);
    expect(ref.downcast(store)).toBe(obj);
    expect(ref.downcast(store, Map)).toBeUndefined();
    const other = new Store(engine, null);
    expect(() => id.call(other, [Value.externref(ref), Value.funcref(null)], out)).toThrow(TypeError);
  });

  it('refuses reference-typed host functions without the host-refs capability', () => {
    const store = new Store(new Engine(new FakeEngine({ capabilities: [] })), null);
    expect(() => new Func(store, new FuncType(['externref'], []), () => {})).toThrow(UnsupportedFeatureError);
  });

  it('has a typed fast path for calls and host functions', () => {
    for (const typedFuncs of [true, false]) {
      const { engine } = setup({ typedFuncs });
      const store = new Store(engine, 10);
      const mul = Func.wrap(store, new FuncType(['i32', 'i64'], ['i64']), (caller, a: number, b: bigint) => BigInt(a * (caller.data as number)) * b);
      const typed = mul.typed(store, ['i32', 'i64'], ['i64']);
      expect(typed.call(store, 3, 2n)).toBe(60n);
      const out = [Value.i64(0n)];
      mul.call(store, [Value.i32(1), Value.i64(5n)], out);
      expect(out[0]).toEqual(Value.i64(50n));
      expect(() => mul.typed(store, ['i32'], ['i64'])).toThrow(TypeError);
      const bad = Func.wrap(store, new FuncType([], ['i32']), () => 'x');
      expect(() => bad.typed(store, [], ['i32']).call(store)).toThrow(TypeError);
      const pair = Func.wrap(store, new FuncType([], ['i32', 'f64']), () => [1, 2.5]);
      expect(pair.typed(store, [], ['i32', 'f64']).call(store)).toEqual([1, 2.5]);
    }
  });

  it('makes dynamic calls of numeric wasm functions through the typed entry, keeping NaN bits exact', () => {
    const { fake, engine } = setup();
    const seen: string[] = [];
    const ty = new FuncType(['i32', 'f32'], ['i64']);
    const fty = new FuncType(['f64'], ['f64']);
    const bytes = fake.define({
      exports: [{ name: 'f', ty }, { name: 'g', ty: fty }],
      instantiate: (s) => ({
        f: {
          kind: 'func',
          value: s.func(
            ty,
            (args, results) => {
              seen.push('call');
              results[0] = Value.i64(BigInt(args[0]!.value as number) + BigInt(args[1]!.f32Bits()));
            },
            (a: number, b: number) => {
              seen.push('typed');
              return BigInt(a) + BigInt(Math.trunc(b));
            },
          ),
        },
        g: { kind: 'func', value: s.func(fty, (args, results) => { seen.push('call'); results[0] = args[0]!; }, (x: number) => { seen.push('typed'); return x; }) },
      }),
    });
    const store = new Store(engine, null);
    const instance = new Instance(store, new Module(engine, bytes), new Imports());
    const f = instance.getExport(store, 'f')!.intoFunc()!;
    const out = [Value.i64(0n)];
    f.call(store, [Value.i32(2), Value.f32(3)], out);
    expect(out[0]).toEqual(Value.i64(5n));
    expect(seen).toEqual(['typed']);
    f.call(store, [Value.i32(1), Value.f32FromBits(0x7fa00001)], out);
    expect(seen).toEqual(['typed', 'call']);
    expect(out[0]).toEqual(Value.i64(1n + 0x7fa00001n));
    expect(() => f.call(store, [Value.i32(1), Value.f64(3)], out)).toThrow(TypeError);
    // a float result keeps its exact bits only through the backend's Value path
    const g = instance.getExport(store, 'g')!.intoFunc()!;
    const gout = [Value.f64(0)];
    g.call(store, [Value.f64(1.5)], gout);
    expect(gout[0]).toEqual(Value.f64(1.5));
    expect(seen.at(-1)).toBe('call');
  });

  it('refuses typed views of signatures with references or v128', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    expect(() => Func.wrap(store, new FuncType(['externref'], []), () => undefined)).toThrow(TypeError);
  });
});

describe('Global, Memory, Table', () => {
  it('gets and sets globals, rejecting immutable and mistyped sets', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const g = new Global(store, Value.i64(5n), true);
    expect(g.get(store)).toEqual(Value.i64(5n));
    g.set(store, Value.i64(6n));
    expect(g.get(store)).toEqual(Value.i64(6n));
    expect(() => g.set(store, Value.i32(1))).toThrow(TypeError);
    expect(g.ty(store)).toEqual(new GlobalType('i64', true));
    const c = new Global(store, Value.f32(1.5), false);
    expect(() => c.set(store, Value.f32(2))).toThrow(/immutable/);
  });

  it('reads, writes and grows memory with bounds checks', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const m = new Memory(store, new MemoryType(1, 2));
    m.write(store, 100, new Uint8Array([1, 2, 3]));
    const buf = new Uint8Array(3);
    m.read(store, 100, buf);
    expect([...buf]).toEqual([1, 2, 3]);
    expect(() => m.read(store, 65535, new Uint8Array(2))).toThrow(RangeError);
    expect(() => m.write(store, -1, new Uint8Array(1))).toThrow(RangeError);
    expect(m.grow(store, 1)).toBe(1);
    expect(m.currentPages(store)).toBe(2);
    expect(() => m.grow(store, 1)).toThrow(RangeError);
    expect(m.ty(store)).toEqual(new MemoryType(2, 2));
  });

  it('gets, sets and grows tables with bounds checks', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const t = new Table(store, new TableType('externref', 2, 3), Value.externref(null));
    const r = new ExternRef(store, 'x');
    t.set(store, 1, Value.externref(r));
    expect(t.get(store, 1)!.value).toBe(r);
    expect(t.get(store, 2)).toBeUndefined();
    expect(() => t.set(store, 2, Value.externref(null))).toThrow(RangeError);
    expect(() => t.set(store, 0, Value.funcref(null))).toThrow(TypeError);
    expect(t.grow(store, 1, Value.externref(r))).toBe(2);
    expect(t.size(store)).toBe(3);
    expect(() => t.grow(store, 1, Value.externref(null))).toThrow(RangeError);
  });

  it('names the missing capability when the backend cannot do something', () => {
    const store = new Store(new Engine(new FakeEngine({ capabilities: [] })), null);
    expect(() => new Memory(store, new MemoryType(1))).toThrow(UnsupportedFeatureError);
    expect(() => new Table(store, new TableType('funcref', 1), Value.funcref(null))).toThrow(/host-tables/);
    expect(() => new Global(store, Value.i32(1), false)).toThrow(/host-globals/);
    expect(() => store.setFuel(10)).toThrow(/fuel/);
  });

  it('sets and reads fuel where the backend meters it', () => {
    const store = new Store(new Engine(new FakeEngine({ capabilities: ['fuel'] })), null);
    store.setFuel(10);
    expect(store.getFuel()).toBe(10n);
    expect(() => store.setFuel(-1)).toThrow(RangeError);
  });
});

describe('Imports and linking', () => {
  function importer() {
    const fake = new FakeEngine();
    const engine = new Engine(fake);
    const seen: BackendExtern[][] = [];
    const bytes = fake.define({
      imports: [
        { module: 'env', name: 'f', ty: addOneType },
        { module: 'env', name: 'mem', ty: new MemoryType(1) },
      ],
      instantiate: (_s, imports) => (seen.push([...imports]), {}),
    });
    return { engine, bytes, seen };
  }

  it('defines, looks up and iterates imports', () => {
    const { engine } = setup();
    const store = new Store(engine, null);
    const f = new Func(store, addOneType, () => {});
    const m = new Memory(store, new MemoryType(1));
    const imports = new Imports().define('env', 'f', f).defineNamespace('env', { mem: m });
    expect(imports.has('env', 'f')).toBe(true);
    expect(imports.has('env', 'g')).toBe(false);
    expect(imports.get('env', 'f')!.intoFunc()).toBe(f);
    expect(imports.get('env', 'mem')!.intoMemory()).toBe(m);
    expect(imports.get('env', 'mem')!.intoFunc()).toBeUndefined();
    expect([...imports].map(([k]) => k)).toEqual([['env', 'f'], ['env', 'mem']]);
    const more = new Imports().extend(imports);
    expect(more.size).toBe(2);
    expect(more.getNamespace('env')!.size).toBe(2);
    expect(Extern.from(f).ty(store)).toEqual(addOneType);
    expect(() => imports.define('env', 'x', {} as never)).toThrow(TypeError);
  });

  it('passes imports to the backend in module order', () => {
    const { engine, bytes, seen } = importer();
    const store = new Store(engine, null);
    const f = new Func(store, addOneType, () => {});
    const m = new Memory(store, new MemoryType(2));
    new Instance(store, new Module(engine, bytes), new Imports().define('env', 'mem', m).define('env', 'f', f));
    expect(seen[0]!.map((e) => e.kind)).toEqual(['func', 'memory']);
  });

  it('reports missing and mistyped imports as LinkError', () => {
    const { engine, bytes } = importer();
    const store = new Store(engine, null);
    const module = new Module(engine, bytes);
    const mem = new Memory(store, new MemoryType(1));
    expect(() => new Instance(store, module, new Imports().define('env', 'mem', mem))).toThrow(LinkError);
    const wrong = new Func(store, new FuncType([], []), () => {});
    expect(() => new Instance(store, module, new Imports().define('env', 'f', wrong).define('env', 'mem', mem))).toThrow(/incompatible import type/);
    const small = new Memory(store, new MemoryType(0));
    const f = new Func(store, addOneType, () => {});
    expect(() => new Instance(store, module, new Imports().define('env', 'f', f).define('env', 'mem', small))).toThrow(LinkError);
  });

  it('keeps Trap codes and messages', () => {
    const t = new Trap('IntegerDivisionByZero');
    expect(t.code).toBe('IntegerDivisionByZero');
    expect(t.message).toMatch(/divide by zero/);
    expect(t).toBeInstanceOf(Error);
  });
});
