import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runWorkload, type WorkloadResult } from './backends.js';
import { parseArgs, USAGE } from './cli-options.js';
import { loadContenders } from './contenders/index.js';
import { runLayer, type LayerResult } from './layer.js';
import { renderChart } from './report/chart.js';
import { textTable } from './report/format.js';
import { describeMachine, machineInfo } from './report/machine.js';
import { renderReadme } from './report/readme.js';
import { layerTable, workloadTable } from './report/tables.js';
import { WORKLOADS } from './workloads.js';
import { wrlFailures } from './failures.js';

const REPORT_DIR = fileURLToPath(new URL('../../../reports/bench/', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseArgs(argv, REPORT_DIR);
  // Progress goes to stderr, and only in the full run (the quick run finishes in seconds).
  const log = options.quick ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const machine = machineInfo();
  console.log(`wrl benchmarks${options.quick ? ' (quick)' : ''} on ${describeMachine(machine)}`);
  if (options.quick) console.log('quick mode: tiny sizes, one cold run each; it proves the harness and checks results, its times mean little');
  console.log('');

  const set = await loadContenders(options.contenders && ((id) => options.contenders!.has(id)));
  for (const u of set.unavailable) console.log(`${u.label}: unavailable: ${u.reason}`);
  if (set.unavailable.length) console.log('');

  // The layer set runs first, while @wrl/core's shared wrapper closures have seen only its own host
  // functions: after the backends set they are polymorphic and every call through them is slower.
  let layer: LayerResult | undefined;
  if (options.sets.has('layer')) {
    log('layer: the cost of @wrl/core over the native backend');
    layer = await runLayer({ quick: options.quick, measure: options.measure, log });
    if (!layer.available) console.log(`## The cost of the layer\nunavailable: ${layer.reason}\n`);
    else {
      for (const g of layer.groups) {
        const t = layerTable(g);
        console.log(`## Layer: ${g.title} (${layer.callsPerRun} calls per run)\n${textTable(t.header, t.rows, t.right)}\n`);
      }
    }
  }

  const workloads: WorkloadResult[] = [];
  if (options.sets.has('backends')) {
    for (const w of WORKLOADS) {
      if (options.workloads && !options.workloads.has(w.id)) continue;
      log(`${w.id}: ${w.describe(options.quick ? w.sizes.quick : w.sizes.full)}`);
      const result = await runWorkload(w, set, { quick: options.quick, measure: options.measure, log });
      workloads.push(result);
      const t = workloadTable(result);
      console.log(`## ${result.title}: ${result.description}\n${textTable(t.header, t.rows, t.right)}\n`);
    }
  }

  const failures = wrlFailures(workloads, layer);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (options.out) {
    const packages: Record<string, string> = {};
    for (const c of set.available) packages[c.id] = c.version;
    for (const u of set.unavailable) packages[u.id] = `unavailable: ${u.reason}`;
    const command = `pnpm bench${argv.filter((a) => a !== '--').map((a) => ` ${a}`).join('')}`;
    const date = new Date().toISOString();
    const caps = set.available.flatMap((c) =>
      Object.entries(c.sizeCaps ?? {})
        .filter(([id]) => workloads.some((w) => w.id === id))
        .map(([id, size]) => `${c.label}, ${id}: ${WORKLOADS.find((w) => w.id === id)!.describe(size)}`),
    );
    mkdirSync(options.out, { recursive: true });
    const loadAtEnd = Math.round(os.loadavg()[0]! * 100) / 100;
    const results = { command, date, durationSeconds: Number(seconds), quick: options.quick, machine, loadAtEnd, packages, measure: options.measure, workloads, layer, failures };
    writeFileSync(`${options.out}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${options.out}/chart.svg`, renderChart(workloads, `${describeMachine(machine)} — ${command}`));
    writeFileSync(`${options.out}/README.md`, renderReadme({ command, date, machine, packages, measure: options.measure, workloads, layer, caps, loadAtEnd }));
    console.log(`wrote ${options.out}results.json, chart.svg, README.md`);
  }
  console.log(`done in ${seconds} s`);
  if (failures.length) {
    console.error(`\nFAILED: a wrl contender went wrong:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 2;
  },
);
