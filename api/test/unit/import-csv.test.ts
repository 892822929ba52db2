/** Reading an uploaded CSV: encoding and separator detection, records with their lines, mapping, row validation. */
import iconv from 'iconv-lite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitTags } from '../../src/contracts/index.js';
import {
  analyseFile,
  autoMapColumns,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  MAX_RECORD_CHARS,
  parseImportStatus,
  readRecords,
  validateRow,
} from '../../src/imports/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-import-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (content: Buffer | string) => {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, content);
  return file;
};
const all = async (file: string, fromLine = 1) => {
  const out = [];
  for await (const r of readRecords(file, await detectFormat(file), fromLine)) out.push(r);
  return out;
};

describe('encoding', () => {
  it('tells UTF-8 (with or without BOM), Windows-1252 and UTF-16 apart', () => {
    const text = 'prenom;nom\nHélène;Noël\nFrançois;Lefèvre\n';
    expect(detectEncoding(Buffer.from(text))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(text, 'windows-1252'))).toBe('windows-1252');
    expect(detectEncoding(iconv.encode(text, 'utf-16le', { addBOM: true }))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('only ascii;here\n'))).toBe('utf-8');
  });
  it('a UTF-8 sample cut in the middle of a character is still UTF-8', () => {
    const bytes = Buffer.from('aé'.repeat(100));
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toBe('utf-8');
  });
});

describe('separator', () => {
  it('picks the one that splits the rows consistently, quotes respected', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('prenom;nom;societe\nJean;Dupont;"Acme, Inc"\nMarie;Martin;"X, Y, Z"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
    expect(detectDelimiter('"a;1",b,c\n"x;y;z",2,3\n')).toBe(',');
  });
});

describe('readRecords', () => {
  it('gives each record the line it starts on, across quoted line breaks and blank lines', async () => {
    const file = write('a;b\r\n1;2\r\n\r\n"x;y";"deux\r\nlignes"\r\n;\r\n3;4\r\n');
    expect(await all(file)).toEqual([
      { line: 1, endLine: 1, cells: ['a', 'b'] },
      { line: 2, endLine: 2, cells: ['1', '2'] },
      { line: 4, endLine: 5, cells: ['x;y', 'deux\nlignes'] }, // line breaks become \n
      // line 6 (";") is blank: left out
      { line: 7, endLine: 7, cells: ['3', '4'] },
    ]);
  });

  it('an unclosed quote spoils its own line only: the next lines are read again', async () => {
    const file = write('a;b;c\n1;2;3\n4;"jamais fermé;5\n6;7;8\n9;10;11\n');
    const records = await all(file);
    expect(records.map((r) => [r.line, r.cells ?? r.broken])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2', '3']],
      [3, 'Ligne illisible : un guillemet ouvert n’est jamais refermé.'],
      [4, ['6', '7', '8']],
      [5, ['9', '10', '11']],
    ]);
  });

  it('a runaway quote is cut at MAX_RECORD_CHARS, and reading goes on', async () => {
    const long = 'x'.repeat(MAX_RECORD_CHARS / 4);
    const file = write(`a;b\n"${long}\n${long}\n${long}\n${long}\n${long}\nfin;1\n`);
    const records = await all(file);
    expect(records[1]).toMatchObject({ line: 2, broken: expect.stringContaining('guillemet') });
    expect(records.at(-1)).toMatchObject({ line: 7, cells: ['fin', '1'] });
  });

  it('resumes from a line, as a restarted import does', async () => {
    const file = write(iconv.encode('a;b\n1;"é\nè"\n2;ç\n3;à\n', 'windows-1252'));
    expect((await all(file, 4)).map((r) => r.cells)).toEqual([['2', 'ç'], ['3', 'à']]);
  });

  it('analyses header, row count and sample in one pass (UTF-16 Excel "texte Unicode")', async () => {
    const file = write(iconv.encode('Prénom\tNom\nHélène\tNoël\n\nZoé\tÉtienne\n', 'utf-16le', { addBOM: true }));
    const format = await detectFormat(file);
    expect(format).toEqual({ encoding: 'utf-16le', delimiter: '\t', fileType: 'csv' });
    const a = await analyseFile(file, format, 10);
    expect(a).toMatchObject({ headers: ['Prénom', 'Nom'], headerEndLine: 1, totalRows: 2 });
    expect(a.sample.map((r) => r.cells)).toEqual([['Hélène', 'Noël'], ['Zoé', 'Étienne']]);
  });
});

describe('column mapping', () => {
  it('maps the specification format', () => {
    expect(autoMapColumns('prenom,nom,email,telephone,entreprise,poste,ville,pays,statut,source'.split(','))).toEqual([
      'firstName', 'lastName', 'email', 'phone', 'companyName', 'jobTitle', 'city', 'country', 'status', 'source',
    ]);
  });
  it('maps CRM and address-book exports, whatever the case, accents and spaces', () => {
    expect(
      autoMapColumns(['Title', 'First Name', 'Last Name', 'Company', 'Job Title', 'E-mail Address', 'Business Phone', 'Mobile Phone', 'Business Postal Code']),
    ).toEqual([null, 'firstName', 'lastName', 'companyName', 'jobTitle', 'email', 'phone', null, 'postalCode']);
    expect(
      autoMapColumns(['PRÉNOM', 'Nom de famille', 'Adresse e-mail', 'Téléphone mobile', 'Société', 'Code postal', ' SIRET ', 'Gérant', 'Étiquettes', 'Inconnue']),
    ).toEqual(['firstName', 'lastName', 'email', 'phone', 'companyName', 'postalCode', 'siret', 'manager', 'tags', null]);
    expect(autoMapColumns(['Name', 'E-mail 1 - Value', 'Phone 1 - Value'])).toEqual(['fullName', 'email', 'phone']);
  });
  it('reads status words in French and English, and tag lists', () => {
    expect(['Lead', 'lead', 'PROSPECT', 'prospects', 'Client', 'customer', 'Clients', ''].map((v) => parseImportStatus(v))).toEqual([
      'lead', 'lead', 'prospect', 'prospect', 'client', 'client', 'client', 'lead',
    ]);
    expect(parseImportStatus('partenaire')).toBeUndefined();
    expect(splitTags('VIP, Salon 2026 | Lyon;VIP')).toEqual(['VIP', 'Salon 2026', 'Lyon']);
  });
});

describe('validateRow', () => {
  const columns = autoMapColumns(['prenom', 'nom', 'email', 'telephone', 'statut', 'tags']);
  it('gives the contact, normalised by the form validators, and the fields filled in', () => {
    const r = validateRow([' Hélène ', 'Dupré', 'Helene@Exemple.FR', '06 12 34 56 78', 'customer', 'VIP, Salon'], columns);
    expect(r.contact).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Dupré',
      email: 'helene@exemple.fr',
      phone: '+33612345678',
      status: 'client',
      tags: ['VIP', 'Salon'],
    });
    expect(r.filled).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'phone', 'status', 'tags']));
    expect(validateRow(['Jean', 'Dupont', '', '', '', ''], columns)).toMatchObject({ contact: { status: 'lead' }, filled: ['firstName', 'lastName'] });
  });
  it('ties each problem to its column, in French', () => {
    expect(validateRow(['', 'Dupont', 'jean@exemple', '12345', 'partenaire', ''], columns).problems).toEqual([
      { column: 4, message: 'Statut inconnu « partenaire » (Lead, Prospect ou Client).' },
      { column: 0, message: 'Le prénom est obligatoire.' },
      { column: 2, message: "L'adresse e-mail n'est pas valide." },
      { column: 3, message: "Le numéro de téléphone n'est pas valide (format français ou international +…)." },
    ]);
    expect(validateRow(['Jean', 'D'.repeat(81), '', '', '', ''], columns).problems).toEqual([
      { column: 1, message: 'Le nom : 80 caractères au maximum.' },
    ]);
  });
  it('splits a full name, and refuses cells beyond the header', () => {
    expect(validateRow(['Jean-Pierre de La Fontaine'], ['fullName']).contact).toMatchObject({ firstName: 'Jean-Pierre', lastName: 'de La Fontaine' });
    expect(validateRow(['Jean', 'Dupont', 'x'], ['firstName', 'lastName']).problems?.[0]).toMatchObject({ column: null });
    expect(validateRow(['Jean', 'Dupont', ''], ['firstName', 'lastName']).contact).toBeDefined();
  });
});
