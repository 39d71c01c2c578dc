/**
 * A workaround for one encoding bug of wabt's JS library: its `toBinary` writes
 * with wabt's default features whatever `parseWat` was given, so an active data
 * segment on a memory other than 0 (multi-memory) comes out with the explicit-
 * index flag (2) but no index. Modules that have one are converted again by the
 * same package's `wat2wasm` command, which takes the feature flags.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `bytes` has an active data segment with the explicit-memory flag (2), which wabt's library never encodes whole. */
export function hasExplicitMemoryDataSegment(bytes: Uint8Array): boolean {
  const r = { pos: 8 };
  const u32 = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[r.pos++]!;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0 || r.pos >= bytes.length) return v;
    }
  };
  while (r.pos < bytes.length) {
    const id = bytes[r.pos++]!;
    const size = u32();
    const end = r.pos + size;
    if (id === 11) {
      const count = u32();
      for (let i = 0; i < count && r.pos < end; i++) {
        const flags = u32();
        if (flags === 2) return true;
        if (flags === 0) skipConstExpr(bytes, r, u32);
        const length = u32(); // then the segment's bytes (read first: `r.pos += u32()` would add to the old position)
        r.pos += length;
      }
      return false;
    }
    r.pos = end;
  }
  return false;
}

/** Skips an offset expression: i32/i64 constants, global.get and extended-const arithmetic, up to `end`. */
function skipConstExpr(bytes: Uint8Array, r: { pos: number }, u32: () => number): void {
  while (r.pos < bytes.length) {
    const op = bytes[r.pos++]!;
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) u32(); // a signed LEB skips like an unsigned one
    else if (op === 0xd0) r.pos++;
  }
}

let wat2wasmPath: string | undefined;

/** `text` converted by the `wat2wasm` command of the `wabt` package, with the named feature flags and no validation. */
export function wat2wasmCli(text: string, flags: readonly string[]): Uint8Array {
  wat2wasmPath ??= createRequire(import.meta.url).resolve('wabt/bin/wat2wasm');
  const dir = mkdtempSync(join(tmpdir(), 'wrl-wat-'));
  try {
    const input = join(dir, 'module.wat');
    const output = join(dir, 'module.wasm');
    writeFileSync(input, text);
    execFileSync(process.execPath, [wat2wasmPath, ...flags, '--no-check', input, '-o', output], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
