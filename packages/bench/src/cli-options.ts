import type { MeasureOptions } from './measure.js';

export interface CliOptions {
  readonly quick: boolean;
  readonly sets: ReadonlySet<'backends' | 'layer'>;
  /** Workload ids to run (all when undefined). */
  readonly workloads?: ReadonlySet<string>;
  /** Contender ids to load besides the baseline (all when undefined). */
  readonly contenders?: ReadonlySet<string>;
  /** Where to write results.json, chart.svg and README.md; undefined writes nothing. */
  readonly out?: string;
  readonly measure: MeasureOptions;
}

export const USAGE = `usage: pnpm bench [--quick] [--only=backends|layer] [--workloads=fib,loop,...] [--contenders=wrl-native,polywasm,...] [--out=DIR|--no-out] [--rounds=N] [--time=MS]
  --quick   every workload once on every contender at tiny sizes (a smoke test; writes no report unless --out is given)
  default   the full run; writes reports/bench/{results.json,chart.svg,README.md}`;

export function parseArgs(argv: readonly string[], defaultOut: string): CliOptions {
  let quick = false;
  let sets = new Set<'backends' | 'layer'>(['backends', 'layer']);
  let workloads: Set<string> | undefined;
  let contenders: Set<string> | undefined;
  let out: string | null | undefined;
  let rounds = 5;
  let timeMs = 150;
  for (const arg of argv) {
    const [flag, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const list = () => new Set((value ?? '').split(',').filter(Boolean));
    switch (flag) {
      case '--': break;
      case '--quick': quick = true; break;
      case '--only': sets = list() as Set<'backends' | 'layer'>; break;
      case '--workloads': workloads = list(); break;
      case '--contenders': contenders = list(); break;
      case '--out': out = value ?? defaultOut; break;
      case '--no-out': out = null; break;
      case '--rounds': rounds = positive(flag, value); break;
      case '--time': timeMs = positive(flag, value); break;
      default: throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  for (const s of sets) if (s !== 'backends' && s !== 'layer') throw new Error(`--only takes backends or layer, not ${s}`);
  return {
    quick,
    sets,
    workloads,
    contenders,
    out: out === null ? undefined : out ?? (quick ? undefined : defaultOut),
    measure: { rounds, timeMs, warmupMs: 200 },
  };
}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
  return n;
}
