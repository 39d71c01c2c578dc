import { describe, expect, it } from 'vitest';
import { defineBackend } from '../backend.js';
import { compareWithExpected, loadExpectedFailures, staleEntries } from './expected-failures.js';
import type { CommandResult } from './runner.js';

const r = (line: number, status: CommandResult['status']): CommandResult => ({ line, command: 'x', status });

describe('expected failures', () => {
  it('flags failures outside the list and listed commands that pass', () => {
    const m = compareWithExpected([r(1, 'failed'), r(2, 'failed'), r(3, 'passed'), r(4, 'skipped')], { '2': 'known', '3': 'fixed since', '4': 'skipped now' });
    expect(m.unexpectedFailures.map((x) => x.line)).toEqual([1]);
    expect(m.unexpectedPasses.map((x) => x.line)).toEqual([3]);
    expect(m.listedButSkipped.map((x) => x.line)).toEqual([4]);
  });

  it('finds entries naming no command', () => {
    expect(staleEntries([1, 5], { '5': 'a', '6': 'b' })).toEqual(['6']);
  });

  it('loads a list given as an object, and rejects entries without a reason', () => {
    const ok = defineBackend({ name: 'x', createEngine: () => ({}) as never, expectedFailures: { 'a.wast': { '1': 'why' } } });
    expect(loadExpectedFailures(ok)).toEqual({ 'a.wast': { '1': 'why' } });
    expect(loadExpectedFailures(defineBackend({ name: 'y', createEngine: () => ({}) as never }))).toEqual({});
    expect(() => defineBackend({ name: 'bad name!', createEngine: () => ({}) as never })).toThrow(TypeError);
  });
});
