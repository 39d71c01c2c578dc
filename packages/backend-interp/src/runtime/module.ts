import type { ExportType, FuncType, ImportType, ValueType, WasmModule } from '@wrl/core/backend';
import type { CodeInfo, ModuleInfo } from '../binary/info.js';
import { translateBody, type TranslateEnv } from '../ir/translate.js';
import { wordsOf } from '../ir/sig.js';
import { Op } from '../ir/ops.js';
import { jumpTargets } from '../ir/length.js';
import { CODE_SPACE } from '../exec/code-space.js';
import type { Factory } from '../compiler/link.js';

const NO_POSITIONS: ReadonlySet<number> = new Set();

/** A function defined by a module: validated at compile time, translated to IR on first call. */
export class FuncDef {
  /** Where the IR starts in the code space (exec/code-space.ts), valid while `epoch` is the space's. */
  base = -1;
  /** The code space's epoch when the IR was installed; any other value means the body needs translating. */
  epoch = -1;
  /** Length of the IR in words. */
  codeWords = 0;
  /** JS tier: the generated code (bound per instance), or null when the tier leaves this function to the interpreter. */
  factory: Factory | null | undefined = undefined;
  /** JS tier: calls counted before the function is compiled. */
  calls = 0;
  frameWords = 0;
  readonly paramWords: number;
  readonly localsWords: number;
  /** Frame offsets of reference-typed declared locals (they start as null). */
  readonly refLocals: readonly number[];
  /** The words a call zeroes, [zeroFrom, zeroTo): all declared locals until translation narrows them (see Translation). */
  zeroFrom: number;
  zeroTo: number;
  /** Code positions of loads whose address constant was folded into the offset (see Translation.wrapAt). */
  wrapAt: ReadonlySet<number> = NO_POSITIONS;
  /**
   * With fuel metering the body starts with its first block's Fuel instruction, [Fuel, amount].
   * Unless something jumps back to it, a call charges that amount itself and starts after it (at
   * word 2), saving a dispatch per call (metered fib 10% faster); 0 when calls start at word 0.
   */
  entryFuel = 0;
  /** A call has more to do than zero the locals: reference locals to null, or entryFuel to charge (one test per call). */
  entryWork: boolean;

  constructor(
    readonly env: TranslateEnv,
    readonly index: number,
    readonly type: FuncType,
    readonly sig: number,
    readonly info: CodeInfo,
    /** The body has a `loop`: the JS tier compiles it on its first call (see compiledOf). */
    readonly hasLoop = false,
  ) {
    let w = 0;
    for (const t of type.params) w += wordsOf(t);
    this.paramWords = w;
    const refs: number[] = [];
    for (const t of info.locals) {
      if (t === 'funcref' || t === 'externref') refs.push(w);
      w += wordsOf(t);
    }
    this.localsWords = w;
    this.refLocals = refs;
    this.entryWork = refs.length !== 0;
    this.zeroFrom = this.paramWords;
    this.zeroTo = w;
  }

  /** Translates the body (already validated) to IR. */
  translate(): Int32Array {
    if (this.epoch === CODE_SPACE.epoch) return this.code!;
    const t = translateBody(this.env, this.index, this.type, this.info, true);
    this.frameWords = t.frameWords;
    this.zeroFrom = t.zeroFrom;
    this.zeroTo = t.zeroTo;
    this.wrapAt = t.wrapAt;
    const code = t.code!;
    if (code[0] === Op.Fuel && !jumpTargets(code).has(0)) {
      this.entryFuel = code[1]!;
      this.entryWork = true;
    }
    this.base = CODE_SPACE.install(code);
    this.epoch = CODE_SPACE.epoch;
    this.codeWords = code.length;
    return code;
  }

  /** A copy of the IR, its targets relative to its start (for inspection); undefined before translation. */
  get code(): Int32Array | undefined {
    return this.epoch !== CODE_SPACE.epoch ? undefined : CODE_SPACE.read(this.base, this.codeWords);
  }
}

/** A compiled module: decoded, validated, ready to instantiate in any store of its engine. */
export class InterpModule implements WasmModule {
  constructor(
    readonly info: ModuleInfo,
    readonly defs: readonly FuncDef[],
    readonly sigs: readonly number[],
    readonly importTypes: readonly ImportType[],
    readonly exportTypes: readonly ExportType[],
  ) {}

  imports(): readonly ImportType[] {
    return this.importTypes;
  }

  exports(): readonly ExportType[] {
    return this.exportTypes;
  }
}

export type { ValueType };
