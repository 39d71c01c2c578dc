import type { Example } from './example.js';
import { externref } from './externref.js';
import { fuel } from './fuel.js';
import { globals } from './globals.js';
import { hostFunctions } from './host-functions.js';
import { memory } from './memory.js';
import { multiValue } from './multi-value.js';
import { quickstart } from './quickstart.js';
import { tables } from './tables.js';
import { traps } from './traps.js';

export const EXAMPLES: readonly Example[] = [quickstart, hostFunctions, memory, globals, tables, externref, multiValue, traps, fuel];
