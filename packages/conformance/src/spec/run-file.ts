/** Running a whole testsuite file, for the CLI and reports. */
import { readFileSync } from 'node:fs';
import type { WasmFeature } from '@wrl/core';
import type { BackendUnderTest } from '../backend.js';
import { parseScript, type Command } from '../wast/script.js';
import { ScriptRunner, describeCommand, type CommandResult } from './runner.js';
import type { SpecFile } from './testsuite.js';

export function readCommands(file: SpecFile): Command[] {
  return parseScript(readFileSync(file.path, 'utf8'));
}

/** Why a file is skipped as a whole on an engine with `features`, or undefined when it runs. */
export function fileSkipReason(file: SpecFile, features: ReadonlySet<WasmFeature>): string | undefined {
  return file.proposal !== undefined && !features.has(file.proposal) ? `backend lacks ${file.proposal}` : undefined;
}

/** Runs every command of a file; `onResult` sees each result as soon as it is known. */
export async function runSpecFile(
  backend: BackendUnderTest,
  file: SpecFile,
  features: ReadonlySet<WasmFeature>,
  onResult: (r: CommandResult) => void = () => {},
): Promise<CommandResult[]> {
  const commands = readCommands(file);
  const skip = fileSkipReason(file, features);
  const results: CommandResult[] = [];
  if (skip !== undefined) {
    for (const c of commands) {
      const r: CommandResult = { line: c.line, command: describeCommand(c), status: 'skipped', message: skip };
      results.push(r);
      onResult(r);
    }
    return results;
  }
  const runner = await ScriptRunner.create(backend, { file: file.name, proposals: file.proposal ? [file.proposal] : [] });
  try {
    for (const c of commands) {
      const r = runner.run(c);
      results.push(r);
      onResult(r);
    }
    return results;
  } finally {
    runner.close();
  }
}
