export { InterpEngine } from './engine.js';
export type { InterpEngineOptions, ResourceLimiter } from './runtime/limits.js';
