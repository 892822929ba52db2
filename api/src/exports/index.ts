/** The public surface of exports: what other folders may import from it (the lint rule enforces it). */
export { exportsRouter } from './exports.routes.js';
export { type Column, csvLine, neutralise, sendSpreadsheet, type SpreadsheetFormat } from './spreadsheet.js';
