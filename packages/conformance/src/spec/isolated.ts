/**
 * Runs testsuite files in a child process, so that an engine crash (a native
 * addon's segfault) or a command that never returns costs one command, not
 * the whole run. The child writes one JSON line per command result to its
 * stdout, which is synchronous for pipes on Linux, so results written before
 * a crash are not lost. The parent restarts the child after the crashed file.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BackendUnderTest } from '../backend.js';
import { readCommands, runSpecFile } from './run-file.js';
import { describeCommand, type CommandResult } from './runner.js';
import type { SpecFile } from './testsuite.js';

const MARK = '\u0001wrl ';

type Message = { readonly start: number } | { readonly end: number } | { readonly file: number; readonly result: CommandResult };

export interface IsolatedOptions {
  /** The CLI script to start in worker mode, and the node flags to start it with. */
  readonly script: string;
  readonly execArgv: readonly string[];
  readonly config: string;
  /** A command reporting nothing for this long is killed as hung. */
  readonly commandTimeoutMs: number;
}

/** Runs `files`, calling `onFile` with each file's results, in order. */
export async function runIsolated(files: readonly SpecFile[], options: IsolatedOptions, onFile: (file: SpecFile, results: CommandResult[]) => void): Promise<void> {
  let next = 0;
  while (next < files.length) {
    const batch = files.slice(next);
    const outcome = await runChild(batch, options, (i, results) => onFile(batch[i]!, results));
    if (outcome.completed) return;
    // The child died inside batch[outcome.fileIndex]: report that file with what it wrote, then carry on after it.
    const file = batch[outcome.fileIndex]!;
    const commands = readCommands(file);
    const done = outcome.partial;
    const results: CommandResult[] = [...done];
    commands.slice(done.length).forEach((c, i) => {
      const message = i === 0 ? outcome.reason : `not run: the engine process died earlier in this file (line ${commands[done.length]!.line})`;
      results.push({ line: c.line, command: describeCommand(c), status: 'failed', message });
    });
    onFile(file, results);
    next += outcome.fileIndex + 1;
  }
}

type ChildOutcome = { completed: true } | { completed: false; fileIndex: number; partial: CommandResult[]; reason: string };

function runChild(files: readonly SpecFile[], options: IsolatedOptions, onFile: (index: number, results: CommandResult[]) => void): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...options.execArgv, options.script, '--worker', options.config], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, WRL_CONFORMANCE_FILES: JSON.stringify(files) },
    });
    let current = -1;
    let partial: CommandResult[] = [];
    let finished = 0;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.commandTimeoutMs);
    };
    arm();
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // Anything else the engine prints goes to stderr; it may share a line with a result.
      const at = line.indexOf(MARK);
      if (at !== 0) process.stderr.write((at < 0 ? line : line.slice(0, at)) + '\n');
      if (at < 0) return;
      arm();
      let m: Message;
      try {
        m = JSON.parse(line.slice(at + MARK.length)) as Message;
      } catch {
        process.stderr.write(`wrl-conformance: unreadable result line from the engine process: ${line}\n`);
        return;
      }
      if ('start' in m) {
        current = m.start;
        partial = [];
      } else if ('end' in m) {
        onFile(m.end, partial);
        finished = m.end + 1;
        current = -1;
      } else {
        partial.push(m.result);
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && finished === files.length) return resolve({ completed: true });
      const reason = timedOut
        ? `timed out: no result for ${Math.round(options.commandTimeoutMs / 1000)} s, the engine process was killed`
        : `the engine process died (${signal ?? `exit code ${code}`}) while running this command`;
      resolve({ completed: false, fileIndex: current >= 0 ? current : finished, partial: current >= 0 ? partial : [], reason });
    });
  });
}

/** Worker mode: runs the files named in WRL_CONFORMANCE_FILES and writes results as marked JSON lines. */
export async function workerMain(backend: BackendUnderTest): Promise<void> {
  const files = JSON.parse(process.env.WRL_CONFORMANCE_FILES ?? '[]') as SpecFile[];
  const features = backend.createEngine().features;
  const write = (m: Message) => process.stdout.write(MARK + JSON.stringify(m) + '\n');
  for (let i = 0; i < files.length; i++) {
    write({ start: i });
    await runSpecFile(backend, files[i]!, features, (result) => write({ file: i, result }));
    write({ end: i });
  }
}
