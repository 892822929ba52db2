/**
 * The one writer of CSV and Excel files: every export and the rejected lines of an import go through
 * it. Rows are streamed from an async source (a mongoose cursor) to the HTTP response, never held
 * in memory as a whole, with the response's backpressure respected.
 *
 * - CSV for French Excel: UTF-8 with BOM, `;` separator, CRLF, decimal comma, dd/mm/yyyy dates.
 * - XLSX: exceljs' streaming writer, dates as real dates (Paris wall-clock time), numbers as numbers.
 * - A text that a spreadsheet would run as a formula (starting with = + - @, a tab or a line break)
 *   is neutralised with a leading apostrophe, in both formats (OWASP "CSV injection").
 */
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { once } from 'node:events';
import { parisWallTime } from '../contracts/index.js';

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export type CellValue = string | number | Date | null | undefined;

export interface Column<T> {
  header: string;
  value: (row: T) => CellValue;
  /** `date`: the day only; `datetime`: day and time (Paris). Default: text or number as given. */
  type?: 'date' | 'datetime';
  /** Excel column width, in characters. */
  width?: number;
}

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** The text as a spreadsheet shows it without running it: "=1+1" → "'=1+1". */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

function csvText(value: CellValue, type: Column<unknown>['type']): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) {
    const w = parisWallTime(value);
    const day = `${pad(w.day)}/${pad(w.month)}/${w.year}`;
    return type === 'date' ? day : `${day} ${pad(w.hour)}:${pad(w.minute)}`;
  }
  if (typeof value === 'number') return String(value).replace('.', ',');
  return neutralise(value);
}

function csvField(text: string): string {
  return /[";\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (with its CRLF) of already-converted values. */
export function csvLine(values: CellValue[], types: Column<unknown>['type'][] = []): string {
  return `${values.map((v, i) => csvField(csvText(v, types[i]))).join(';')}\r\n`;
}

/** Paris wall-clock time as the UTC fields of a Date: what Excel shows, since its dates have no zone. */
function excelDate(value: Date, type: Column<unknown>['type']): Date {
  const w = parisWallTime(value);
  return type === 'date'
    ? new Date(Date.UTC(w.year, w.month - 1, w.day))
    : new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

function excelValue(value: CellValue, type: Column<unknown>['type']): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return excelDate(value, type);
  if (typeof value === 'number') return value;
  return neutralise(value);
}

async function drained(res: Response): Promise<void> {
  if (res.writableNeedDrain && !res.destroyed) await once(res, 'drain');
}

export interface SpreadsheetOptions<T> {
  format: SpreadsheetFormat;
  /** Without extension. */
  fileName: string;
  sheetName: string;
  columns: Column<T>[];
  rows: AsyncIterable<T>;
}

/** Streams the rows to the response as a file download; resolves with the number of rows written. */
export async function sendSpreadsheet<T>(res: Response, opts: SpreadsheetOptions<T>): Promise<number> {
  res.attachment(`${opts.fileName}.${opts.format}`);
  return opts.format === 'csv' ? sendCsv(res, opts) : sendXlsx(res, opts);
}

async function sendCsv<T>(res: Response, { columns, rows }: SpreadsheetOptions<T>): Promise<number> {
  res.type('text/csv; charset=utf-8');
  const types = columns.map((c) => c.type);
  let chunk = `\uFEFF${csvLine(columns.map((c) => c.header))}`;
  let count = 0;
  for await (const row of rows) {
    if (res.destroyed) break;
    chunk += csvLine(
      columns.map((c) => c.value(row)),
      types,
    );
    count++;
    if (chunk.length >= 64 * 1024) {
      const ok = res.write(chunk);
      chunk = '';
      if (!ok && !res.destroyed) await once(res, 'drain');
    }
  }
  res.end(chunk);
  return count;
}

async function sendXlsx<T>(res: Response, { columns, rows, sheetName }: SpreadsheetOptions<T>): Promise<number> {
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  // Already a zip: no gzip on top, and the response's own backpressure stays visible.
  res.setHeader('Cache-Control', 'no-store, no-transform');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(12, c.header.length + 2),
    style: c.type ? { numFmt: c.type === 'date' ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for await (const row of rows) {
    if (res.destroyed) break;
    sheet.addRow(columns.map((c) => excelValue(c.value(row), c.type))).commit();
    count++;
    await drained(res);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
