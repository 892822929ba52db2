/**
 * Reading an uploaded CSV file as a stream of records, whatever its encoding and separator, with the
 * line each record starts on in the original file.
 *
 * - Encoding: a BOM decides; else valid UTF-8 is UTF-8; else chardet classifies a sample (UTF-16
 *   without BOM, or an 8-bit code page, read as Windows-1252 — what French Excel writes).
 * - Separator: the candidate (`,` `;` tab) that splits the first records into the same, largest number
 *   of fields, quotes respected.
 * - Records: csv-parse, quotes with embedded separators and line breaks. A quote opened and never
 *   closed would swallow the rest of the file: csv-parse stops at `MAX_RECORD_CHARS` or at the end of
 *   the file, and cannot recover by itself, so the reader reports that record's first line as
 *   unreadable and starts a fresh parser on the next line.
 */
import { parse, type CsvError } from 'csv-parse';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import type { ImportDelimiter, ImportEncoding } from '../contracts/index.js';
import { IMPORT_DELIMITERS } from '../contracts/index.js';
import { isVCard, readVCards, VCARD_HEADERS } from './formats/index.js';

export interface SourceFormat {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  /** vCard cards are read into fixed columns (formats/vcard.ts); CSV by default. */
  fileType?: 'csv' | 'vcard';
}

/** A record, or an unreadable one (`broken`: why, in French). `endLine`: its last line. */
export type SourceRecord =
  | { line: number; endLine: number; cells: string[]; broken?: undefined }
  | { line: number; endLine: number; cells?: undefined; broken: string };

/** Longest record accepted, in characters: beyond, an unclosed quote is presumed. */
export const MAX_RECORD_CHARS = 256 * 1024;
const SAMPLE_BYTES = 64 * 1024;

async function readSample(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isUtf8(sample: Buffer, truncated: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A sample cut in the middle of a multi-byte character is still UTF-8.
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      decoder.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

export function detectEncoding(sample: Buffer, truncated = false): ImportEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isUtf8(sample, truncated)) return 'utf-8';
  const guess = (chardet.detect(sample) ?? '').toUpperCase();
  if (guess === 'UTF-16LE') return 'utf-16le';
  if (guess === 'UTF-16BE') return 'utf-16be';
  return 'windows-1252';
}

/** Fields per record for each candidate separator, over the first records of the text. */
export function detectDelimiter(text: string): ImportDelimiter {
  const counts = new Map<ImportDelimiter, number[]>(IMPORT_DELIMITERS.map((d) => [d, [0]]));
  let quoted = false;
  let records = 0;
  for (let i = 0; i < text.length && records < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      records++;
      for (const list of counts.values()) list.push(0);
    } else if (!quoted && counts.has(ch as ImportDelimiter)) {
      const list = counts.get(ch as ImportDelimiter)!;
      list[list.length - 1]!++;
    }
  }
  // A preamble of lines without any separator (LinkedIn's "Notes:") is not the table.
  let first = 0;
  while (first < records && [...counts.values()].every((list) => list[first] === 0)) first++;
  if (first) for (const [d, list] of counts) counts.set(d, list.slice(first));
  records -= first;
  let best: { delimiter: ImportDelimiter; consistent: number; fields: number } | undefined;
  for (const [delimiter, all] of counts) {
    // The last record may be cut by the end of the sample; blank lines count nothing.
    const list = (records > 0 ? all.slice(0, records) : all).filter((n, i) => i === 0 || n > 0);
    const fields = list[0] ?? 0;
    if (!fields) continue;
    const consistent = list.filter((n) => n === fields).length / list.length;
    if (!best || consistent > best.consistent || (consistent === best.consistent && fields > best.fields))
      best = { delimiter, consistent, fields };
  }
  return best?.delimiter ?? ',';
}

export async function detectFormat(file: string): Promise<SourceFormat> {
  const sample = await readSample(file);
  const size = (await fs.promises.stat(file)).size;
  const encoding = detectEncoding(sample, size > sample.length);
  const text = iconv.decode(sample, encoding);
  if (isVCard(text)) return { encoding, delimiter: ',', fileType: 'vcard' };
  return { encoding, delimiter: detectDelimiter(text), fileType: 'csv' };
}

/**
 * Line breaks as `\n` only: `\r\n` and a lone `\r` (old Mac files) become `\n`, also inside quoted
 * values, so that lines are counted one way everywhere (csv-parse counts a quoted `\r\n` twice).
 */
class NewlineNormaliser extends Transform {
  private pendingCr = false;
  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  override _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1); // the \n of a \r\n cut between chunks
    this.pendingCr = text.endsWith('\r');
    done(null, text.replace(/\r\n?/g, '\n'));
  }
}

/** Drops the first `count` lines of a text stream with `\n` line breaks. */
class LineSkipper extends Transform {
  private left: number;
  constructor(count: number) {
    super({ decodeStrings: false, encoding: 'utf8' });
    this.left = count;
  }
  override _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    while (this.left > 0 && text) {
      const i = text.indexOf('\n');
      if (i < 0) return done(null, '');
      text = text.slice(i + 1);
      this.left--;
    }
    done(null, text);
  }
}

const UNREADABLE: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Ligne illisible : un guillemet ouvert n’est jamais refermé.',
  CSV_MAX_RECORD_SIZE: 'Ligne illisible : un guillemet ouvert n’est jamais refermé (valeur trop longue).',
};
const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * The records of the file from line `fromLine` on (the header is a record like the others), blank
 * rows left out. `fromLine` must start a record: 1, or the line after a record's last line.
 */
export async function* readRecords(file: string, format: SourceFormat, fromLine = 1): AsyncGenerator<SourceRecord> {
  if (format.fileType === 'vcard') {
    yield* readVCards(file, format.encoding, fromLine);
    return;
  }
  let start = fromLine;
  for (;;) {
    const restart = yield* parseFrom(file, format, start);
    if (restart === null) return;
    start = restart;
  }
}

async function* parseFrom(file: string, format: SourceFormat, startLine: number): AsyncGenerator<SourceRecord, number | null> {
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const decoded = input.pipe(iconv.decodeStream(format.encoding));
  const normalised = decoded.pipe(new NewlineNormaliser());
  const text = startLine > 1 ? normalised.pipe(new LineSkipper(startLine - 1)) : normalised;
  const parser = text.pipe(
    parse({
      delimiter: format.delimiter,
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_CHARS,
      info: true,
    }),
  );
  const offset = startLine - 1;
  let failure: CsvError | undefined;
  parser.on('skip', (err: CsvError) => {
    failure ??= err;
  });
  const fail = (err: Error) => parser.destroy(err);
  for (const stream of [input, decoded, normalised] as NodeJS.EventEmitter[]) stream.on('error', fail);

  let prevEnd = offset;
  let prevEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number; records: number } }>) {
      // Records parsed after an unclosed quote are what it swallowed: the restart reads them again.
      if (failure && info.records > (failure as unknown as { records: number }).records) break;
      const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
      prevEnd = offset + info.lines;
      prevEmpty = info.empty_lines;
      if (!blank(record)) yield { line, endLine: prevEnd, cells: record };
    }
  } finally {
    input.destroy();
  }
  if (!failure) return null;
  const { code } = failure;
  const emptyBefore = (failure as unknown as { empty_lines: number }).empty_lines;
  const line = prevEnd + 1 + Math.max(0, emptyBefore - prevEmpty);
  yield { line, endLine: line, broken: UNREADABLE[code] ?? 'Ligne illisible.' };
  return line + 1;
}

export interface FileAnalysis {
  headers: string[];
  /** Last line of the header row. */
  headerEndLine: number;
  /** Data rows (blank rows left out, unreadable ones counted). */
  totalRows: number;
  /** The first data rows, for the preview. */
  sample: SourceRecord[];
}

export class UnreadableFile extends Error {}

/** Records of one filled cell at most before the header row: a preamble (LinkedIn's "Notes:"). */
const MAX_PREAMBLE_RECORDS = 5;
const filledCells = (r: SourceRecord) => (r.cells ?? []).filter((c) => c.trim() !== '').length;

/**
 * One pass over the file: its header, its number of rows, its first rows. A preamble of one-cell
 * records before a header of several columns is read past.
 */
export async function analyseFile(file: string, format: SourceFormat, sampleSize: number): Promise<FileAnalysis> {
  if (format.fileType === 'vcard') return analyseRows(readRecords(file, format), sampleSize, [...VCARD_HEADERS], 0);
  // Read by hand: a `for await` left with `break` would close the generator.
  const records = readRecords(file, format);
  const preamble: SourceRecord[] = [];
  let header: SourceRecord | undefined;
  while (preamble.length < MAX_PREAMBLE_RECORDS) {
    const next = await records.next();
    if (next.done) break;
    if (next.value.broken !== undefined) throw new UnreadableFile('La ligne d’en-tête du fichier est illisible.');
    if (filledCells(next.value) > 1) {
      header = next.value;
      break;
    }
    preamble.push(next.value);
  }
  // No header of several columns among the first records: a one-column file, headed by its first record.
  const rest = header ? records : chain(preamble.slice(1), records);
  header ??= preamble[0];
  if (!header?.cells) throw new UnreadableFile('Le fichier ne contient aucune ligne.');
  return analyseRows(rest, sampleSize, headersOf(header), header.endLine);
}

const headersOf = (header: SourceRecord) => (header.cells ?? []).map((h, i) => h.trim() || `Colonne ${i + 1}`);

async function* chain(first: SourceRecord[], rest: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord> {
  yield* first;
  yield* rest;
}

async function analyseRows(
  rows: AsyncIterable<SourceRecord>,
  sampleSize: number,
  headers: string[],
  headerEndLine: number,
): Promise<FileAnalysis> {
  let totalRows = 0;
  const sample: SourceRecord[] = [];
  for await (const record of rows) {
    totalRows++;
    if (sample.length < sampleSize) sample.push(record);
  }
  if (!headers.length) throw new UnreadableFile('Le fichier ne contient aucune ligne.');
  return { headers, headerEndLine, totalRows, sample };
}

/** A spreadsheet or another binary file given instead of a CSV: the reason, in French. */
export async function notCsvReason(file: string): Promise<string | undefined> {
  const sample = await readSample(file);
  if (!sample.length) return 'Le fichier est vide.';
  if (sample[0] === 0x50 && sample[1] === 0x4b)
    return 'Ce fichier est un classeur (Excel, LibreOffice) : enregistrez-le au format CSV puis importez le fichier .csv.';
  if (!detectEncoding(sample, true).startsWith('utf-16') && sample.includes(0)) return 'Ce fichier n’est pas un fichier texte CSV.';
  return undefined;
}
