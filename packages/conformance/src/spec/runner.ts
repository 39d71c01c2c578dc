/**
 * Executes the commands of one .wast script on a backend, through the public
 * @wrl/core API only. A failing command never stops the script: each command
 * yields a result, and later commands on a module that failed say why.
 */
import {
  CompileError,
  Engine,
  Extern,
  Imports,
  Instance,
  LinkError,
  Module,
  Store,
  Trap,
  TrapCode,
  UnsupportedFeatureError,
  Value,
  WASM2_FEATURES,
  type PublicValue,
  type WasmFeature,
} from '@wrl/core';
import { readModuleInfo } from '@wrl/core/backend';
import type { BackendUnderTest } from '../backend.js';
import type { Action, Command, ModuleDef } from '../wast/script.js';
import { describeConst, type Expected } from '../wast/values.js';
import { ExternIds, constToValue, describeActual, describeExpected, matches, needsExactNan } from './results.js';
import { createSpectest } from './spectest.js';
import { trapCodeFor } from './traps.js';
import { createWatConverter, type WatConverter } from './wat.js';

export type CommandStatus = 'passed' | 'failed' | 'skipped';

export interface CommandResult {
  readonly line: number;
  /** A short description, e.g. `assert_return (invoke "add")`. */
  readonly command: string;
  readonly status: CommandStatus;
  /** Why it failed or was skipped. */
  readonly message?: string;
}

/** A module command's outcome, as later commands referring to it see it. */
type ModuleState =
  | { readonly kind: 'ok'; readonly instance: Instance; readonly line: number }
  | { readonly kind: 'failed'; readonly reason: string; readonly line: number }
  | { readonly kind: 'skipped'; readonly reason: string; readonly line: number };

/** Thrown inside a command to report it skipped. */
class Skip extends Error {}
/** Thrown inside a command to report it failed with a plain message. */
class Failure extends Error {}

const DEFAULT_FUEL = 200_000_000n;

const INDIRECT_CALL_TRAPS: readonly TrapCode[] = [TrapCode.IndirectCallToNull, TrapCode.BadSignature];
const CONVERSION_TRAPS: readonly TrapCode[] = [TrapCode.BadConversionToInteger, TrapCode.IntegerOverflow];

function sameGroup(group: readonly TrapCode[], a: TrapCode, b: TrapCode): boolean {
  return group.includes(a) && group.includes(b);
}

export function describeCommand(c: Command): string {
  const act = (a: Action) => `(${a.kind}${a.module ? ' ' + a.module : ''} ${JSON.stringify(a.name)}${a.kind === 'invoke' && a.args.length ? ' ' + a.args.map(describeConst).join(' ') : ''})`;
  switch (c.kind) {
    case 'module': return `module${c.module.name ? ' ' + c.module.name : ''}${c.module.source.kind === 'text' ? '' : ' ' + c.module.source.kind}`;
    case 'register': return `register ${JSON.stringify(c.as)}${c.module ? ' ' + c.module : ''}`;
    case 'action': return act(c.action).slice(1, -1);
    case 'assert_return': return `assert_return ${act(c.action)}`;
    case 'assert_trap':
    case 'assert_exhaustion': return `${c.kind} ${act(c.action)}`;
    case 'assert_module_trap': return `assert_trap (module)`;
    case 'unparsable': return 'unparsable command';
    default: return `${c.kind} (module${c.module.source.kind === 'text' ? '' : ' ' + c.module.source.kind})`;
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? ` (cause: ${e.cause.name}: ${e.cause.message})` : '';
    return `${e.name}${e instanceof Trap ? `[${e.code}]` : ''}: ${e.message.split('\n').filter(Boolean).slice(0, 2).join(' ')}${cause}`;
  }
  return String(e);
}

/** A quoted module is either a whole `(module ...)` or its fields alone. */
function quotedModuleText(text: string): string {
  return /^\s*\(module(?=[\s()$;]|$)/.test(text) ? text : `(module ${text})`;
}

/** A backend's own report that it cannot do something turns the command into a skip. */
function skipIfUnsupported(e: unknown): void {
  const why = unsupportedReason(e);
  if (why !== undefined) throw new Skip(why);
}

function unsupportedReason(e: unknown): string | undefined {
  if (e instanceof UnsupportedFeatureError) return e.message;
  if (e instanceof CompileError && e.cause instanceof UnsupportedFeatureError) return e.cause.message;
  return undefined;
}

export interface ScriptRunnerOptions {
  /** A name for messages, e.g. "i32.wast". */
  readonly file: string;
  /** Proposal features the script's text modules may use (enables them in the WAT parser). */
  readonly proposals?: readonly WasmFeature[];
}

/** Runs the commands of one script in order, in one store. */
export class ScriptRunner {
  readonly #backend: BackendUnderTest;
  readonly #file: string;
  readonly #proposals: readonly WasmFeature[];
  readonly #engine: Engine;
  readonly #store: Store<unknown>;
  readonly #wat: WatConverter;
  readonly #ids = new ExternIds();
  readonly #named = new Map<string, ModuleState>();
  readonly #registered = new Map<string, ModuleState>();
  /**
   * Instances whose state a skipped module would have changed (it imports
   * their table, memory or mutable global, e.g. to write element or data
   * segments into it): later results from them are not meaningful.
   */
  readonly #tainted = new Map<ModuleState, string>();
  /** Instances that import from each instance. */
  readonly #dependents = new Map<ModuleState, Set<ModuleState>>();
  #spectest: Map<string, Extern> | undefined;
  #current: ModuleState | undefined;

  private constructor(backend: BackendUnderTest, file: string, proposals: readonly WasmFeature[], wat: WatConverter) {
    this.#proposals = proposals;
    this.#backend = backend;
    this.#file = file;
    this.#wat = wat;
    this.#engine = new Engine(backend.createEngine());
    this.#store = new Store(this.#engine, undefined);
  }

  static async create(backend: BackendUnderTest, options: ScriptRunnerOptions): Promise<ScriptRunner> {
    return new ScriptRunner(backend, options.file, options.proposals ?? [], await createWatConverter(options.proposals));
  }

  get engine(): Engine {
    return this.#engine;
  }

  /** Releases the store. */
  close(): void {
    this.#store.close();
  }

  run(c: Command): CommandResult {
    const command = describeCommand(c);
    try {
      this.#execute(c);
      return { line: c.line, command, status: 'passed' };
    } catch (e) {
      if (e instanceof Skip) return { line: c.line, command, status: 'skipped', message: e.message };
      const why = unsupportedReason(e);
      if (why !== undefined) return { line: c.line, command, status: 'skipped', message: why };
      const message = e instanceof Failure ? e.message : `unexpected ${errorText(e)}`;
      return { line: c.line, command, status: 'failed', message };
    }
  }

  #execute(c: Command): void {
    switch (c.kind) {
      case 'unparsable':
        throw new Failure(`the runner could not parse this command: ${c.error}`);
      case 'module': {
        const state = this.#defineModule(c.module, c.line);
        this.#current = state;
        if (c.module.name) this.#named.set(c.module.name, state);
        if (state.kind === 'skipped') throw new Skip(state.reason);
        if (state.kind === 'failed') throw new Failure(state.reason);
        return;
      }
      case 'register': {
        const state = this.#moduleState(c.module);
        this.#registered.set(c.as, state);
        return;
      }
      case 'action':
        this.#perform(c.action);
        return;
      case 'assert_return':
        return this.#assertReturn(c.action, c.expected);
      case 'assert_trap':
      case 'assert_exhaustion': {
        const want = c.kind === 'assert_exhaustion' ? TrapCode.StackOverflow : trapCodeFor(c.message);
        let results: PublicValue[];
        try {
          results = this.#perform(c.action);
        } catch (e) {
          if (e instanceof Skip || e instanceof Failure) throw e;
          skipIfUnsupported(e);
          return this.#checkTrap(e, want, c.message);
        }
        throw new Failure(`expected a trap "${c.message}", got results [${results.map((v) => describeActual(v, this.#store)).join(', ')}]`);
      }
      case 'assert_invalid':
      case 'assert_malformed':
        return this.#assertRejected(c.module, c.kind, c.message, c.line);
      case 'assert_unlinkable':
      case 'assert_uninstantiable':
      case 'assert_module_trap':
        try {
          return this.#assertNotInstantiable(c);
        } catch (e) {
          // Such a module may still have written segments into imported state before failing.
          if (e instanceof Skip) this.#taintImportedState(c.module, c.line, e.message);
          throw e;
        }
    }
  }

  #assertNotInstantiable(c: { readonly kind: string; readonly module: ModuleDef; readonly line: number; readonly message: string }): void {
    switch (c.kind) {
      case 'assert_unlinkable': {
        const module = this.#compileForAssertion(c.module, c.line);
        try {
          this.#instantiate(module);
        } catch (e) {
          if (e instanceof LinkError) return;
          if (e instanceof Skip || e instanceof Failure) throw e;
          skipIfUnsupported(e);
          throw new Failure(`expected a LinkError ("${c.message}"), got ${errorText(e)}`);
        }
        throw new Failure(`expected a LinkError ("${c.message}"), but the module instantiated`);
      }
      case 'assert_uninstantiable':
      case 'assert_module_trap': {
        const module = this.#compileForAssertion(c.module, c.line);
        try {
          this.#instantiate(module);
        } catch (e) {
          if (e instanceof Skip || e instanceof Failure) throw e;
          skipIfUnsupported(e);
          return this.#checkTrap(e, trapCodeFor(c.message), c.message);
        }
        throw new Failure(`expected instantiation to trap ("${c.message}"), but it succeeded`);
      }
    }
  }

  #checkTrap(e: unknown, want: TrapCode | undefined, message: string): void {
    if (!(e instanceof Trap)) throw new Failure(`expected a trap "${message}", got ${errorText(e)}`);
    if (want === undefined || e.code === want) return;
    if (this.#backend.quirks?.indirectCallTrapAmbiguous && sameGroup(INDIRECT_CALL_TRAPS, want, e.code)) return;
    if (this.#backend.quirks?.conversionTrapAmbiguous && sameGroup(CONVERSION_TRAPS, want, e.code)) return;
    throw new Failure(`expected trap ${want} ("${message}"), got ${errorText(e)}`);
  }

  /** The bytes of a module definition; text and quote modules go through wabt. */
  #bytes(def: ModuleDef, line: number): Uint8Array {
    const src = def.source;
    if (src.kind === 'binary') return src.bytes;
    const text = src.kind === 'quote' ? quotedModuleText(src.text) : src.text;
    return this.#wat.toBinary(`${this.#file}:${line}`, text);
  }

  /**
   * Whether a CompileError is for a feature beyond what this script is
   * written against: core scripts are WebAssembly 2.0, where e.g. a second
   * memory is invalid, so rejecting it as unsupported is the right answer.
   */
  #beyondScript(e: CompileError): boolean {
    const f = e.cause instanceof UnsupportedFeatureError ? e.cause.feature : undefined;
    return f !== undefined && !(WASM2_FEATURES as readonly string[]).includes(f) && !this.#proposals.includes(f as WasmFeature);
  }

  #compile(bytes: Uint8Array): Module {
    return new Module(this.#engine, bytes);
  }

  /** Compiles a module an assertion needs as a valid module; problems compiling it fail or skip the assertion. */
  #compileForAssertion(def: ModuleDef, line: number): Module {
    let bytes: Uint8Array;
    try {
      bytes = this.#bytes(def, line);
    } catch (e) {
      throw new Failure(`wabt could not convert the module text: ${errorText(e)}`);
    }
    try {
      return this.#compile(bytes);
    } catch (e) {
      const skip = unsupportedReason(e);
      if (skip) throw new Skip(skip);
      throw new Failure(`the module failed to compile: ${errorText(e)}`);
    }
  }

  #defineModule(def: ModuleDef, line: number): ModuleState {
    const state = this.#tryDefineModule(def, line);
    if (state.kind === 'skipped') this.#taintImportedState(def, line, state.reason);
    if (state.kind === 'ok') {
      // An instance importing from another can observe that one's state (e.g. by calling its functions).
      for (const name of new Set(state.instance.module.imports().map((i) => i.module))) {
        const source = this.#registered.get(name);
        if (source === undefined || source.kind !== 'ok') continue;
        let set = this.#dependents.get(source);
        if (set === undefined) this.#dependents.set(source, (set = new Set()));
        set.add(state);
        const why = this.#tainted.get(source);
        if (why !== undefined) this.#taint(state, `it imports from "${name}", which is incomplete: ${why}`);
      }
    }
    return state;
  }

  #tryDefineModule(def: ModuleDef, line: number): ModuleState {
    let module: Module;
    try {
      module = this.#compileForAssertion(def, line);
    } catch (e) {
      if (e instanceof Skip) return { kind: 'skipped', reason: e.message, line };
      return { kind: 'failed', reason: (e as Error).message, line };
    }
    try {
      return { kind: 'ok', instance: this.#instantiate(module), line };
    } catch (e) {
      if (e instanceof Skip) return { kind: 'skipped', reason: e.message, line };
      if (e instanceof Failure) return { kind: 'failed', reason: e.message, line };
      const why = unsupportedReason(e);
      if (why !== undefined) return { kind: 'skipped', reason: why, line };
      return { kind: 'failed', reason: `the module failed to instantiate: ${errorText(e)}`, line };
    }
  }

  /** A skipped module that imports a registered instance's mutable state would have changed it: mark that instance. */
  #taintImportedState(def: ModuleDef, line: number, reason: string): void {
    let imports;
    try {
      imports = readModuleInfo(this.#bytes(def, line)).imports;
    } catch {
      return; // not readable: it cannot have been instantiated against anything
    }
    for (const imp of imports) {
      const mutable = imp.ty.kind === 'table' || imp.ty.kind === 'memory' || (imp.ty.kind === 'global' && imp.ty.mutable);
      const exporter = this.#registered.get(imp.module);
      if (mutable && exporter?.kind === 'ok') {
        this.#taint(exporter, `the module at line ${line}, which imports its ${imp.ty.kind} "${imp.name}", was skipped (${reason})`);
      }
    }
  }

  /** Marks an instance, and every instance importing from it, as incomplete. */
  #taint(state: ModuleState, why: string): void {
    if (this.#tainted.has(state)) return;
    this.#tainted.set(state, why);
    for (const d of this.#dependents.get(state) ?? []) this.#taint(d, `it imports from an instance that is incomplete: ${why}`);
  }

  #instantiate(module: Module): Instance {
    const imports = new Imports();
    for (const imp of module.imports()) {
      const ext = this.#resolveImport(imp.module, imp.name);
      if (ext !== undefined) imports.define(imp.module, imp.name, ext);
    }
    this.#refuel();
    return new Instance(this.#store, module, imports);
  }

  #resolveImport(module: string, name: string): Extern | undefined {
    if (module === 'spectest') {
      this.#spectest ??= createSpectest(this.#engine, this.#store, this.#wat);
      return this.#spectest.get(name);
    }
    const state = this.#registered.get(module);
    if (state === undefined) return undefined;
    if (state.kind === 'skipped') throw new Skip(`imports from "${module}", whose module (line ${state.line}) was skipped: ${state.reason}`);
    if (state.kind === 'failed') throw new Failure(`imports from "${module}", whose module (line ${state.line}) failed: ${state.reason}`);
    return state.instance.getExport(this.#store, name);
  }

  #refuel(): void {
    if (this.#engine.hasCapability('fuel')) this.#store.setFuel(this.#backend.fuelPerCommand ?? DEFAULT_FUEL);
  }

  #moduleState(name: string | undefined): ModuleState {
    const state = name === undefined ? this.#current : this.#named.get(name);
    if (state === undefined) throw new Failure(name === undefined ? 'no module has been defined yet' : `unknown module ${name}`);
    return state;
  }

  #instanceFor(name: string | undefined): Instance {
    const state = this.#moduleState(name);
    if (state.kind === 'skipped') throw new Skip(`its module (line ${state.line}) was skipped: ${state.reason}`);
    if (state.kind === 'failed') throw new Failure(`its module (line ${state.line}) failed: ${state.reason}`);
    const tainted = this.#tainted.get(state);
    if (tainted !== undefined) throw new Skip(`its state is incomplete: ${tainted}`);
    return state.instance;
  }

  #requireCapability(cap: 'host-v128' | 'exact-nan', why: string): void {
    if (!this.#engine.hasCapability(cap)) throw new Skip(`backend lacks ${cap} (${why})`);
  }

  /** Runs an action; returns its results (one value for `get`). Traps and other errors propagate. */
  #perform(a: Action): PublicValue[] {
    const instance = this.#instanceFor(a.module);
    const ext = instance.getExport(this.#store, a.name);
    if (ext === undefined) throw new Failure(`the module has no export ${JSON.stringify(a.name)}`);
    if (a.kind === 'get') {
      const g = ext.intoGlobal();
      if (g === undefined) throw new Failure(`export ${JSON.stringify(a.name)} is a ${ext.kind}, not a global`);
      if (g.ty(this.#store).content === 'v128') this.#requireCapability('host-v128', 'reads a v128 global');
      return [g.get(this.#store)];
    }
    const f = ext.intoFunc();
    if (f === undefined) throw new Failure(`export ${JSON.stringify(a.name)} is a ${ext.kind}, not a function`);
    const ty = f.ty(this.#store);
    if (ty.params.includes('v128') || ty.results.includes('v128')) this.#requireCapability('host-v128', 'calls a function with v128 values');
    const args = a.args.map((c) => constToValue(c, this.#store, this.#ids));
    const results = ty.results.map((t) => Value.default(t) as PublicValue);
    this.#refuel();
    f.call(this.#store, args, results);
    return results;
  }

  #assertReturn(a: Action, expected: readonly Expected[]): void {
    if (expected.some(needsExactNan)) this.#requireCapability('exact-nan', 'expects an exact NaN bit pattern');
    let results: PublicValue[];
    try {
      results = this.#perform(a);
    } catch (e) {
      if (e instanceof Skip || e instanceof Failure) throw e;
      skipIfUnsupported(e);
      throw new Failure(`expected results, got ${errorText(e)}`);
    }
    const show = () => `expected [${expected.map(describeExpected).join(', ')}], got [${results.map((v) => describeActual(v, this.#store)).join(', ')}]`;
    if (results.length !== expected.length) throw new Failure(`result count differs: ${show()}`);
    for (let i = 0; i < expected.length; i++) {
      if (!matches(expected[i]!, results[i]!, this.#store, this.#ids)) throw new Failure(show());
    }
  }

  #assertRejected(def: ModuleDef, kind: 'assert_invalid' | 'assert_malformed', message: string, line: number): void {
    let bytes: Uint8Array;
    try {
      bytes = this.#bytes(def, line);
    } catch (e) {
      // Malformed text is rejected by the text parser; that is the expected outcome.
      if (kind === 'assert_malformed' && def.source.kind !== 'binary') return;
      throw new Failure(`wabt could not convert the module text: ${errorText(e)}`);
    }
    try {
      this.#compile(bytes);
    } catch (e) {
      if (e instanceof CompileError && this.#beyondScript(e)) return;
      const skip = unsupportedReason(e);
      if (skip) throw new Skip(skip);
      if (e instanceof CompileError) return;
      throw new Failure(`expected a CompileError ("${message}"), got ${errorText(e)}`);
    }
    const how = def.source.kind === 'binary' ? '' : ' (wabt accepted the text, so the backend saw its binary form)';
    throw new Failure(`expected a CompileError ("${message}"), but the module compiled${how}`);
  }
}
