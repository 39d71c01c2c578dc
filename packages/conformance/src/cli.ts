#!/usr/bin/env node
/**
 * wrl-conformance: runs the WebAssembly spec testsuite on backends and writes
 * reports. TypeScript configs need a loader: run it with tsx, e.g.
 *   node --conditions=source --import tsx src/cli.ts --backend native
 *
 * Options:
 *   --backend NAME     only this backend (repeatable, or comma-separated)
 *   --config FILE      a conformance.config.ts to run (repeatable); default:
 *                      every <repo>/packages/backend-* /conformance.config.ts
 *   --files TEXT       only testsuite files whose name contains TEXT
 *   --testsuite DIR    the testsuite folder (default <repo>/testsuite, fetched when missing)
 *   --reports DIR      where reports go (default <repo>/reports/conformance)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BackendUnderTest } from './backend.js';
import { compareWithExpected, formatMismatches, loadExpectedFailures, staleEntries } from './spec/expected-failures.js';
import { backendReport, fileReport, summaryLines, writeBackendReport, writeReadme, type FileReport } from './spec/report.js';
import { readCommands, runSpecFile } from './spec/run-file.js';
import { ensureTestsuite, findRepoRoot, listSpecFiles } from './spec/testsuite.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', multiple: true },
    config: { type: 'string', multiple: true },
    files: { type: 'string' },
    testsuite: { type: 'string' },
    reports: { type: 'string' },
  },
  allowPositionals: false,
});

const root = findRepoRoot(process.env.INIT_CWD ?? process.cwd());

function discoverConfigs(): string[] {
  const packages = join(root, 'packages');
  if (!existsSync(packages)) return [];
  return readdirSync(packages)
    .filter((d) => d.startsWith('backend-'))
    .sort()
    .map((d) => join(packages, d, 'conformance.config.ts'))
    .filter((f) => existsSync(f));
}

async function loadBackend(file: string): Promise<BackendUnderTest> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: BackendUnderTest };
  const b = mod.default;
  if (!b || typeof b.createEngine !== 'function') throw new TypeError(`${file} must default-export defineBackend({...})`);
  return b;
}

async function main(): Promise<number> {
  const wanted = (values.backend ?? []).flatMap((b) => b.split(',')).filter(Boolean);
  const configs = values.config?.map((c) => resolve(process.env.INIT_CWD ?? process.cwd(), c)) ?? discoverConfigs();
  if (configs.length === 0) {
    console.error('wrl-conformance: no conformance.config.ts found (pass --config FILE)');
    return 1;
  }
  const dir = values.testsuite ? resolve(values.testsuite) : ensureTestsuite(root, (m) => console.log(m));
  const reportsDir = values.reports ? resolve(values.reports) : join(root, 'reports', 'conformance');
  const files = listSpecFiles(dir).filter((f) => !values.files || f.name.includes(values.files));
  let status = 0;
  let ran = 0;
  const folderOf = (config: string) => /backend-([^/\\]+)[/\\]conformance\.config\.ts$/.exec(config)?.[1];
  // Select by folder name (backend-NAME) without loading other backends; fall back to the configs' own names.
  let selected = wanted.length === 0 ? configs : configs.filter((c) => wanted.includes(folderOf(c) ?? ''));
  if (selected.length < wanted.length && values.config === undefined) selected = configs;
  for (const config of selected) {
    const folder = folderOf(config);
    let backend: BackendUnderTest;
    let features: ReadonlySet<never>;
    try {
      backend = await loadBackend(config);
      if (wanted.length > 0 && !wanted.includes(backend.name) && !wanted.includes(folder ?? '')) continue;
      features = backend.createEngine().features as ReadonlySet<never>;
    } catch (e) {
      if (wanted.length > 0 && !wanted.includes(folder ?? '')) continue;
      console.error(`conformance ${folder ?? config}: could not load the backend: ${e instanceof Error ? e.message : String(e)}`);
      status = 1;
      continue;
    }
    ran++;
    const expected = loadExpectedFailures(backend);
    const reports: Record<string, FileReport> = {};
    const problems: string[] = [];
    const started = Date.now();
    for (const file of files) {
      const results = await runSpecFile(backend, file, features);
      reports[file.name] = fileReport(results);
      const m = compareWithExpected(results, expected[file.name]);
      if (m.unexpectedFailures.length + m.unexpectedPasses.length > 0) problems.push(formatMismatches(file.name, m, expected[file.name]));
    }
    for (const [name, lines] of Object.entries(expected)) {
      const file = listSpecFiles(dir).find((f) => f.name === name);
      if (file === undefined) problems.push(`expected failures name ${name}, which is not a testsuite file`);
      else for (const l of staleEntries(readCommands(file).map((c) => c.line), lines)) problems.push(`expected failures name ${name}:${l}, where no command starts`);
    }
    const report = backendReport(backend.name, reports);
    if (!values.files) writeBackendReport(reportsDir, report);
    for (const l of summaryLines(report)) console.log(l);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s${values.files ? `, files matching "${values.files}" only; reports not written` : `, report: ${join(reportsDir, `${backend.name}.json`)}`})`);
    if (problems.length > 0) {
      status = 1;
      const text = problems.join('\n').split('\n');
      console.log(`  ${text.length} difference(s) from ${backend.name}'s expected failures:`);
      for (const l of text.slice(0, 60)) console.log(`    ${l.length > 300 ? l.slice(0, 300) + '…' : l}`);
      if (text.length > 60) console.log(`    … and ${text.length - 60} more (see the JSON report)`);
    }
  }
  if (ran > 0 && !values.files) writeReadme(reportsDir);
  if (ran === 0 && wanted.length > 0) {
    console.error(`wrl-conformance: no backend named ${wanted.join(', ')} (configs: ${configs.join(', ')})`);
    return 1;
  }
  return status;
}

process.exitCode = await main();
