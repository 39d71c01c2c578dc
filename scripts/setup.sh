#!/usr/bin/env bash
# Sets up a fresh machine for wrl: system packages (as root, when missing),
# pnpm, the workspace dependencies, a build, and the spec testsuite.
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
# Headless Chromium runs the browser tests of the browser-ready backends.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# bindgen (used by the wasm3 backend's Rust build) loads libclang at build time.
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need_apt+=(libclang-dev)
# The benchmark's compiled-C workload links with wasm-ld (packages/bench/src/c-source.ts).
{ command -v wasm-ld || ls /usr/bin/wasm-ld-* || ls /usr/lib/llvm-*/bin/wasm-ld; } >/dev/null 2>&1 || need_apt+=(lld)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need_apt[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (the wasm3 build needs clang and libclang-dev; the browser tests need chromium; the benchmark's C workload needs clang and lld)" >&2
  fi
fi

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null 2>&1 || corepack enable
fi

pnpm install --frozen-lockfile
node --import tsx scripts/fetch-testsuite.ts
pnpm build --output-logs=errors-only
