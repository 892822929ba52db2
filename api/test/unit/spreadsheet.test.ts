/**
 * The one CSV / Excel writer: formulas neutralised in both formats (CSV injection), French CSV
 * conventions, and files that read back with csv-parse and exceljs.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, neutralise, sendSpreadsheet, type Column, type SpreadsheetFormat } from '../../src/exports/index.js';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'],
    ['+33612345678', "'+33612345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('%j → %j', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });

  it('leaves ordinary text alone, including those characters further in', () => {
    for (const v of ['Hélène', 'Société Générale', 'a=b', 'Dupont-Martin', 'jean@exemple.fr', '', "L'Oréal"]) expect(neutralise(v)).toBe(v);
  });
});

describe('csvLine', () => {
  it('quotes separators, quotes and line breaks; neutralises formulas; French decimals and dates', () => {
    const at = new Date('2026-03-29T00:30:00Z'); // 01:30 in Paris (winter time until 02:00 → CEST)
    expect(csvLine(['a;b', 'dit "oui"', 'deux\nlignes', '=cmd', 3.5, at, null], [undefined, undefined, undefined, undefined, undefined, 'datetime'])).toBe(
      '"a;b";"dit ""oui""";"deux\nlignes";\'=cmd;3,5;29/03/2026 01:30;\r\n',
    );
    expect(csvLine([new Date('2026-07-14T22:30:00Z')], ['date'])).toBe('15/07/2026\r\n');
  });
});

interface Row {
  name: string;
  note: string;
  amount: number;
  at: Date;
}
const ROWS: Row[] = [
  { name: 'Hélène Dupré', note: '=HYPERLINK("http://evil.example")', amount: 1200.5, at: new Date('2026-05-12T08:15:00Z') },
  { name: 'Société "Générale"; Paris', note: '+33 6 12 34 56 78', amount: -15, at: new Date('2026-01-02T23:30:00Z') },
  { name: '@admin', note: 'ligne 1\nligne 2', amount: 0, at: new Date('2026-12-31T12:00:00Z') },
];
const COLUMNS: Column<Row>[] = [
  { header: 'Nom', value: (r) => r.name },
  { header: 'Note', value: (r) => r.note },
  { header: 'Montant', value: (r) => r.amount },
  { header: 'Date', value: (r) => r.at, type: 'datetime' },
];

let server: Server;
let base = '';
beforeAll(async () => {
  const app = express();
  app.get('/:format', async (req, res) => {
    async function* rows() {
      for (const r of ROWS) yield r;
    }
    await sendSpreadsheet(res, {
      format: req.params.format as SpreadsheetFormat,
      fileName: 'essai',
      sheetName: 'Essai',
      columns: COLUMNS,
      rows: rows(),
    });
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('sendSpreadsheet', () => {
  it('CSV: UTF-8 BOM, ";" separator, reads back with csv-parse, formulas neutralised', async () => {
    const res = await fetch(`${base}/csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('essai.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, delimiter: ';' }) as string[][];
    expect(records).toEqual([
      ['Nom', 'Note', 'Montant', 'Date'],
      ['Hélène Dupré', '\'=HYPERLINK("http://evil.example")', '1200,5', '12/05/2026 10:15'],
      ['Société "Générale"; Paris', "'+33 6 12 34 56 78", '-15', '03/01/2026 00:30'],
      ["'@admin", 'ligne 1\nligne 2', '0', '31/12/2026 13:00'],
    ]);
  });

  it('XLSX: streamed workbook that exceljs reads back; numbers and dates typed, formulas neutralised', async () => {
    const res = await fetch(`${base}/xlsx`);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Essai')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Nom', 'Note', 'Montant', 'Date']);
    expect(values(2)).toEqual(['Hélène Dupré', '\'=HYPERLINK("http://evil.example")', 1200.5, new Date('2026-05-12T10:15:00Z')]);
    expect(values(3)).toEqual(['Société "Générale"; Paris', "'+33 6 12 34 56 78", -15, new Date('2026-01-03T00:30:00Z')]);
    expect(values(4)).toEqual(["'@admin", 'ligne 1\nligne 2', 0, new Date('2026-12-31T13:00:00Z')]);
    // No cell of the sheet is a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(sheet.getCell('D2').numFmt).toBe('dd/mm/yyyy hh:mm');
  });
});
