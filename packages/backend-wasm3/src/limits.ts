/** Bytes in a WebAssembly page. */
export const PAGE_SIZE_BYTES = 65536;
/** wasm3 takes at most 1000 parameters and results per function (d_m3MaxSaneFunctionArgRetCount). */
export const MAX_PARAMS_AND_RESULTS = 1000;
