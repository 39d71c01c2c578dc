/**
 * Tokenizer for the WebAssembly text format as used by .wast scripts.
 * Tokens keep their source offsets so a module's text can be sliced out of
 * the script verbatim and handed to the WAT assembler.
 */

export type Token =
  | { readonly kind: '(' | ')'; readonly start: number; readonly end: number; readonly line: number }
  | { readonly kind: 'atom'; readonly text: string; readonly start: number; readonly end: number; readonly line: number }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly start: number; readonly end: number; readonly line: number };

export class WastSyntaxError extends Error {
  override name = 'WastSyntaxError';
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

const utf8 = new TextEncoder();

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';' && src[i + 1] === ';') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '(' && src[i + 1] === ';') {
      const startLine = line;
      let depth = 1;
      i += 2;
      while (depth > 0) {
        if (i >= n) throw new WastSyntaxError('unterminated block comment', startLine);
        if (src[i] === '(' && src[i + 1] === ';') {
          depth++;
          i += 2;
        } else if (src[i] === ';' && src[i + 1] === ')') {
          depth--;
          i += 2;
        } else {
          if (src[i] === '\n') line++;
          i++;
        }
      }
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, start: i, end: i + 1, line });
      i++;
    } else if (c === '"') {
      const start = i;
      const startLine = line;
      const { bytes, end, newlines } = readString(src, i, line);
      line += newlines;
      i = end;
      tokens.push({ kind: 'string', bytes, start, end, line: startLine });
    } else {
      const start = i;
      while (i < n && !isDelimiter(src, i)) i++;
      tokens.push({ kind: 'atom', text: src.slice(start, i), start, end: i, line });
    }
  }
  return tokens;
}

function isDelimiter(src: string, i: number): boolean {
  const c = src[i]!;
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '(' || c === ')' || c === '"' || (c === ';' && src[i + 1] === ';');
}

/** Reads a string literal starting at the opening quote; returns its bytes and the offset after the closing quote. */
function readString(src: string, at: number, line: number): { bytes: Uint8Array; end: number; newlines: number } {
  const out: number[] = [];
  let i = at + 1;
  let newlines = 0;
  for (;;) {
    if (i >= src.length) throw new WastSyntaxError('unterminated string', line);
    const c = src[i]!;
    if (c === '"') return { bytes: Uint8Array.from(out), end: i + 1, newlines };
    if (c === '\n') newlines++;
    if (c !== '\\') {
      const cp = src.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      for (const b of utf8.encode(src.slice(i, i + len))) out.push(b);
      i += len;
      continue;
    }
    const e = src[i + 1];
    i += 2;
    switch (e) {
      case 'n': out.push(0x0a); break;
      case 't': out.push(0x09); break;
      case 'r': out.push(0x0d); break;
      case '"': out.push(0x22); break;
      case "'": out.push(0x27); break;
      case '\\': out.push(0x5c); break;
      case 'u': {
        const close = src.indexOf('}', i);
        if (src[i] !== '{' || close < 0) throw new WastSyntaxError('malformed \\u escape', line);
        const cp = parseInt(src.slice(i + 1, close).replaceAll('_', ''), 16);
        if (!Number.isFinite(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) throw new WastSyntaxError('invalid \\u escape', line);
        for (const b of utf8.encode(String.fromCodePoint(cp))) out.push(b);
        i = close + 1;
        break;
      }
      default: {
        const hex = src.slice(i - 1, i + 1);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new WastSyntaxError(`unknown escape \\${e ?? ''}`, line);
        out.push(parseInt(hex, 16));
        i += 1;
      }
    }
  }
}
