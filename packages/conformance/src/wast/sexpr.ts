import { tokenize, WastSyntaxError } from './lexer.js';

export type SExpr = SList | SAtom | SString;

export interface SList {
  readonly kind: 'list';
  readonly items: readonly SExpr[];
  /** Source offsets of the opening and just past the closing parenthesis. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export interface SAtom {
  readonly kind: 'atom';
  readonly text: string;
  readonly line: number;
}

export interface SString {
  readonly kind: 'string';
  readonly bytes: Uint8Array;
  readonly line: number;
}

/** Parses a whole script into its top-level s-expressions. */
export function parseSExprs(src: string): SList[] {
  const tokens = tokenize(src);
  const stack: Array<{ items: SExpr[]; start: number; line: number }> = [];
  const top: SList[] = [];
  for (const t of tokens) {
    if (t.kind === '(') {
      stack.push({ items: [], start: t.start, line: t.line });
    } else if (t.kind === ')') {
      const open = stack.pop();
      if (open === undefined) throw new WastSyntaxError('unexpected )', t.line);
      const list: SList = { kind: 'list', items: open.items, start: open.start, end: t.end, line: open.line };
      const parent = stack[stack.length - 1];
      if (parent) parent.items.push(list);
      else top.push(list);
    } else {
      const parent = stack[stack.length - 1];
      if (parent === undefined) throw new WastSyntaxError('token outside of a command', t.line);
      parent.items.push(t.kind === 'atom' ? { kind: 'atom', text: t.text, line: t.line } : { kind: 'string', bytes: (t as { bytes: Uint8Array }).bytes, line: t.line });
    }
  }
  if (stack.length > 0) throw new WastSyntaxError('unclosed (', stack[stack.length - 1]!.line);
  return top;
}

export function isAtom(x: SExpr | undefined, text?: string): x is SAtom {
  return x !== undefined && x.kind === 'atom' && (text === undefined || x.text === text);
}

export function isList(x: SExpr | undefined, head?: string): x is SList {
  return x !== undefined && x.kind === 'list' && (head === undefined || isAtom(x.items[0], head));
}

export function headOf(x: SExpr): string | undefined {
  return x.kind === 'list' && x.items[0]?.kind === 'atom' ? x.items[0].text : undefined;
}
