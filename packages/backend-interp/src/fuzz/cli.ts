/**
 * Long fuzzing runs: `pnpm fuzz -- --seeds 5000 --start N [--print SEED] [--raw-nans] [--size 120] [--funcs 5]`.
 * Prints each mismatch with the program's WAT (the first few in full), and a summary.
 * `--raw-nans` leaves arithmetic NaNs uncanonicalised: the spec lets their bits
 * differ, so mismatches are then differences from V8's choices, not bugs.
 */
import { check, describeMismatch, prepare } from './oracle.js';
import { generate } from './generate.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

await prepare();
const rawNaNs = process.argv.includes('--raw-nans');
const gen = { rawNaNs, maxSize: flag('size', 120), maxFuncs: flag('funcs', 5) };
const print = flag('print', -1);
if (print >= 0) {
  const p = generate(print, gen);
  console.log(p.text);
  console.log(';; args', JSON.stringify(p.args, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
  process.exit(0);
}
const seeds = flag('seeds', 1000);
const start = flag('start', 0);
const t0 = performance.now();
let failing = 0;
let trapped = 0;
const byMode = new Map<string, number>();
for (let seed = start; seed < start + seeds; seed++) {
  const r = check(seed, generate(seed, gen));
  trapped += r.trapped;
  if (!r.mismatches.length) continue;
  failing++;
  for (const m of r.mismatches) {
    byMode.set(m.mode, (byMode.get(m.mode) ?? 0) + 1);
    console.log(describeMismatch(m));
  }
  if (failing <= 3) console.log(`;; seed ${seed}\n${r.program.text}\n`);
}
const ms = performance.now() - t0;
console.log(`${seeds} seeds from ${start}: ${failing} failing, ${trapped}/${seeds * 3} host calls trapped, ${(ms / seeds).toFixed(1)} ms per seed`);
for (const [mode, n] of byMode) console.log(`  ${mode}: ${n}`);
process.exit(failing ? 1 : 0);
