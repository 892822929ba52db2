/**
 * vCard files (.vcf, one or many cards; versions 2.1, 3.0 and 4.0), read as a stream of records with
 * fixed columns (`VCARD_HEADERS`), so that the rest of the import treats them like a CSV file.
 *
 * - Folded lines (a line starting with a space or a tab continues the previous one) are unfolded.
 * - Quoted-printable values (2.1, and 3.0 files of old phones) are decoded in their CHARSET, their
 *   soft line breaks (`=` at the end of a line) joined.
 * - Escapes `\n` `\,` `\;` `\\` are read; structured values (N, ADR, ORG) split on unescaped `;`.
 * - A card's record starts on its BEGIN:VCARD line and ends on its END:VCARD line: a resumed run
 *   restarts on the line after the last card done.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import iconv from 'iconv-lite';
import type { ImportEncoding } from '../../contracts/index.js';
import type { FormatProfile } from './types.js';

/** The columns a card is read into (French, so that the wizard shows them as they are). */
export const VCARD_HEADERS = [
  'Prénom',
  'Nom',
  'Nom complet',
  'E-mail',
  'Téléphone',
  'Entreprise',
  'Poste',
  'Adresse',
  'Code postal',
  'Ville',
  'Pays',
  'Notes',
  'Catégories',
  'Site web',
  'Anniversaire',
] as const;
type Column = (typeof VCARD_HEADERS)[number];
const INDEX = new Map<Column, number>(VCARD_HEADERS.map((h, i) => [h, i]));

export const vcard: FormatProfile = {
  id: 'vcard',
  detect: () => false, // told by the content (isVCard), not by headers
  headers: {},
};

/** Whether a text sample (decoded) starts like a vCard file. */
export function isVCard(sample: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCARD\s*$/im.test(
    sample
      .slice(0, 4096)
      .split(/\r?\n/)
      .find((l) => l.trim()) ?? '',
  );
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** "item1.TEL;TYPE=cell,voice;PREF=1:+33 6…" → name, parameters (upper-case keys), raw value. */
function parseProperty(line: string): Property | null {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [rawName = '', ...rawParams] = line.slice(0, colon).split(';');
  const name = rawName.replace(/^.*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: "TEL;CELL;PREF:…", "NOTE;QUOTED-PRINTABLE:…".
    const key =
      eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|8BIT)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1))
      .replace(/"/g, '')
      .split(',')
      .map((v) => v.trim().toUpperCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

const isQuotedPrintable = (line: string) => /;(ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(line.split(':')[0] + ':');

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  const encoding = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(Buffer.from(bytes), encoding);
}

const unescape = (v: string) => v.replace(/\\([nN,;:\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Components of a structured value, split on unescaped `;`. */
function components(value: string): string[] {
  return value.split(/(?<!\\);/).map((c) => unescape(c).trim());
}

function valueOf(p: Property): string {
  if ((p.params.get('ENCODING') ?? []).includes('QUOTED-PRINTABLE'))
    return decodeQuotedPrintable(p.value, (p.params.get('CHARSET') ?? ['utf-8'])[0]!.toLowerCase());
  return p.value;
}

const preferred = (p: Property) =>
  (p.params.get('TYPE') ?? []).includes('PREF') || (p.params.get('PREF') ?? []).includes('1');

/** The cells of one card, in the order of VCARD_HEADERS. */
export function cardCells(lines: string[]): string[] {
  const cells: string[] = VCARD_HEADERS.map(() => '');
  const set = (column: Column, value: string, replace = false) => {
    const i = INDEX.get(column)!;
    if (value && (replace || !cells[i])) cells[i] = value;
  };
  for (const line of lines) {
    const p = parseProperty(line);
    if (!p) continue;
    const raw = valueOf(p);
    switch (p.name) {
      case 'FN':
        set('Nom complet', unescape(raw).trim());
        break;
      case 'N': {
        const [family = '', given = ''] = components(raw);
        set('Nom', family);
        set('Prénom', given);
        break;
      }
      case 'EMAIL':
        set('E-mail', unescape(raw).trim(), preferred(p));
        break;
      case 'TEL':
        set('Téléphone', unescape(raw).trim().replace(/^tel:/i, ''), preferred(p));
        break;
      case 'ORG':
        set('Entreprise', components(raw)[0] ?? '');
        break;
      case 'TITLE':
        set('Poste', unescape(raw).trim());
        break;
      case 'ADR': {
        const [, extended = '', street = '', city = '', , postalCode = '', country = ''] = components(raw);
        if (cells[INDEX.get('Adresse')!] && !preferred(p)) break;
        set('Adresse', [street, extended].filter(Boolean).join(', '), true);
        set('Ville', city, true);
        set('Code postal', postalCode, true);
        set('Pays', country, true);
        break;
      }
      case 'NOTE':
        set('Notes', unescape(raw).trim());
        break;
      case 'CATEGORIES':
        set(
          'Catégories',
          raw
            .split(/(?<!\\),/)
            .map((t) => unescape(t).trim())
            .filter(Boolean)
            .join(' | '),
        );
        break;
      case 'URL':
        set('Site web', unescape(raw).trim());
        break;
      case 'BDAY':
        set('Anniversaire', unescape(raw).trim());
        break;
    }
  }
  return cells;
}

/** A record of a card, or a card that never ends (`broken`). */
export type CardRecord =
  | { line: number; endLine: number; cells: string[]; broken?: undefined }
  | { line: number; endLine: number; cells?: undefined; broken: string };

const UNFINISHED = 'Fiche vCard illisible : elle ne se termine pas par END:VCARD.';
/** Longest card accepted, in lines (a photo is many folded lines): beyond, the card is refused. */
const MAX_CARD_LINES = 20_000;

/** The cards of the file whose BEGIN:VCARD line is `fromLine` or later, one record each. */
export async function* readVCards(file: string, encoding: ImportEncoding, fromLine = 1): AsyncGenerator<CardRecord> {
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const lines = readline.createInterface({ input: input.pipe(iconv.decodeStream(encoding)), crlfDelay: Infinity });
  let n = 0;
  let start = 0;
  let card: string[] | null = null;
  let tooLong = false;
  try {
    for await (const physical of lines) {
      n++;
      const text = n === 1 ? physical.replace(/^\uFEFF/, '') : physical;
      if (/^BEGIN:VCARD\s*$/i.test(text)) {
        if (card && start >= fromLine) yield { line: start, endLine: n - 1, broken: UNFINISHED };
        card = [];
        start = n;
        tooLong = false;
        continue;
      }
      if (!card) continue;
      if (/^END:VCARD\s*$/i.test(text)) {
        if (start >= fromLine)
          yield tooLong
            ? { line: start, endLine: n, broken: 'Fiche vCard trop longue.' }
            : { line: start, endLine: n, cells: cardCells(card) };
        card = null;
        continue;
      }
      if (card.length >= MAX_CARD_LINES) {
        tooLong = true;
        continue;
      }
      const last = card.length - 1;
      if ((text.startsWith(' ') || text.startsWith('\t')) && last >= 0) card[last] += text.slice(1);
      else if (last >= 0 && isQuotedPrintable(card[last]!) && card[last]!.endsWith('='))
        card[last] = card[last]!.slice(0, -1) + text;
      else if (text.trim()) card.push(text);
    }
    if (card && start >= fromLine) yield { line: start, endLine: n, broken: UNFINISHED };
  } finally {
    lines.close();
    input.destroy();
  }
}
