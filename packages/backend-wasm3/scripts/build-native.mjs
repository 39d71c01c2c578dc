// Builds the Rust addon in release mode and copies it next to the package
// root as wrl-wasm3.<triple>.node, where src/native.ts looks first.
// Run from any directory; cargo runs inside native/ so that
// native/.cargo/config.toml (C compiler and wasm3 defines) applies.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformTriple } from './triple.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// native/.cargo/config.toml compiles wasm3 with clang, and bindgen needs libclang.
if (spawnSync('clang', ['--version'], { stdio: 'ignore' }).error) {
  console.error('build-native: clang is not installed; on Debian/Ubuntu: apt-get install -y clang libclang-dev');
  process.exit(1);
}
const crate = join(root, 'native');
const started = Date.now();
const cargo = spawnSync('cargo', ['build', '--release', '--locked'], { cwd: crate, stdio: 'inherit' });
if (cargo.error) {
  console.error(`build-native: could not run cargo (${cargo.error.message}); install a Rust toolchain, clang and libclang-dev`);
  process.exit(1);
}
if (cargo.status !== 0) process.exit(cargo.status ?? 1);

const lib = { linux: 'libwrl_wasm3.so', darwin: 'libwrl_wasm3.dylib', win32: 'wrl_wasm3.dll' }[process.platform] ?? 'libwrl_wasm3.so';
const built = join(crate, 'target', 'release', lib);
if (!existsSync(built)) {
  console.error(`build-native: cargo finished but ${built} is missing`);
  process.exit(1);
}
const out = join(root, `wrl-wasm3.${platformTriple()}.node`);
// A process may have the addon loaded: never rewrite it in place. Skip an identical
// copy, and otherwise write beside it and rename, so a loaded file is replaced, not changed.
if (!existsSync(out) || !readFileSync(out).equals(readFileSync(built))) {
  const tmp = `${out}.${process.pid}.tmp`;
  copyFileSync(built, tmp);
  renameSync(tmp, out);
}
console.log(`build-native: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
