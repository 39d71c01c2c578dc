/** i64 values as the two words (low, high) they take on the value stack: compares and copies without BigInt. */

/** -1, 0 or 1 as the signed i64 at word a is below, equal to or above the one at word b. */
export function cmpS64(i32: Int32Array, a: number, b: number): number {
  const ha = i32[a + 1]!;
  const hb = i32[b + 1]!;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = i32[a]! >>> 0;
  const lb = i32[b]! >>> 0;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Like cmpS64, unsigned. */
export function cmpU64(i32: Int32Array, a: number, b: number): number {
  const ha = i32[a + 1]! >>> 0;
  const hb = i32[b + 1]! >>> 0;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = i32[a]! >>> 0;
  const lb = i32[b]! >>> 0;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

export function eq64(i32: Int32Array, a: number, b: number): boolean {
  return i32[a] === i32[b] && i32[a + 1] === i32[b + 1];
}

/** Copies a scalar (2 words) from word s to word d. */
export function copy2(i32: Int32Array, d: number, s: number): void {
  i32[d] = i32[s]!;
  i32[d + 1] = i32[s + 1]!;
}

/**
 * Whether the i32 compare-and-branch at `t` (a register form, 0x152..0x15b, or one with an
 * immediate, 0x170..0x179: lt_s, lt_u, ge_s, ge_u, ne, eq, gt_s, le_s, gt_u, le_u) branches.
 */
export function i32BranchTaken(code: Int32Array, t: number, i32: Int32Array, fp: number): boolean {
  const op = code[t]!;
  const imm = op >= 0x170;
  const a = i32[(fp + code[t + 1]!) | 0]!;
  const b = imm ? code[t + 2]! : i32[(fp + code[t + 2]!) | 0]!;
  switch (imm ? op - 0x170 : op - 0x152) {
    case 0: return a < b;
    case 1: return a >>> 0 < b >>> 0;
    case 2: return a >= b;
    case 3: return a >>> 0 >= b >>> 0;
    case 4: return a !== b;
    case 5: return a === b;
    case 6: return a > b;
    case 7: return a <= b;
    case 8: return a >>> 0 > b >>> 0;
    default: return a >>> 0 <= b >>> 0;
  }
}
