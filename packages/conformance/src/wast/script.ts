/** The commands of a .wast script, parsed from its s-expressions. */
import { headOf, isAtom, parseSExprs, type SExpr, type SList } from './sexpr.js';
import { parseConst, parseExpected, type Const, type Expected } from './values.js';

export type ModuleSource =
  /** A text module: the verbatim `(module ...)` source. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** `(module quote ...)`: the strings' text, to be wrapped in `(module ...)`. */
  | { readonly kind: 'quote'; readonly text: string };

export interface ModuleDef {
  readonly name: string | undefined;
  readonly source: ModuleSource;
}

export type Action =
  | { readonly kind: 'invoke'; readonly module: string | undefined; readonly name: string; readonly args: readonly Const[] }
  | { readonly kind: 'get'; readonly module: string | undefined; readonly name: string };

export type Command = { readonly line: number } & (
  | { readonly kind: 'module'; readonly module: ModuleDef }
  | { readonly kind: 'register'; readonly as: string; readonly module: string | undefined }
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'assert_return'; readonly action: Action; readonly expected: readonly Expected[] }
  | { readonly kind: 'assert_trap' | 'assert_exhaustion'; readonly action: Action; readonly message: string }
  | {
      readonly kind: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable' | 'assert_module_trap';
      readonly module: ModuleDef;
      readonly message: string;
    }
  /** A command this runner could not parse: it is reported as a failure. */
  | { readonly kind: 'unparsable'; readonly text: string; readonly error: string }
);

export type CommandKind = Command['kind'];

// ignoreBOM: a leading U+FEFF in a name is a character of the name.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const MODULE_FIELDS: ReadonlySet<string> = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

function text(x: SExpr | undefined, what: string): string {
  if (x === undefined || x.kind !== 'string') throw new SyntaxError(`expected ${what} string`);
  return decoder.decode(x.bytes);
}

function optionalName(items: readonly SExpr[], at: number): { name: string | undefined; next: number } {
  const x = items[at];
  return isAtom(x) && x.text.startsWith('$') ? { name: x.text, next: at + 1 } : { name: undefined, next: at };
}

function parseModule(m: SList, src: string): ModuleDef {
  const { name, next } = optionalName(m.items, 1);
  const mode = m.items[next];
  if (isAtom(mode, 'binary') || isAtom(mode, 'quote')) {
    const parts = m.items.slice(next + 1);
    if (mode.text === 'binary') {
      const chunks = parts.map((p) => {
        if (p.kind !== 'string') throw new SyntaxError('module binary expects strings');
        return p.bytes;
      });
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return { name, source: { kind: 'binary', bytes } };
    }
    return { name, source: { kind: 'quote', text: parts.map((p) => text(p, 'a quoted module')).join(' ') } };
  }
  return { name, source: { kind: 'text', text: src.slice(m.start, m.end) } };
}

function parseAction(a: SExpr | undefined): Action {
  if (a === undefined || a.kind !== 'list') throw new SyntaxError('expected an action');
  const head = headOf(a);
  if (head !== 'invoke' && head !== 'get') throw new SyntaxError(`unknown action ${head ?? '?'}`);
  const { name: module, next } = optionalName(a.items, 1);
  const name = text(a.items[next], 'an export name');
  if (head === 'get') return { kind: 'get', module, name };
  return { kind: 'invoke', module, name, args: a.items.slice(next + 1).map(parseConst) };
}

function parseCommand(c: SList, src: string): Command {
  const line = c.line;
  const head = headOf(c);
  switch (head) {
    case 'module':
      return { line, kind: 'module', module: parseModule(c, src) };
    case 'register': {
      const as = text(c.items[1], 'a registration name');
      const m = c.items[2];
      return { line, kind: 'register', as, module: isAtom(m) ? m.text : undefined };
    }
    case 'invoke':
    case 'get':
      return { line, kind: 'action', action: parseAction(c) };
    case 'assert_return':
      return { line, kind: 'assert_return', action: parseAction(c.items[1]), expected: c.items.slice(2).map(parseExpected) };
    case 'assert_exhaustion':
      return { line, kind: 'assert_exhaustion', action: parseAction(c.items[1]), message: text(c.items[2], 'a message') };
    case 'assert_trap': {
      const target = c.items[1];
      const message = text(c.items[2], 'a message');
      if (headOf(target!) === 'module') return { line, kind: 'assert_module_trap', module: parseModule(target as SList, src), message };
      return { line, kind: 'assert_trap', action: parseAction(target), message };
    }
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
    case 'assert_uninstantiable': {
      const m = c.items[1];
      if (!m || headOf(m) !== 'module') throw new SyntaxError(`${head} expects a module`);
      return { line, kind: head, module: parseModule(m as SList, src), message: text(c.items[2], 'a message') };
    }
    default:
      throw new SyntaxError(`unknown command ${head ?? '?'}`);
  }
}

/** Parses a script. Commands the runner cannot parse become `unparsable` commands instead of stopping the file. */
export function parseScript(src: string): Command[] {
  const top = parseSExprs(src);
  // A script made only of module fields is one inline module.
  if (top.length > 0 && top.every((c) => MODULE_FIELDS.has(headOf(c) ?? ''))) {
    return [{ line: top[0]!.line, kind: 'module', module: { name: undefined, source: { kind: 'text', text: `(module ${src}\n)` } } }];
  }
  return top.map((c) => {
    try {
      return parseCommand(c, src);
    } catch (e) {
      const snippet = src.slice(c.start, Math.min(c.end, c.start + 120));
      return { line: c.line, kind: 'unparsable', text: snippet, error: e instanceof Error ? e.message : String(e) };
    }
  });
}
