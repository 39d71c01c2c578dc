export { NativeEngine, type NativeEngineOptions } from './engine.js';
