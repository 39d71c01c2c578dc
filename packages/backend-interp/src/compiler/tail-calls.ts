/**
 * Tail calls in the JS tier. JS has no tail calls, so a compiled function
 * whose body has a `return_call` to another function is two functions: an
 * inner one with the body, which ends such a call by leaving the callee and
 * its arguments here and returning TAIL, and the function's entry, which
 * calls the inner one and, on TAIL, runs the pending calls one after another
 * in a loop (a trampoline). A pending callee that is itself such a function
 * runs as its inner function in that same loop, so a chain of tail calls
 * through any number of functions takes one JS frame, as `return_call`
 * promises. (A call to itself is a jump back to the body's start, see
 * emit.ts.) Everything else a tail call can reach (a function without tail
 * calls, the interpreter, a host function) is called through its usual
 * entry and ends the chain.
 */

/** What an inner function returns to say that a tail call is pending. */
export const TAIL: unknown = Object.freeze({ tailCall: true });

/** A compiled entry and, on a function with tail calls, its inner function. */
export type TailEntry = ((...args: any[]) => any) & { ti?: (...args: any[]) => any };

/**
 * The pending call: its callee's entry at index 0, then its arguments (the
 * word form: an i64 is two). Its first element is not a number, so V8 keeps
 * it an array of tagged values and a double keeps its NaN bits on the way.
 * Generated code writes it directly (a helper call per tail call cost a
 * third more in a chain of them).
 */
export const TA: unknown[] = [null];

/** The pending call's argument count, and 1 when its callee may be a host function (its result then needs normalising). */
export const TN = new Int32Array(2);

/** Whether the call that ended the last trampoline may have been a host function. */
let lastForeign = false;

/** Runs pending tail calls at call depth `d` until one returns a result, and returns that result. */
export function trampoline(d: number): unknown {
  const a = TA;
  for (;;) {
    const c = a[0] as TailEntry;
    // not left behind: it would keep its instance (and memory) alive after its store is gone
    a[0] = null;
    const inner = c.ti;
    const fn = inner ?? c;
    lastForeign = TN[1] === 1 && inner === undefined;
    let r: unknown;
    switch (TN[0]) {
      case 0: r = fn(d); break;
      case 1: r = fn(d, a[1]); break;
      case 2: r = fn(d, a[1], a[2]); break;
      case 3: r = fn(d, a[1], a[2], a[3]); break;
      case 4: r = fn(d, a[1], a[2], a[3], a[4]); break;
      default: r = fn(d, ...a.slice(1, TN[0] + 1));
    }
    if (r !== TAIL) return r;
  }
}

/** After a trampoline: whether its result came from a host function and needs the caller's normalising. */
export function tailForeign(): boolean {
  return lastForeign;
}
