import { ExternRef, Func, FuncType, Imports, Instance, Module, Store, Value, type Engine } from '@wrl/core';
import { expectEqual, type Example } from './example.js';
import { wat } from './wat.js';

class Session {
  constructor(readonly user: string) {}
}

/** A host object travels through wasm as an externref and comes back as the same object. */
export const externref: Example = {
  name: 'externref',
  title: 'host objects round-trip through wasm as externref',
  async run(engine: Engine) {
    const store = new Store(engine, null);
    const module = new Module(engine, await wat(`(module
      (import "host" "greet" (func $greet (param externref) (result i32)))
      (table $slots 2 externref)
      (func (export "keep") (param i32 externref) (table.set $slots (local.get 0) (local.get 1)))
      (func (export "fetch") (param i32) (result externref) (table.get $slots (local.get 0)))
      (func (export "greet_slot") (param i32) (result i32) (call $greet (table.get $slots (local.get 0)))))`));
    const seen: string[] = [];
    const greet = new Func(store, new FuncType(['externref'], ['i32']), (caller, args, results) => {
      const ref = args[0]!.value as ExternRef | null;
      const session = ref?.downcast(caller, Session);
      seen.push(session ? session.user : 'nobody');
      results[0] = Value.i32(session ? 1 : 0);
    });
    const instance = new Instance(store, module, new Imports().define('host', 'greet', greet));
    const alice = new Session('alice');
    const ref = new ExternRef(store, alice);
    const fn = (name: string) => instance.getExport(store, name)!.intoFunc()!;
    fn('keep').call(store, [Value.i32(0), Value.externref(ref)], []);
    const out = [Value.externref<ExternRef>(null)];
    fn('fetch').call(store, [Value.i32(0)], out);
    const back = out[0]!.value as ExternRef;
    const ok = [Value.i32(0)];
    fn('greet_slot').call(store, [Value.i32(0)], ok);
    fn('greet_slot').call(store, [Value.i32(1)], [Value.i32(0)]);
    expectEqual([back === ref, back.downcast(store) === alice, seen], [true, true, ['alice', 'nobody']], 'externref round trip');
    return `same ExternRef back: ${back === ref}; host saw ${seen.join(', ')}`;
  },
};
