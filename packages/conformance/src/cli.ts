#!/usr/bin/env node
/**
 * wrl-conformance: runs the WebAssembly spec testsuite on backends and writes
 * reports. Backend configs are TypeScript, so run it with tsx, e.g.
 *   node --conditions=source --import tsx src/cli.ts --backend native
 *
 * Options:
 *   --backend NAME     only this backend (repeatable, or comma-separated)
 *   --config FILE      a conformance.config.ts to run (repeatable); default: every
 *                      <repo>/packages/backend-<name>/conformance.config.ts
 *   --files TEXT       only testsuite files whose name contains TEXT (reports are not written)
 *   --testsuite DIR    the testsuite folder (default <repo>/testsuite, fetched when missing)
 *   --reports DIR      where reports go (default <repo>/reports/conformance)
 *   --timeout SECONDS  a command reporting nothing this long is killed as hung (default 120)
 *   --in-process       run in this process instead of a child process per backend
 *                      (faster to debug, but an engine crash or hang ends the run)
 *   --write-expected-failures
 *                      rewrite each backend's expected-failures file from this run
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BackendUnderTest } from './backend.js';
import { compareWithExpected, formatMismatches, hasMismatches, loadExpectedFailures, staleEntries } from './spec/expected-failures.js';
import { runIsolated, workerMain } from './spec/isolated.js';
import { backendReport, fileReport, summaryLines, writeBackendReport, writeReadme, type FileReport } from './spec/report.js';
import { readCommands, runSpecFile } from './spec/run-file.js';
import type { CommandResult } from './spec/runner.js';
import { ensureTestsuite, findRepoRoot, listSpecFiles, type SpecFile } from './spec/testsuite.js';

const { values, positionals } = parseArgs({
  options: {
    backend: { type: 'string', multiple: true },
    config: { type: 'string', multiple: true },
    files: { type: 'string' },
    testsuite: { type: 'string' },
    reports: { type: 'string' },
    timeout: { type: 'string' },
    'in-process': { type: 'boolean' },
    'write-expected-failures': { type: 'boolean' },
    worker: { type: 'boolean' },
  },
  allowPositionals: true,
});

const cwd = process.env.INIT_CWD ?? process.cwd();
const root = findRepoRoot(cwd);

async function loadBackend(file: string): Promise<BackendUnderTest> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: BackendUnderTest };
  const b = mod.default;
  if (!b || typeof b.createEngine !== 'function') throw new TypeError(`${file} must default-export defineBackend({...})`);
  return b;
}

function discoverConfigs(): string[] {
  const packages = join(root, 'packages');
  if (!existsSync(packages)) return [];
  return readdirSync(packages)
    .filter((d) => d.startsWith('backend-'))
    .sort()
    .map((d) => join(packages, d, 'conformance.config.ts'))
    .filter((f) => existsSync(f));
}

const folderOf = (config: string) => /backend-([^/\\]+)[/\\]conformance\.config\.ts$/.exec(config)?.[1];

/** One line per failure, cut to a readable length, for an expected-failures file. */
function oneLine(r: CommandResult): string {
  const text = `${r.command}: ${r.message ?? ''}`.replace(/\s+/g, ' ');
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}

async function runBackend(config: string, backend: BackendUnderTest, files: readonly SpecFile[], dir: string, reportsDir: string): Promise<number> {
  const features = backend.createEngine().features as ReadonlySet<never>;
  const expected = loadExpectedFailures(backend);
  const reports: Record<string, FileReport> = {};
  const problems: string[] = [];
  const newExpected: Record<string, Record<string, string>> = {};
  const started = Date.now();
  const onFile = (file: SpecFile, results: CommandResult[]) => {
    reports[file.name] = fileReport(results);
    const m = compareWithExpected(results, expected[file.name]);
    if (hasMismatches(m)) problems.push(formatMismatches(file.name, m, expected[file.name]));
    for (const r of results) if (r.status === 'failed') (newExpected[file.name] ??= {})[String(r.line)] = oneLine(r);
  };
  if (values['in-process']) {
    for (const file of files) onFile(file, await runSpecFile(backend, file, features));
  } else {
    const timeout = Number(values.timeout ?? 120);
    await runIsolated(files, { script: fileURLToPath(import.meta.url), execArgv: process.execArgv, config, commandTimeoutMs: timeout * 1000 }, onFile);
  }
  const all = listSpecFiles(dir);
  for (const [name, lines] of Object.entries(expected)) {
    const file = all.find((f) => f.name === name);
    if (file === undefined) problems.push(`expected failures name ${name}, which is not a testsuite file`);
    else for (const l of staleEntries(readCommands(file).map((c) => c.line), lines)) problems.push(`expected failures name ${name}:${l}, where no command starts`);
  }
  const report = backendReport(backend.name, reports);
  const partial = values.files !== undefined;
  if (!partial) writeBackendReport(reportsDir, report);
  for (const l of summaryLines(report)) console.log(l);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s${partial ? `, files matching "${values.files}" only; reports not written` : `, report: ${join(reportsDir, `${backend.name}.json`)}`})`);
  if (values['write-expected-failures']) {
    const src = backend.expectedFailures;
    if (src instanceof URL || typeof src === 'string') {
      const path = src instanceof URL ? fileURLToPath(src) : src;
      const merged = partial ? { ...expected, ...newExpected } : newExpected;
      writeFileSync(path, JSON.stringify(merged, null, 2) + '\n');
      console.log(`  wrote ${Object.values(merged).reduce((n, f) => n + Object.keys(f).length, 0)} expected failures to ${path}`);
      return 0;
    }
    console.log(`  ${backend.name} has no expected-failures file to write`);
  }
  if (problems.length === 0) return 0;
  const text = problems.join('\n').split('\n');
  console.log(`  ${text.length} difference(s) from ${backend.name}'s expected failures:`);
  for (const l of text.slice(0, 60)) console.log(`    ${l.length > 300 ? l.slice(0, 300) + '…' : l}`);
  if (text.length > 60) console.log(`    … and ${text.length - 60} more (see the JSON report)`);
  return 1;
}

async function main(): Promise<number> {
  if (values.worker) {
    await workerMain(await loadBackend(positionals[0]!));
    return 0;
  }
  const wanted = (values.backend ?? []).flatMap((b) => b.split(',')).filter(Boolean);
  const configs = values.config?.map((c) => resolve(cwd, c)) ?? discoverConfigs();
  if (configs.length === 0) {
    console.error('wrl-conformance: no conformance.config.ts found (pass --config FILE)');
    return 1;
  }
  // Select by folder name (backend-NAME) without loading the others; fall back to the configs' own names.
  let selected = wanted.length === 0 ? configs : configs.filter((c) => wanted.includes(folderOf(c) ?? ''));
  if (selected.length < wanted.length) selected = configs;
  const dir = values.testsuite ? resolve(cwd, values.testsuite) : ensureTestsuite(root, (m) => console.log(m));
  const reportsDir = values.reports ? resolve(cwd, values.reports) : join(root, 'reports', 'conformance');
  const files = listSpecFiles(dir).filter((f) => !values.files || f.name.includes(values.files));
  let status = 0;
  let ran = 0;
  for (const config of selected) {
    const folder = folderOf(config);
    let backend: BackendUnderTest;
    try {
      backend = await loadBackend(config);
    } catch (e) {
      if (wanted.length > 0 && !wanted.includes(folder ?? '')) continue;
      console.error(`conformance ${folder ?? config}: could not load the backend: ${e instanceof Error ? e.message : String(e)}`);
      status = 1;
      continue;
    }
    if (wanted.length > 0 && !wanted.includes(backend.name) && !wanted.includes(folder ?? '')) continue;
    ran++;
    status |= await runBackend(config, backend, files, dir, reportsDir);
  }
  if (ran > 0 && values.files === undefined) writeReadme(reportsDir);
  if (ran === 0 && wanted.length > 0) {
    console.error(`wrl-conformance: no backend named ${wanted.join(', ')}`);
    return 1;
  }
  return status;
}

process.exitCode = await main();
