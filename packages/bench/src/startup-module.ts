/**
 * Generates the startup workload: a valid module of `count` functions of
 * type (i32) -> i32, each a chain of integer steps, plus an export "run"
 * that calls every one of them and sums the answers. About 200 bytes per
 * function, so 5000 functions make a module of about 1 MB.
 *
 * The module ends with a custom section "nonce" whose last 4 bytes
 * `setNonce` changes: V8 reuses the compiled code of byte-identical modules,
 * so every timed compile must see bytes it has not seen before.
 */
export function generateStartupModule(count: number, stepsPerFunction = 12): Uint8Array {
  const out = new ByteWriter();
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  // type 0: (i32) -> i32
  section(out, 1, (s) => s.u32(1).bytes([0x60, 1, 0x7f, 1, 0x7f]));
  // count generated functions + run, all of type 0
  section(out, 3, (s) => {
    s.u32(count + 1);
    for (let i = 0; i <= count; i++) s.u32(0);
  });
  section(out, 7, (s) => s.u32(1).name('run').bytes([0x00]).u32(count));

  let seed = 0x2545f491;
  const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) | 0);
  section(out, 10, (s) => {
    s.u32(count + 1);
    for (let i = 0; i < count; i++) {
      const body = new ByteWriter();
      body.u32(0); // no locals besides the parameter
      for (let j = 0; j < stepsPerFunction; j++) {
        // x = rotl(x + c, k) ^ x
        body.bytes([0x20, 0]).byte(0x41).i32(next()).byte(0x6a);
        body.byte(0x41).i32((next() >>> 27) + 1).byte(0x77);
        body.bytes([0x20, 0, 0x73, 0x21, 0]);
      }
      body.bytes([0x20, 0, 0x0b]);
      s.u32(body.length).append(body);
    }
    // run(x): sum += f_i(x) for every i, accumulated in local 1 the way compilers emit it.
    const run = new ByteWriter();
    run.u32(1).u32(1).byte(0x7f);
    for (let i = 0; i < count; i++) run.bytes([0x20, 0]).byte(0x10).u32(i).bytes([0x20, 1, 0x6a, 0x21, 1]);
    run.bytes([0x20, 1, 0x0b]);
    s.u32(run.length).append(run);
  });
  section(out, 0, (s) => s.name('nonce').bytes([0, 0, 0, 0]));
  return out.finish();
}

/** Makes `module` (from generateStartupModule) byte-for-byte new without changing what it does. */
export function setNonce(module: Uint8Array, nonce: number): void {
  new DataView(module.buffer, module.byteOffset, module.byteLength).setUint32(module.byteLength - 4, nonce >>> 0, true);
}

function section(out: ByteWriter, id: number, fill: (s: ByteWriter) => void): void {
  const s = new ByteWriter();
  fill(s);
  out.byte(id).u32(s.length).append(s);
}

/** A growable byte buffer with the LEB128 encodings the binary format uses. */
class ByteWriter {
  #buf = new Uint8Array(1024);
  length = 0;

  byte(b: number): this {
    if (this.length === this.#buf.length) {
      const bigger = new Uint8Array(this.#buf.length * 2);
      bigger.set(this.#buf);
      this.#buf = bigger;
    }
    this.#buf[this.length++] = b & 0xff;
    return this;
  }

  bytes(list: readonly number[]): this {
    for (const b of list) this.byte(b);
    return this;
  }

  u32(n: number): this {
    let v = n >>> 0;
    do {
      const b = v & 0x7f;
      v >>>= 7;
      this.byte(v === 0 ? b : b | 0x80);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer. */
  i32(n: number): this {
    let v = n | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  name(text: string): this {
    const utf8 = new TextEncoder().encode(text);
    return this.u32(utf8.length).bytes([...utf8]);
  }

  append(other: ByteWriter): this {
    for (let i = 0; i < other.length; i++) this.byte(other.#buf[i]!);
    return this;
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.length);
  }
}
