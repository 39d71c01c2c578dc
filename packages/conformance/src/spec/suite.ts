/**
 * The spec testsuite as vitest tests: one describe per .wast file, one test
 * per module and the commands that follow it (commands share state, so they
 * run in order). Commands on modules the backend cannot compile for lack of a
 * feature are skipped with the reason; everything else must pass unless the
 * backend lists it as an expected failure, and listed commands must fail.
 */
import type { BackendUnderTest } from '../backend.js';
import type { Command } from '../wast/script.js';
import { compareWithExpected, formatMismatches, hasMismatches, loadExpectedFailures, staleEntries } from './expected-failures.js';
import { fileSkipReason, readCommands } from './run-file.js';
import { ScriptRunner, describeCommand, type CommandResult } from './runner.js';
import { ensureTestsuite, listSpecFiles, type SpecFile } from './testsuite.js';
import { vitest } from '../vitest-api.js';

export interface SpecSuiteOptions {
  /** The testsuite folder (with core/ and proposals/); default: `<repo>/testsuite`, fetched when missing. */
  readonly testsuiteDir?: string;
  /** Runs only files whose name this accepts, e.g. `(f) => f.startsWith('i32')`. Also settable with WRL_SPEC_FILTER (a substring). */
  readonly files?: (name: string) => boolean;
}

/** Generous: a slow interpreter may take a while over a file's biggest module group. */
const GROUP_TIMEOUT_MS = 300_000;

interface Group {
  readonly line: number;
  readonly title: string;
  readonly commands: Command[];
}

function groupCommands(commands: readonly Command[]): Group[] {
  const groups: Group[] = [];
  for (const c of commands) {
    if (c.kind === 'module' || groups.length === 0) {
      const title = c.kind === 'module' ? describeCommand(c) : 'commands';
      groups.push({ line: c.line, title, commands: [] });
    }
    groups[groups.length - 1]!.commands.push(c);
  }
  return groups;
}

export function defineSpecSuite(backend: BackendUnderTest, options: SpecSuiteOptions = {}): void {
  const { describe, expect, it } = vitest('defineSpecSuite');
  const dir = options.testsuiteDir ?? ensureTestsuite(undefined, (m) => console.log(`[@wrl/conformance] ${m}`));
  const envFilter = process.env.WRL_SPEC_FILTER;
  const files = listSpecFiles(dir).filter((f) => (options.files?.(f.name) ?? true) && (!envFilter || f.name.includes(envFilter)));
  const expected = loadExpectedFailures(backend);
  const features = backend.createEngine().features;

  describe(`spec testsuite on ${backend.name}`, () => {
    it('lists expected failures only for existing files and commands', () => {
      const all = listSpecFiles(dir);
      const problems: string[] = [];
      for (const [name, lines] of Object.entries(expected)) {
        const file = all.find((f) => f.name === name);
        if (file === undefined) problems.push(`${name}: no such testsuite file`);
        else for (const l of staleEntries(readCommands(file).map((c) => c.line), lines)) problems.push(`${name}:${l}: no command starts on this line`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
    for (const file of files) defineFile(backend, file, features, expected[file.name]);
  });
}

function defineFile(backend: BackendUnderTest, file: SpecFile, features: ReadonlySet<string>, expected: Readonly<Record<string, string>> | undefined): void {
  const { afterAll, beforeAll, describe, it } = vitest('defineSpecSuite');
  const skip = fileSkipReason(file, features as ReadonlySet<never>);
  if (skip !== undefined) {
    describe.skip(`${file.name} [skipped: ${skip}]`, () => {
      it(`all commands [skipped: ${skip}]`, () => {});
    });
    return;
  }
  describe(file.name, () => {
    let runner: ScriptRunner | undefined;
    beforeAll(async () => {
      runner = await ScriptRunner.create(backend, { file: file.name, proposals: file.proposal ? [file.proposal] : [] });
    });
    afterAll(() => runner?.close());
    for (const g of groupCommands(readCommands(file))) {
      it(`line ${g.line}: ${g.title} (${g.commands.length} command${g.commands.length === 1 ? '' : 's'})`, (ctx) => {
        const results: CommandResult[] = g.commands.map((c) => runner!.run(c));
        const m = compareWithExpected(results, expected);
        if (hasMismatches(m)) throw new Error(formatMismatches(file.name, m, expected));
        const skipped = results.filter((r) => r.status === 'skipped');
        if (skipped.length === results.length) ctx.skip(`${skipped[0]!.message}`);
      }, GROUP_TIMEOUT_MS);
    }
  });
}
