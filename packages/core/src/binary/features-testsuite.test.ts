/**
 * Runs the feature scanner over every top-level module of the WebAssembly
 * spec testsuite: the scan must read each one to its exact end, which checks
 * that it knows the immediates of every opcode the suite uses. Skipped when
 * the testsuite is not present (see WRL_TESTSUITE_DIR).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFeatures } from './features.js';
import { checkRoundTrip, wat } from './test-wat.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const candidates = [process.env.WRL_TESTSUITE_DIR, join(repoRoot, 'testsuite'), resolve(repoRoot, '../shared/wasm-testsuite')];
const suiteDir = candidates.find((d): d is string => d !== undefined && existsSync(join(d, 'core')));

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
function topLevelModules(src: string): string[] {
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

describe.skipIf(suiteDir === undefined)('scanFeatures on the spec testsuite', () => {
  it('reads every module to its end', async () => {
    let scanned = 0;
    let unparsed = 0;
    const incomplete: string[] = [];
    for (const file of wastFiles(suiteDir!)) {
      const modules = topLevelModules(readFileSync(file, 'utf8'));
      for (const [k, text] of modules.entries()) {
        let bytes: Uint8Array;
        try {
          bytes = await wat(text);
          await checkRoundTrip(bytes);
        } catch {
          unparsed++; // syntax wabt does not know, or bytes wabt itself cannot read back
          continue;
        }
        scanned++;
        if (!scanFeatures(bytes).complete) incomplete.push(`${file.slice(suiteDir!.length + 1)} module #${k}`);
      }
    }
    console.log(`scanned ${scanned} testsuite modules (${unparsed} not encodable by wabt)`);
    expect(incomplete).toEqual([]);
    expect(scanned).toBeGreaterThan(1000);
    expect(unparsed).toBeLessThan(scanned / 10);
  });
});
