/**
 * Child process of jitless.test.ts, run as `node --jitless`: V8 has no
 * WebAssembly there, so everything below runs on wasm3 alone. Prints one
 * line of JSON with what it saw.
 */
import { readFileSync } from 'node:fs';
import { Engine, Func, FuncType, Imports, Instance, Module, Store } from '@wrl/core';
import { Wasm3Engine } from './index.js';

const file = process.argv[2]!;
const engine = new Engine(new Wasm3Engine());
const store = new Store(engine, { logged: [] as number[] });
const module = new Module(engine, readFileSync(file));
const imports = new Imports().define('env', 'log', Func.wrap(store, new FuncType(['i32'], []), (caller, x: number) => {
  (caller.data as { logged: number[] }).logged.push(x);
}));
const instance = new Instance(store, module, imports);
const fib = instance.getExport(store, 'fib')!.intoFunc()!.typed(store, ['i32'], ['i32']);
const result = fib.call(store, 20);
console.log(JSON.stringify({ webAssembly: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly, result, logged: store.data.logged }));
store.close();
