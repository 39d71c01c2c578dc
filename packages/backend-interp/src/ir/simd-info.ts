import type { ValueType } from '@wrl/core/backend';

/**
 * What the decoder, validator and translator need to know about one 0xFD
 * (SIMD) instruction; the table comes from `src/simd/` (the SIMD seam).
 */
export interface SimdOpInfo {
  readonly name: string;
  readonly imm: 'none' | 'memarg' | 'memarg_lane' | 'lane' | 'v128const' | 'shuffle';
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly kind: 'pure' | 'load' | 'store' | 'load_lane' | 'store_lane';
  readonly memBytes?: number;
  readonly maxAlign?: number;
  readonly lanes?: number;
  /** 'const' instructions (v128.const) translate to a plain constant. */
  readonly form?: string;
}

export type SimdTable = ReadonlyArray<SimdOpInfo | undefined>;
