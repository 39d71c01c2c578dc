import type {
  BackendExtern, BackendValue, FuelControl, FuncType, GlobalType, HostFunction, MemoryType, TableType,
  TypedHostFunction, WasmInstance, WasmModule, WasmStore,
} from '@wrl/core/backend';
import { sigOf } from '../ir/sig.js';
import { InterpFunc } from './func.js';
import { InterpGlobal } from './global.js';
import { instantiate } from './instance.js';
import { JS_DEPTH_LIMIT, type Limits } from './limits.js';
import { InterpMemory } from './memory.js';
import { InterpModule } from './module.js';
import { InterpExternRef, type RefValue } from './refs.js';
import { STACK, ValueStack } from './stack.js';
import { InterpTable } from './table.js';

const MAX_FUEL = 2 ** 53 - 1;
const FUEL_WINDOW = 2 ** 29;

/** Per-store state: the value stack and frame stack shared by every call, and the fuel. */
export class InterpStore implements WasmStore {
  readonly stack: ValueStack;
  /**
   * Saved (pc, fp) of each suspended caller frame, allocated for the depth limit at once: an array
   * that never changes is one value fewer for the optimised interpreter loop to carry from one
   * instruction to the next (after fib has run in the same process, a loop iteration cost 294
   * machine instructions with a growable array and a cached current function, 269 without, counted
   * with cachegrind). At most 80 MB at the largest depth limit, and the operating system commits
   * pages of a large allocation only as frames reach them.
   */
  readonly frames: Int32Array;
  readonly frameFuncs: InterpFunc[] = [];
  /** Active wasm frames, published before calling out to the host. */
  depth = 0;
  /**
   * Call depth up to which the interpreter calls JS-tier code; deeper calls
   * stay on the frame stack, so deep recursion reaches maxCallDepth instead of
   * the JS stack's limit. Zero while too many interpreter runs are nested in
   * compiled code (`jsNest`, compiler/link.ts).
   */
  jsDepthLimit = JS_DEPTH_LIMIT;
  /** Interpreter runs started by compiled code that are still running. */
  jsNest = 0;
  /** First free stack word for a new call from the host (the realm's stack is shared: runtime/stack.ts). */
  get sp(): number {
    return STACK.sp;
  }
  set sp(w: number) {
    STACK.sp = w;
  }
  /**
   * Fuel is counted in a window of at most `fuelWindow` units, the rest waits in `fuelReserve` and
   * refills the window when a charge overdraws it (exec/math.ts outOfFuel; the JS tier inline).
   * The window stays a small integer, so charges are int32 arithmetic: fuel is one serial chain
   * through a whole run, and
   * with a float count (a longer latency per link) metered fib ran 1.6x slower in the JS tier.
   */
  fuelLeft = 0;
  fuelReserve = 0;
  /** The largest window: a small integer (a V8 Smi), so that even after a charge overdraws it the count stays one. */
  fuelWindow = FUEL_WINDOW;
  readonly fuel?: FuelControl;

  constructor(
    readonly limits: Limits,
    fuel: boolean,
  ) {
    this.stack = new ValueStack(limits.maxStackWords);
    this.frames = new Int32Array(2 * (limits.maxCallDepth + 1));
    if (fuel) {
      this.fuel = {
        get: () => BigInt(this.fuelLeft + this.fuelReserve),
        set: (f: bigint) => {
          const total = f > BigInt(MAX_FUEL) ? MAX_FUEL : Number(f);
          this.fuelLeft = Math.min(total, this.fuelWindow);
          this.fuelReserve = total - this.fuelLeft;
        },
      };
    }
  }

  instantiate(module: WasmModule, imports: readonly BackendExtern[]): WasmInstance {
    if (!(module instanceof InterpModule)) throw new TypeError('instantiate: the module was not compiled by the interp engine');
    return instantiate(this, module, imports);
  }

  createFunc(ty: FuncType, host: HostFunction): InterpFunc {
    return new InterpFunc(this, ty, sigOf(ty), null, null, host, null);
  }

  createTypedFunc(ty: FuncType, host: TypedHostFunction): InterpFunc {
    return new InterpFunc(this, ty, sigOf(ty), null, null, null, host);
  }

  createGlobal(ty: GlobalType, init: BackendValue): InterpGlobal {
    return new InterpGlobal(ty, init);
  }

  createMemory(ty: MemoryType): InterpMemory {
    return new InterpMemory(ty, this.limits);
  }

  createTable(ty: TableType, init: BackendValue): InterpTable {
    return new InterpTable(ty, init.value as RefValue, this.limits);
  }

  createExternRef(value: unknown): InterpExternRef {
    return new InterpExternRef(value);
  }
}
