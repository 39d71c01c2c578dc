import { WasmFeature, type WasmModule } from './backend.js';
import { detectFeatures } from './binary/features.js';
import type { Engine } from './engine.js';
import { CompileError, UnsupportedFeatureError } from './errors.js';
import type { ExportType, ExternType, ImportType } from './types.js';
import { describe } from './value.js';

/** What `Module.compile` accepts: bytes, or a fetch `Response` or byte stream (or a promise of one). */
export type ModuleSource =
  | ArrayBuffer
  | ArrayBufferView
  | Response
  | ReadableStream<Uint8Array>
  | PromiseLike<ArrayBuffer | ArrayBufferView | Response | ReadableStream<Uint8Array>>;

/** Set by `Module.compile` so the constructor adopts an already compiled backend module. */
let adopt: WasmModule | undefined;

/** A decoded and validated WebAssembly module, ready to instantiate in any store of its engine. */
export class Module {
  readonly engine: Engine;
  /** The backend's compiled module. */
  readonly backend: WasmModule;
  #exports: readonly ExportType[] | undefined;
  #imports: readonly ImportType[] | undefined;

  /** Compiles `bytes` synchronously. Throws CompileError for malformed, invalid or unsupported modules. */
  constructor(engine: Engine, bytes: ArrayBuffer | ArrayBufferView) {
    if (!engine || typeof engine.backend?.compile !== 'function') throw new TypeError('new Module: expected an Engine');
    this.engine = engine;
    const adopted = adopt;
    adopt = undefined;
    if (adopted) {
      this.backend = adopted;
      return;
    }
    const u8 = toBytes(bytes, 'new Module');
    checkFeatures(engine, u8);
    this.backend = engine.backend.compile(u8);
  }

  /** Compiles asynchronously from bytes, a `Response` (e.g. from `fetch`) or a byte stream. */
  static async compile(engine: Engine, source: ModuleSource): Promise<Module> {
    if (!engine || typeof engine.backend?.compile !== 'function') throw new TypeError('Module.compile: expected an Engine');
    const u8 = await readSource(await source);
    checkFeatures(engine, u8);
    const backend = engine.backend.compileAsync ? await engine.backend.compileAsync(u8) : engine.backend.compile(u8);
    adopt = backend;
    return new Module(engine, u8);
  }

  exports(): readonly ExportType[] {
    return (this.#exports ??= Object.freeze([...this.backend.exports()]));
  }

  imports(): readonly ImportType[] {
    return (this.#imports ??= Object.freeze([...this.backend.imports()]));
  }

  /** The type of the export called `name`, or undefined. */
  getExport(name: string): ExternType | undefined {
    return this.exports().find((e) => e.name === name)?.ty;
  }
}

/** Rejects modules using features the backend lacks, naming the feature (the backend need not know it). */
function checkFeatures(engine: Engine, bytes: Uint8Array): void {
  const supported = engine.backend.features;
  const missing = new Set<WasmFeature>();
  for (const f of Object.values(WasmFeature)) if (!supported.has(f)) missing.add(f);
  // A backend with every feature rejects nothing; and the scan only reads function bodies when a missing feature can show there.
  if (missing.size === 0) return;
  const used = detectFeatures(bytes, missing);
  for (const f of used) {
    if (missing.has(f)) {
      const cause = new UnsupportedFeatureError(f, engine.name);
      throw new CompileError(`module uses ${f}, which the ${engine.name} backend does not support`, { cause });
    }
  }
}

function toBytes(x: unknown, where: string): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  throw new TypeError(`${where}: expected module bytes (ArrayBuffer or typed array), got ${describe(x)}`);
}

async function readSource(src: unknown): Promise<Uint8Array> {
  if (typeof Response !== 'undefined' && src instanceof Response) {
    if (!src.ok) throw new CompileError(`Module.compile: HTTP status ${src.status} fetching the module`);
    return new Uint8Array(await src.arrayBuffer());
  }
  if (typeof ReadableStream !== 'undefined' && src instanceof ReadableStream) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = (src as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = toBytes(value, 'Module.compile stream');
      chunks.push(chunk);
      total += chunk.length;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  return toBytes(src, 'Module.compile');
}
