/**
 * Child process of js-size.test.ts, run with `--print-bytecode`: compiles the
 * module's function 0 on the JS tier at its first call and runs it once.
 */
import { Engine, Imports, Instance, Module, Store, type Func } from '@wrl/core';
import { InterpEngine } from '../index.js';

const bytes = Uint8Array.from(atob(process.env.WRL_MODULE_B64 ?? ''), (c) => c.charCodeAt(0));
const engine = new Engine(new InterpEngine({ jsTier: true, jsTierHotness: 1 }));
const store = new Store(engine, undefined);
const instance = new Instance(store, new Module(engine, bytes), new Imports());
const run = (instance.getExport(store, 'run')!.value as Func).typed(store, ['i32'], ['i32']);
console.log(JSON.stringify({ result: run.call(store, 3) }));
