import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BackendUnderTest, ExpectedFailures } from '../backend.js';
import type { CommandResult } from './runner.js';

/** Loads a backend's expected failures; a missing file means none. */
export function loadExpectedFailures(backend: BackendUnderTest): ExpectedFailures {
  const src = backend.expectedFailures;
  if (src === undefined) return {};
  if (typeof src === 'object' && !(src instanceof URL)) return src;
  const path = src instanceof URL ? fileURLToPath(src) : src;
  if (!existsSync(path)) return {};
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TypeError(`${path}: expected an object of file names`);
  for (const [file, lines] of Object.entries(data)) {
    if (typeof lines !== 'object' || lines === null) throw new TypeError(`${path}: "${file}" must map line numbers to reasons`);
    for (const [line, reason] of Object.entries(lines as object)) {
      if (!/^[1-9][0-9]*$/.test(line) || typeof reason !== 'string' || reason.trim() === '') throw new TypeError(`${path}: "${file}" line "${line}" needs a one-line reason`);
    }
  }
  return data as ExpectedFailures;
}

/** Where results disagree with the expected-failure list: new failures, and listed commands that now pass or are skipped. */
export interface Mismatches {
  readonly unexpectedFailures: CommandResult[];
  readonly unexpectedPasses: CommandResult[];
  /** Listed commands that no longer run (the backend now declines them): the entry no longer says anything. */
  readonly listedButSkipped: CommandResult[];
}

export function compareWithExpected(results: readonly CommandResult[], expected: Readonly<Record<string, string>> | undefined): Mismatches {
  const unexpectedFailures: CommandResult[] = [];
  const unexpectedPasses: CommandResult[] = [];
  const listedButSkipped: CommandResult[] = [];
  for (const r of results) {
    const listed = expected !== undefined && Object.hasOwn(expected, String(r.line));
    if (r.status === 'failed' && !listed) unexpectedFailures.push(r);
    if (r.status === 'passed' && listed) unexpectedPasses.push(r);
    if (r.status === 'skipped' && listed) listedButSkipped.push(r);
  }
  return { unexpectedFailures, unexpectedPasses, listedButSkipped };
}

/** Listed lines that are not the line of any command of the file (stale entries). */
export function staleEntries(lines: Iterable<number>, expected: Readonly<Record<string, string>> | undefined): string[] {
  if (expected === undefined) return [];
  const known = new Set([...lines].map(String));
  return Object.keys(expected).filter((l) => !known.has(l));
}

export function hasMismatches(m: Mismatches): boolean {
  return m.unexpectedFailures.length + m.unexpectedPasses.length + m.listedButSkipped.length > 0;
}

export function formatMismatches(file: string, m: Mismatches, expected: Readonly<Record<string, string>> | undefined): string {
  const out: string[] = [];
  for (const r of m.unexpectedFailures) out.push(`${file}:${r.line} ${r.command} failed: ${r.message ?? ''}`);
  for (const r of m.unexpectedPasses) out.push(`${file}:${r.line} ${r.command} passes but is listed as an expected failure ("${expected?.[String(r.line)] ?? ''}"): remove it from the list`);
  for (const r of m.listedButSkipped) out.push(`${file}:${r.line} ${r.command} is skipped (${r.message ?? ''}) but listed as an expected failure: remove it from the list`);
  return out.join('\n');
}
