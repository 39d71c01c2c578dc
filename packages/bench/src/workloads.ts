import type { Contender, HostImports, NumType } from './contenders/types.js';
import { generateStartupModule, setNonce } from './startup-module.js';
import { loadC } from './c-source.js';
import { loadWat } from './wat.js';

/** A workload ready to time on one contender. */
export interface Prepared {
  /** One timed run; returns the result that is checked against the baseline. */
  run(): number;
  dispose(): void;
}

export interface Workload {
  readonly id: string;
  readonly title: string;
  /** Size parameter for `--quick` (a smoke test) and for the full run. */
  readonly sizes: { readonly quick: number; readonly full: number };
  /** A proposal or 2.0 feature the module uses that some contenders lack (they report it unsupported). */
  readonly needs?: 'simd';
  /** What one run does at `size`, for the report. */
  describe(size: number): string;
  /** Compiles, instantiates and returns the timed closure; throws when the contender cannot run it. */
  prepare(contender: Contender, size: number): Promise<Prepared>;
}

/** A workload that calls the export `run(size)` of a module built from a committed WAT (or C) source. */
function kernel(spec: {
  id: string;
  title: string;
  /** `workloads/<wat>.wat`, or with `c`, `workloads/<c>.c`. */
  wat?: string;
  c?: string;
  result: NumType;
  sizes: { quick: number; full: number };
  describe: (size: number) => string;
  imports?: HostImports;
  needs?: 'simd';
}): Workload {
  return {
    id: spec.id,
    title: spec.title,
    sizes: spec.sizes,
    ...(spec.needs !== undefined ? { needs: spec.needs } : {}),
    describe: spec.describe,
    async prepare(contender, size) {
      const bytes = spec.c !== undefined ? loadC(spec.c) : await loadWat(spec.wat!);
      const instance = contender.instantiate(bytes, spec.imports ?? {});
      try {
        const run = instance.fn('run', ['i32'], [spec.result]);
        return { run: () => run(size), dispose: () => instance.dispose() };
      } catch (e) {
        instance.dispose();
        throw e;
      }
    },
  };
}

/** The host side of ping-pong: a cheap mix so each answer depends on the last. */
export function pong(x: number): number {
  return ((x ^ (x >>> 3)) + 7) | 0;
}

const startupModules = new Map<number, Uint8Array>();

export const WORKLOADS: readonly Workload[] = [
  kernel({
    id: 'fib',
    title: 'recursive fib',
    wat: 'fib',
    result: 'i32',
    sizes: { quick: 10, full: 27 },
    describe: (n) => `fib(${n}), ${fibCalls(n)} calls`,
  }),
  kernel({
    id: 'loop',
    title: 'tight integer loop',
    wat: 'loop',
    result: 'i32',
    sizes: { quick: 100, full: 1_000_000 },
    describe: (n) => `${n} iterations of an LCG/rotate/xor step`,
  }),
  kernel({
    id: 'matmul',
    title: 'f64 matrix multiply',
    wat: 'matmul',
    result: 'f64',
    sizes: { quick: 4, full: 64 },
    describe: (n) => `${n}x${n} f64 matrix product (${n ** 3} multiply-adds)`,
  }),
  kernel({
    id: 'fnv',
    title: 'memory: fill + FNV-1a',
    wat: 'fnv',
    result: 'i32',
    sizes: { quick: 256, full: 2 * 1024 * 1024 },
    describe: (n) => `fill ${formatBytes(n)} with xorshift32 words, then FNV-1a over every byte`,
  }),
  kernel({
    id: 'simd',
    title: 'SIMD: i32x4 multiply-add',
    wat: 'simd',
    result: 'i32',
    sizes: { quick: 256, full: 2 * 1024 * 1024 },
    needs: 'simd',
    describe: (n) => `fill ${formatBytes(n)} with xorshift32 words, then fold them 16 bytes at a time (v128.load, i32x4 mul/add/shifts, i8x16.add)`,
  }),
  kernel({
    id: 'hash64',
    title: '64-bit integer hash',
    wat: 'hash64',
    result: 'i32',
    sizes: { quick: 100, full: 300_000 },
    describe: (n) => `${n} steps of xorshift64* folded into a 64-bit multiplicative hash`,
  }),
  kernel({
    id: 'records',
    title: 'compiled C: sort + checksums',
    c: 'records',
    result: 'i32',
    sizes: { quick: 100, full: 20_000 },
    describe: (n) => `clang -O2 output: sort ${n} 16-byte records twice through a comparison callback, CRC-32 and a 64-bit hash over them`,
  }),
  kernel({
    id: 'pingpong',
    title: 'host-call ping-pong',
    wat: 'pingpong',
    result: 'i32',
    sizes: { quick: 100, full: 100_000 },
    describe: (n) => `${n} calls from wasm to a host function`,
    imports: { host: { pong: { params: ['i32'], results: ['i32'], fn: pong } } },
  }),
  {
    id: 'startup',
    title: 'startup (compile + instantiate)',
    sizes: { quick: 50, full: 5000 },
    describe: (n) => `compile + instantiate a generated ${formatBytes(startupModule(n).length)} module of ${n} functions, then call its "run" once`,
    async prepare(contender, size) {
      // A private copy: its nonce changes on every run, so no engine can reuse an earlier compile.
      const bytes = startupModule(size).slice();
      let nonce = 0;
      return {
        run() {
          setNonce(bytes, ++nonce);
          const instance = contender.instantiate(bytes, {});
          try {
            return instance.fn('run', ['i32'], ['i32'])(7);
          } finally {
            instance.dispose();
          }
        },
        dispose() {},
      };
    },
  },
];

function startupModule(count: number): Uint8Array {
  let bytes = startupModules.get(count);
  if (!bytes) startupModules.set(count, (bytes = generateStartupModule(count)));
  return bytes;
}

function fibCalls(n: number): number {
  let a = 1;
  let b = 1;
  for (let i = 1; i < n; i++) [a, b] = [b, a + b + 1];
  return b;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 2)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} B`;
}
