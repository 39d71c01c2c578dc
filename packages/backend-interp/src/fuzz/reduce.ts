/**
 * Shrinks a failing program's WAT while the same mode still disagrees:
 * `node --conditions=source --import tsx src/fuzz/reduce.ts SEED [MODE] [--raw-nans]`.
 * Works on the S-expression tree of the generated functions' bodies: drops
 * an instruction, hoists a child in its place, or puts a zero constant there,
 * keeping a change when the module still validates and still fails.
 */
import { check, prepare, toBinary } from './oracle.js';
import { generate, type Program } from './generate.js';

type Node = string | Node[];

function parse(text: string): Node[] {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[()]|[^\s()"]+/g) ?? [];
  const stack: Node[][] = [[]];
  for (const t of tokens) {
    if (t === '(') stack.push([]);
    else if (t === ')') {
      const done = stack.pop()!;
      stack[stack.length - 1]!.push(done);
    } else stack[stack.length - 1]!.push(t);
  }
  return stack[0]!;
}

const print = (n: Node): string => (typeof n === 'string' ? n : `(${n.map(print).join(' ')})`);

const HEADER = new Set(['type', 'param', 'result', 'local', 'export']);

/** Every list inside a generated function's body, with its parent and position, outermost first. */
function sites(module: Node[]): [Node[], number][] {
  const out: [Node[], number][] = [];
  const walk = (parent: Node[]) => {
    for (let i = 0; i < parent.length; i++) {
      const c = parent[i]!;
      if (typeof c === 'string') continue;
      if (HEADER.has(c[0] as string)) continue;
      out.push([parent, i]);
      walk(c);
    }
  };
  for (const item of module) {
    if (typeof item !== 'string' && item[0] === 'func' && typeof item[1] === 'string' && item[1].startsWith('$f')) walk(item);
  }
  return out;
}

const ZEROS = ['(i32.const 0)', '(i64.const 0)', '(f32.const 0)', '(f64.const 0)'].map((z) => parse(z)[0]!);

export function reduce(seed: number, mode?: string, log = (_: string) => {}, rawNaNs = false): Program {
  const original = generate(seed, { rawNaNs });
  const first = check(seed, original).mismatches;
  if (!first.length) throw new Error(`seed ${seed} does not fail`);
  const target = mode ?? first[0]!.mode;
  const only = target.startsWith('starved') ? ['interp+fuel', 'js-tier+fuel', target] : target.includes(' vs ') ? ['interp+fuel', 'js-tier+fuel'] : [target];
  const fails = (text: string): boolean => {
    try {
      if (!WebAssembly.validate(toBinary(text))) return false;
      return check(seed, { ...original, text }, undefined, only).mismatches.some((m) => m.mode === target);
    } catch {
      return false;
    }
  };
  const tree = parse(original.text);
  let progress = true;
  while (progress) {
    progress = false;
    const all = sites(tree[0] as Node[]);
    for (const [parent, i] of all) {
      const node = parent[i] as Node[];
      if (parent[i] !== node || !parent.includes(node)) continue;
      const tries: (() => void)[] = [
        () => parent.splice(i, 1),
        ...node.filter((c): c is Node[] => typeof c !== 'string' && !HEADER.has(c[0] as string)).map((c) => () => (parent[i] = c)),
        ...ZEROS.map((z) => () => (parent[i] = z)),
      ];
      const before = print(tree[0]!);
      for (const apply of tries) {
        const saved = parent.slice();
        apply();
        const after = print(tree[0]!);
        if (after.length < before.length && fails(after)) {
          progress = true;
          log(`${after.length} chars`);
          break;
        }
        parent.length = 0;
        parent.push(...saved);
      }
    }
  }
  return { ...original, text: pretty(tree[0]!) };
}

function pretty(module: Node): string {
  return (module as Node[]).slice(1).map((n) => `  ${print(n)}`).join('\n').replace(/^/, '(module\n') + '\n)';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare();
  const seed = Number(process.argv[2]);
  const raw = process.argv.includes('--raw-nans');
  const p = reduce(seed, process.argv[3], (s) => process.stderr.write(`${s}\r`), raw);
  console.log(`;; seed ${seed}, args ${JSON.stringify(p.args, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  console.log(p.text);
  for (const m of check(seed, p).mismatches) console.log(`;; ${m.mode}, call ${m.call}: ${m.what} expected ${m.expected}, got ${m.got}`);
}
