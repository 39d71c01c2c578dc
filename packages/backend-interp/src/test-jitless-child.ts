/**
 * Child process of jitless.test.ts, run under `node --jitless` where the
 * `WebAssembly` global does not exist: instantiates a precompiled module on the
 * interpreter and prints what it computed as JSON.
 */
import { Engine, Imports, Instance, Module, Store, type Func } from '@wrl/core';
import { InterpEngine } from './index.js';

const bytes = Uint8Array.from(atob(process.env.WRL_MODULE_B64 ?? ''), (c) => c.charCodeAt(0));
const engine = new Engine(new InterpEngine());
const store = new Store(engine, undefined);
const instance = new Instance(store, new Module(engine, bytes), new Imports());
const fib = (instance.getExport(store, 'fib')!.value as Func).typed(store, ['i32'], ['i32']);
console.log(JSON.stringify({ hasWebAssembly: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'undefined', fib20: fib.call(store, 20) }));
