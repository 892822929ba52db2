/** The public surface of imports: what other folders may import from it (the lint rule enforces it). */
export {
  analyseFile,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  MAX_RECORD_CHARS,
  readRecords,
} from './csv-source.js';
export { ContactImport, ImportReject } from './import.model.js';
export { defineImportJobs, recoverImports, runImport } from './import.job.js';
export { runUndo } from './import-undo.js';
export { importsRouter } from './imports.routes.js';
export { noteColumnsOf, validateRow } from './rows.js';
export { autoMapColumns, detectImportFormat, mapColumns, parseImportStatus } from './formats/index.js';
