import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** packages/ of the monorepo (the same from src/contenders and dist/contenders). */
const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const BENCH_MANIFEST = fileURLToPath(new URL('../../package.json', import.meta.url));

/** Thrown by loaders: the contender is reported as "unavailable: <reason>". */
export class UnavailableError extends Error {}

/**
 * Imports a workspace backend by package name (its built dist under plain
 * node, its sources under `--conditions=source`), or explains why not.
 */
export async function importWorkspacePackage(dir: string, name: string): Promise<{ module: Record<string, unknown>; version: string }> {
  const manifest = `${PACKAGES}${dir}/package.json`;
  if (!existsSync(manifest)) throw new UnavailableError(`packages/${dir} does not exist yet`);
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?';
  const bench = JSON.parse(readFileSync(BENCH_MANIFEST, 'utf8')) as { devDependencies?: Record<string, string> };
  if (!bench.devDependencies?.[name]) throw new UnavailableError(`${name} is not yet a devDependency of @wrl/bench`);
  try {
    // A computed specifier: the package may be absent when this file is type-checked.
    const spec: string = name;
    return { module: (await import(spec)) as Record<string, unknown>, version: `${name} ${version}` };
  } catch (e) {
    throw new UnavailableError(`cannot load ${name} (not built yet?): ${firstLine(e).replace(/ imported from .*/, '').replace(/'[^']*\/node_modules\//g, "'")}`);
  }
}

export function firstLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.split('\n')[0]!.slice(0, 200);
}
