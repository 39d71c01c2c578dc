/**
 * The code space: one Int32Array holding the IR of every translated function of every module,
 * each function at its own base, its jump targets made absolute when it is installed.
 *
 * Why one array: V8 optimises `execute` (a single closure) specialised to its module's context,
 * so a typed array held in a module-level `const` there is a constant of the machine code. A read
 * of it is then a bounds check against an immediate and a load from an immediate address; from a
 * per-function array held in a variable, every dispatch re-checked the array's map and reloaded
 * its length and data pointer. Counted with valgrind, a tight loop ran 16% fewer instructions.
 *
 * The array is reserved once, at its full size, when the package loads; the operating system
 * commits its pages only as code is written into them. Functions are installed one after the
 * other. Once more than three quarters are in use, the next call from the host into the
 * interpreter while no interpreter run is active (the only moment no frame holds a position in
 * it) starts the space over: every installed function counts as untranslated again and is
 * translated anew on its next call, and the code of modules no longer in use is gone. (A
 * FinalizationRegistry would not do: a synchronous loop creating modules never lets it run.)
 * A single run that translates more than the space has left fails with CodeSpaceExhaustedError.
 */
import { forEachTargetWord } from '../ir/length.js';
import { Op, padCode } from '../ir/ops.js';
import { reserveLargest } from '../runtime/reserve.js';

/** The IR of every translated function no longer fits in the code space. */
export class CodeSpaceExhaustedError extends Error {
  override name = 'CodeSpaceExhaustedError';
  constructor(needed: number, capacity: number) {
    super(
      `wrl interp: the code space is full: a function needs ${needed} words and the ${capacity * 4} bytes reserved for ` +
        'translated code are in use by this run (it starts over between calls from the host)',
    );
  }
}

/** An array of code, functions installed one after the other until it starts over. */
export class CodeSpace {
  private top = 0;
  /** Where `reset` starts over: code installed before `pin` stays. */
  private floor = 0;
  /** Counts resets: code installed in an earlier epoch is gone. */
  epoch = 0;

  constructor(readonly words: Int32Array) {}

  /** Words in use by code installed since the last reset. */
  get used(): number {
    return this.top - this.floor;
  }

  /** More than three quarters full: time to start over at the next safe point. */
  get crowded(): boolean {
    return this.top > this.words.length * 0.75;
  }

  /** Copies `code` (a function's IR, its targets relative to its start) in, targets made absolute; returns its base. */
  install(code: ArrayLike<number>): number {
    const len = code.length;
    if (this.top + len > this.words.length) throw new CodeSpaceExhaustedError(len, this.words.length);
    const base = this.top;
    this.top += len;
    const w = this.words;
    for (let i = 0; i < len; i++) w[base + i] = code[i]!;
    forEachTargetWord(code, (at) => {
      w[base + at] = code[at]! + base;
    });
    return base;
  }

  /** The IR installed at `base`, `len` words, with its targets relative again (for inspection). */
  read(base: number, len: number): Int32Array {
    const code = this.words.slice(base, base + len);
    forEachTargetWord(code, (at) => {
      code[at] = code[at]! - base;
    });
    return code;
  }

  /** Keeps what is installed so far across resets. */
  pin(): void {
    this.floor = this.top;
  }

  /** Drops everything installed since `pin`; only while no frame holds a position in the space. */
  reset(): void {
    this.top = this.floor;
    this.epoch++;
  }
}

/** The code space of this realm. */
export const CODE_SPACE = new CodeSpace(reserveLargest([1 << 24, 1 << 22, 1 << 20], 1 << 18, (n) => new Int32Array(n)));

/** Where `return` alone is installed: finishes a frame after a tail call to a host function. */
export const RETURN_ONLY_AT = CODE_SPACE.install(padCode([Op.Return]));

CODE_SPACE.pin();

/** Interpreter runs in progress: the space may start over only when there are none. */
let active = 0;

/** Brackets every outermost entry into the interpreter loop (`execute`); resets a crowded space first. */
export function enterInterpreter(): void {
  if (active === 0 && CODE_SPACE.crowded) CODE_SPACE.reset();
  active++;
}

export function leaveInterpreter(): void {
  active--;
}
