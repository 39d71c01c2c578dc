/** Test helper: the top-level modules of the WebAssembly spec testsuite, when it is present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRoundTrip, wat } from './test-wat.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const candidates = [process.env.WRL_TESTSUITE_DIR, join(repoRoot, 'testsuite'), resolve(repoRoot, '../shared/wasm-testsuite')];
export const suiteDir = candidates.find((d): d is string => d !== undefined && existsSync(join(d, 'core')));

function wastFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...wastFiles(p));
    else if (entry.name.endsWith('.wast')) out.push(p);
  }
  return out.sort();
}

/** The text of each top-level `(module ...)` form written in text format. */
export function topLevelModules(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === ';' && src[i + 1] === ';') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '(' && src[i + 1] === ';') {
      let nest = 1;
      for (i += 2; i < src.length && nest > 0; i++) {
        if (src[i] === '(' && src[i + 1] === ';') (nest++, i++);
        else if (src[i] === ';' && src[i + 1] === ')') (nest--, i++);
      }
      i--;
    } else if (c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) {
        const form = src.slice(start, i + 1);
        if (/^\(module\b/.test(form) && !/^\(module\s+(\$\S+\s+)?(binary|quote|definition|instance)\b/.test(form)) out.push(form);
      }
    }
  }
  return out;
}

export interface SuiteModule {
  readonly where: string;
  readonly bytes: Uint8Array;
}

/** Every top-level text module of the suite that wabt can encode, and how many it could not. */
export async function suiteModules(): Promise<{ modules: SuiteModule[]; unencodable: number }> {
  const modules: SuiteModule[] = [];
  let unencodable = 0;
  for (const file of wastFiles(suiteDir!)) {
    for (const [k, text] of topLevelModules(readFileSync(file, 'utf8')).entries()) {
      try {
        const bytes = await wat(text);
        await checkRoundTrip(bytes);
        modules.push({ where: `${file.slice(suiteDir!.length + 1)} module #${k}`, bytes });
      } catch {
        unencodable++; // syntax wabt does not know, or bytes wabt itself cannot read back
      }
    }
  }
  return { modules, unencodable };
}
