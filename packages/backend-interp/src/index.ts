export { InterpEngine } from './engine.js';
export type { InterpEngineOptions, ResourceLimiter } from './runtime/limits.js';
export { CodeSpaceExhaustedError } from './exec/code-space.js';
