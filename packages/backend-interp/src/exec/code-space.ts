/**
 * The code space: one Int32Array holding the IR of every translated function of every module,
 * each function at its own base, its jump targets made absolute when it is installed.
 *
 * Why one array: V8 optimises `execute` (a single closure) specialised to its module's context,
 * so a typed array held in a module-level `const` there is a constant of the machine code. A read
 * of it is then a bounds check against an immediate and a load from an immediate address; from a
 * per-function array held in a variable, every dispatch re-checked the array's map and reloaded
 * its length and data pointer. Counted with valgrind, a tight loop ran 23% fewer instructions.
 *
 * The array is reserved once, at its full size, when the package loads; the operating system
 * commits its pages only as code is written into them. Code of functions that are garbage
 * collected goes back to a free list (where FinalizationRegistry exists). Space that runs out
 * makes the translation of the next function fail with CodeSpaceExhaustedError.
 */
import { forEachTargetWord } from '../ir/length.js';
import { Op, padCode } from '../ir/ops.js';

/** The IR of every translated function no longer fits in the code space. */
export class CodeSpaceExhaustedError extends Error {
  override name = 'CodeSpaceExhaustedError';
  constructor(needed: number, capacity: number) {
    super(
      `wrl interp: the code space is full: a function needs ${needed} words and the ${capacity * 4} bytes reserved for ` +
        'translated code hold no free range that large (drop unused modules to free theirs)',
    );
  }
}

interface Range {
  at: number;
  len: number;
}

/** An allocator of ranges of `words`, code installed at the base it returns. */
export class CodeSpace {
  /** Free ranges below `top`, by position, none adjacent to another. */
  private readonly free: Range[] = [];
  private top = 0;

  constructor(readonly words: Int32Array) {}

  /** Words in use (including ranges freed below the highest one in use). */
  get used(): number {
    let n = this.top;
    for (const r of this.free) n -= r.len;
    return n;
  }

  /** Copies `code` (a function's IR, its targets relative to its start) in, targets made absolute; returns its base. */
  install(code: ArrayLike<number>): number {
    const base = this.allocate(code.length);
    const w = this.words;
    for (let i = 0; i < code.length; i++) w[base + i] = code[i]!;
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

  private allocate(len: number): number {
    const free = this.free;
    for (let i = 0; i < free.length; i++) {
      const r = free[i]!;
      if (r.len < len) continue;
      const at = r.at;
      if (r.len === len) free.splice(i, 1);
      else {
        r.at += len;
        r.len -= len;
      }
      return at;
    }
    if (this.top + len > this.words.length) throw new CodeSpaceExhaustedError(len, this.words.length);
    const at = this.top;
    this.top += len;
    return at;
  }

  /** Gives the range back; `at` and `len` as one `install` made it. */
  release(at: number, len: number): void {
    this.words.fill(0, at, at + len);
    const free = this.free;
    let i = 0;
    while (i < free.length && free[i]!.at < at) i++;
    free.splice(i, 0, { at, len });
    // merge with the following range, then with the preceding one
    const next = free[i + 1];
    if (next !== undefined && at + len === next.at) {
      free[i]!.len += next.len;
      free.splice(i + 1, 1);
    }
    const prev = free[i - 1];
    if (prev !== undefined && prev.at + prev.len === at) {
      prev.len += free[i]!.len;
      free.splice(i, 1);
      i--;
    }
    // a free range that reaches the top lowers it
    const last = free[free.length - 1];
    if (last !== undefined && last.at + last.len === this.top) {
      this.top = last.at;
      free.pop();
    }
  }
}

/** Reserves the largest of a few sizes the host grants (a 32-bit or constrained host may refuse the first). */
function reserve(): Int32Array {
  for (const words of [1 << 24, 1 << 22, 1 << 20]) {
    try {
      return new Int32Array(words);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return new Int32Array(1 << 18);
}

/** The code space of this realm. */
export const CODE_SPACE = new CodeSpace(reserve());

/** Where `return` alone is installed: finishes a frame after a tail call to a host function. */
export const RETURN_ONLY_AT = CODE_SPACE.install(padCode([Op.Return]));

const registry =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Range>((r) => CODE_SPACE.release(r.at, r.len)) : undefined;

/** Installs a function's IR in the realm's code space, to be released when `owner` is garbage collected. */
export function installCode(owner: object, code: Int32Array): number {
  const at = CODE_SPACE.install(code);
  registry?.register(owner, { at, len: code.length });
  return at;
}
