export { Wasm3Engine } from './engine.js';
export { platformTriple } from './native.js';
