/**
 * The browser-ready backends run the quickstart in headless Chromium from
 * their built ESM files (no bundler), proving their runtime code needs no Node
 * built-ins. The interpreter also runs with `WebAssembly` removed from the page,
 * and with its JS tier on: once where the page may generate code, once under a
 * Content-Security-Policy without 'unsafe-eval', where it must fall back to
 * interpreting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wat } from './wat.js';

const CHROMIUM = process.env.WRL_CHROMIUM ?? '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Backends meant to run in browsers, with the bare specifiers their built files import. */
const BROWSER_BACKENDS = [
  { name: 'native', pkg: 'backend-native', className: 'NativeEngine', withoutWebAssembly: false },
  { name: 'interp', pkg: 'backend-interp', className: 'InterpEngine', withoutWebAssembly: true },
].filter((b) => existsSync(join(repo, 'packages', b.pkg, 'package.json')));

/** A policy that allows the page's own inline scripts but no `eval`/`new Function`. */
const NO_EVAL_CSP = "script-src 'self' 'unsafe-inline'";

const importMap = {
  imports: Object.fromEntries([
    ['@wrl/core', '/packages/core/dist/index.js'],
    ['@wrl/core/backend', '/packages/core/dist/backend.js'],
    ...BROWSER_BACKENDS.map((b) => [`@wrl/backend-${b.name}`, `/packages/${b.pkg}/dist/index.js`]),
  ]),
};

function page(backend: (typeof BROWSER_BACKENDS)[number], wasmBase64: string, removeWebAssembly: boolean, engineOptions: string): string {
  return `<!doctype html><script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
  ${removeWebAssembly ? 'delete globalThis.WebAssembly;' : ''}
  try {
    const { Engine, Store, Module, Instance, Imports, Value } = await import('@wrl/core');
    const { ${backend.className} } = await import('@wrl/backend-${backend.name}');
    const bytes = Uint8Array.from(atob('${wasmBase64}'), (c) => c.charCodeAt(0));
    const engine = new Engine(new ${backend.className}(${engineOptions}));
    const store = new Store(engine, null);
    const instance = new Instance(store, new Module(engine, bytes), new Imports());
    const result = [Value.i32(0)];
    instance.getExport(store, 'add_one').intoFunc().call(store, [Value.i32(42)], result);
    let evalAllowed = true;
    try { new Function('return 1'); } catch { evalAllowed = false; }
    window.__done = { value: result[0].value, hasWebAssembly: typeof WebAssembly !== 'undefined', evalAllowed };
  } catch (e) {
    window.__done = { error: String(e && e.stack || e) };
  }
</script>`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

describe.skipIf(!existsSync(CHROMIUM))(`backends in headless Chromium (${CHROMIUM})`, () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  const pages = new Map<string, string>();
  const cspPages = new Set<string>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const html = pages.get(path);
      if (html !== undefined) {
        const headers: Record<string, string> = { 'content-type': 'text/html' };
        if (cspPages.has(path)) headers['content-security-policy'] = NO_EVAL_CSP;
        return void res.writeHead(200, headers).end(html);
      }
      const file = normalize(join(repo, path));
      if (!file.startsWith(join(repo, 'packages')) || !file.includes('/dist/') || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const cases = BROWSER_BACKENDS.flatMap((b) => [
    { backend: b, removeWebAssembly: false, options: '', csp: false },
    ...(b.withoutWebAssembly ? [{ backend: b, removeWebAssembly: true, options: '', csp: false }] : []),
    ...(b.name === 'interp'
      ? [
          { backend: b, removeWebAssembly: true, options: '{ jsTier: true }', csp: false },
          { backend: b, removeWebAssembly: true, options: '{ jsTier: true }', csp: true },
        ]
      : []),
  ]);

  it.each(cases)('$backend.name $options runs the quickstart (WebAssembly removed: $removeWebAssembly, no-eval CSP: $csp)', async ({ backend, removeWebAssembly, options, csp }) => {
    for (const pkg of ['core', backend.pkg]) {
      expect(existsSync(join(repo, 'packages', pkg, 'dist/index.js')), `packages/${pkg} must be built (pnpm build)`).toBe(true);
    }
    const bytes = await wat('(module (func (export "add_one") (param i32) (result i32) local.get 0 i32.const 1 i32.add))');
    const path = `/${backend.name}-${removeWebAssembly}-${options === '' ? 'default' : 'jstier'}-${csp}.html`;
    pages.set(path, page(backend, Buffer.from(bytes).toString('base64'), removeWebAssembly, options));
    if (csp) cspPages.add(path);
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(origin + path);
    await tab.waitForFunction(() => (window as unknown as { __done?: unknown }).__done !== undefined, undefined, { timeout: 20_000 });
    const done = await tab.evaluate(() => (window as unknown as { __done: unknown }).__done);
    await tab.close();
    expect(errors).toEqual([]);
    expect(done).toEqual({ value: 43, hasWebAssembly: !removeWebAssembly, evalAllowed: !csp });
  });
});
