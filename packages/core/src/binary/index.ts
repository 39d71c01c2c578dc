export { BinaryReader, valueTypeOf } from './reader.js';
export { readModuleInfo, readConstExpr, sectionOrder, SectionId, type ModuleInfo, type SectionRange, type ExportEntry } from './module-info.js';
export { detectFeatures, scanFeatures, type FeatureScan } from './features.js';
