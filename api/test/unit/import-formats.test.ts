/**
 * The exports people have (fixtures written like the real files: headers, quoting, BOM, line endings):
 * the format recognised, the columns mapped, the tool's words translated, unknown columns kept in the
 * notes, over-long values refused like in the form.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../src/contracts/index.js';
import { analyseFile, detectFormat, mapColumns, noteColumnsOf, validateRow } from '../../src/imports/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');

/** The file as the wizard gets it: analysed, mapped, every row validated with unknown columns kept. */
async function load(name: string) {
  const file = path.join(fixtures, name);
  const format = await detectFormat(file);
  const analysis = await analyseFile(file, format, 50);
  const mapping = mapColumns(analysis.headers, format.fileType === 'vcard' ? 'vcard' : undefined);
  const options = {
    format: mapping.format,
    headers: analysis.headers,
    noteColumns: noteColumnsOf(mapping.columns, mapping.ignored),
  };
  const rows = analysis.sample.map((r) => validateRow(r.cells ?? [], mapping.columns, options));
  const fieldOf = (header: string) => mapping.columns[analysis.headers.indexOf(header)];
  return { format, analysis, mapping, rows, fieldOf };
}

const mapped = (headers: string[], columns: (ImportField | null)[]) =>
  Object.fromEntries(headers.flatMap((h, i) => (columns[i] ? [[columns[i], h]] : [])));

describe('Google Contacts', () => {
  it('maps the organisation, title, address and notes; drops system labels; keeps other columns in the notes', async () => {
    const { format, analysis, mapping, rows } = await load('google-contacts.csv');
    expect(format).toMatchObject({ encoding: 'utf-8', delimiter: ',', fileType: 'csv' });
    expect(mapping.format).toBe('google');
    expect(analysis.totalRows).toBe(2);
    expect(mapped(analysis.headers, mapping.columns)).toMatchObject({
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'E-mail 1 - Value',
      phone: 'Phone 1 - Value',
      companyName: 'Organization Name',
      jobTitle: 'Organization Title',
      address: 'Address 1 - Street',
      postalCode: 'Address 1 - Postal Code',
      city: 'Address 1 - City',
      country: 'Address 1 - Country',
      tags: 'Labels',
      notes: 'Notes',
    });
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Dupré',
      email: 'helene.dupre@example.fr',
      phone: '+33612345678',
      companyName: 'Boulangerie Dupré SARL',
      jobTitle: 'Gérante',
      address: '12 rue des Lilas',
      postalCode: '69003',
      city: 'Lyon',
      country: 'France',
      tags: ['Clients', 'Salon 2026'],
    });
    const notes = rows[0]!.contact!.notes!;
    expect(notes.startsWith('Rencontrée au salon de Lyon.\nRappeler en mars, pas le lundi.\n\n')).toBe(true);
    expect(notes).toContain('Organization Department : Direction');
    expect(notes).toContain('Birthday : 1980-04-12');
    expect(notes).toContain('Website 1 - Value : https://boulangerie-dupre.example.fr');
    // Labels of other columns and the formatted address (a copy of the mapped one) are no notes.
    expect(notes).not.toContain('E-mail 1 - Label');
    expect(notes).not.toContain('Address 1 - Formatted');
    // A title longer than the form allows is refused on its column.
    const titleColumn = analysis.headers.indexOf('Organization Title');
    expect(rows[1]!.problems).toEqual([{ column: titleColumn, message: '120 caractères au maximum.' }]);
  });

  it('maps the older headers (Given Name, Family Name, Organization 1 - …)', () => {
    const { format, columns } = mapColumns([
      'Name',
      'Given Name',
      'Additional Name',
      'Family Name',
      'Notes',
      'Group Membership',
      'E-mail 1 - Type',
      'E-mail 1 - Value',
      'Phone 1 - Type',
      'Phone 1 - Value',
      'Organization 1 - Type',
      'Organization 1 - Name',
      'Organization 1 - Title',
    ]);
    expect(format).toBe('google');
    expect(columns).toEqual([
      'fullName',
      'firstName',
      null,
      'lastName',
      'notes',
      'tags',
      null,
      'email',
      null,
      'phone',
      null,
      'companyName',
      'jobTitle',
    ]);
  });
});

describe('Outlook / Microsoft 365', () => {
  it('reads the BOM, takes "Job Title" (not the civility "Title") and the business phone first', async () => {
    const { mapping, rows, fieldOf } = await load('outlook.csv');
    expect(mapping.format).toBe('outlook');
    expect(fieldOf('Title')).toBeNull();
    expect(fieldOf("Manager's Name")).toBeNull();
    expect(fieldOf('First Name')).toBe('firstName');
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'François',
      lastName: 'Lefèvre',
      email: 'francois.lefevre@example.fr',
      phone: '+33142685300',
      companyName: 'Lefèvre & Fils',
      jobTitle: 'Acheteur',
      address: '3, place du Marché',
      postalCode: '44000',
      city: 'Nantes',
      country: 'France',
    });
    expect(rows[0]!.contact!.notes).toBe(
      "Client depuis 2019\n\nTitle : M.\nMobile Phone : 06 98 76 54 32\nManager's Name : Claire Martin",
    );
  });
});

describe('HubSpot', () => {
  it('translates lifecycle stages to statuses and sources to French', async () => {
    const { mapping, rows, fieldOf } = await load('hubspot.csv');
    expect(mapping.format).toBe('hubspot');
    expect(fieldOf('Lifecycle Stage')).toBe('status');
    expect(fieldOf('Lead Status')).toBeNull();
    expect(fieldOf('Original Source')).toBe('source');
    expect(rows.map((r) => [r.contact?.status, r.contact?.source])).toEqual([
      ['prospect', 'Recherche naturelle'],
      ['client', 'Hors ligne'],
      ['lead', 'E-mailing'],
    ]);
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'Julie',
      companyName: 'Bernard Conseil',
      phone: '+33611223344',
    });
    // The record id is no note; the owner and the lead status are kept.
    expect(rows[0]!.contact!.notes).toBe(
      'Lead Status : Open\nContact owner : Camille Petit\nCreate Date : 2026-03-02 10:15',
    );
  });
});

describe('Pipedrive', () => {
  it('reads the "Person - …" headers and the labels as statuses', async () => {
    const { mapping, rows } = await load('pipedrive.csv');
    expect(mapping.format).toBe('pipedrive');
    expect(
      rows.map((r) => r.contact && [r.contact.firstName, r.contact.lastName, r.contact.status, r.contact.companyName]),
    ).toEqual([
      ['Nicolas', 'Faure', 'prospect', 'Faure Transports'],
      ['Sophie', 'Blanc', 'client', 'Blanc Immobilier'],
    ]);
    // One column per field: the work phone is the phone; a mobile beside it is kept in the notes.
    expect(rows[0]!.contact).toMatchObject({ email: 'n.faure@example.fr' });
    expect(rows[0]!.contact!.phone).toBeUndefined();
    expect(rows[0]!.contact!.notes).toContain('Person - Phone - Mobile : 06 22 33 44 55');
    expect(rows[0]!.contact!.notes).toContain('Person - Owner : Camille Petit');
    expect(rows[0]!.contact!.notes).not.toContain('Open deals');
    expect(rows[1]!.contact!.phone).toBe('+33478000000');
  });
});

describe('Salesforce', () => {
  it('reads a contacts report: "Title" is the job, lead sources translated', async () => {
    const { mapping, rows, fieldOf } = await load('salesforce-contacts.csv');
    expect(mapping.format).toBe('salesforce');
    expect(fieldOf('Title')).toBe('jobTitle');
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'Anne',
      lastName: 'Mercier',
      jobTitle: 'Directrice financière',
      companyName: 'Mercier Industries',
      address: '8 avenue Foch',
      postalCode: '59000',
      city: 'Lille',
      email: 'anne.mercier@example.fr',
      source: 'Recommandation partenaire',
    });
    expect(rows[0]!.contact!.notes).not.toContain('Salutation');
  });

  it('reads a leads report', async () => {
    const { mapping, rows } = await load('salesforce-leads.csv');
    expect(mapping.format).toBe('salesforce');
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'Yves',
      companyName: 'Morel Paysages',
      jobTitle: 'Gérant',
      city: 'Rennes',
      source: 'Site web',
      status: 'lead',
    });
    expect(rows[0]!.contact!.notes).toContain('Lead Status : Open - Not Contacted');
  });
});

describe('LinkedIn connections', () => {
  it('reads past the "Notes:" preamble to the header row', async () => {
    const { format, analysis, mapping, rows } = await load('linkedin-connections.csv');
    expect(format.delimiter).toBe(',');
    expect(analysis.headers).toEqual([
      'First Name',
      'Last Name',
      'URL',
      'Email Address',
      'Company',
      'Position',
      'Connected On',
    ]);
    expect(analysis.headerEndLine).toBe(4);
    expect(analysis.sample.map((r) => r.line)).toEqual([5, 6]);
    expect(analysis.totalRows).toBe(2);
    expect(mapping.format).toBe('linkedin');
    expect(rows[1]!.contact).toMatchObject({
      firstName: 'Thomas',
      lastName: 'Lambert',
      email: 'thomas.lambert@example.com',
      companyName: 'Lambert, Fils & Associés',
      jobTitle: 'Associé',
      notes: 'URL : https://www.linkedin.com/in/thomas-lambert-42\nConnected On : 03 Jan 2026',
    });
    expect(rows[0]!.contact!.email).toBeUndefined();
  });
});

describe('vCard', () => {
  it('reads 3.0 (folded, escaped), 4.0 (tel: URI) and 2.1 (quoted-printable) cards', async () => {
    const { format, analysis, mapping, rows } = await load('contacts.vcf');
    expect(format.fileType).toBe('vcard');
    expect(mapping.format).toBe('vcard');
    expect(analysis.totalRows).toBe(3);
    expect(analysis.sample.map((r) => r.line)).toEqual([1, 15, 23]);
    expect(rows[0]!.contact).toMatchObject({
      firstName: 'Camille',
      lastName: 'Durand',
      email: 'camille@durand-menuiserie.example.fr',
      phone: '+33645678901',
      companyName: 'Durand Menuiserie',
      jobTitle: 'Artisan menuisier',
      address: '14 chemin des Vignes',
      postalCode: '33000',
      city: 'Bordeaux',
      country: 'France',
      notes: 'Devis envoyé le 4 mars, relancer en avril.\nPréfère les appels le matin.',
      tags: ['Artisans', 'Gironde'],
    });
    expect(rows[1]!.contact).toMatchObject({
      firstName: 'Inès',
      lastName: 'Moreau',
      phone: '+33655443322',
      companyName: 'Moreau Conseil',
    });
    expect(rows[2]!.contact).toMatchObject({
      firstName: 'René',
      lastName: 'Lefèvre',
      phone: '+33611223344',
      notes: 'Rencontré à la foire de Caen, très intéressé.',
    });
  });
});

describe('the specification format and hand-made headers', () => {
  it('maps whatever the case, accents and spacing', () => {
    const { format, columns } = mapColumns([
      '  PRÉNOM ',
      'nom',
      'E-MAIL',
      'Téléphone',
      'Société',
      'Remarques',
      'Couleur préférée',
    ]);
    expect(format).toBe('spec');
    expect(columns).toEqual(['firstName', 'lastName', 'email', 'phone', 'companyName', 'notes', null]);
  });
});
