/**
 * Imports of the exports people have, through the API and the background job: a Google Contacts file
 * (its organisation becomes the company, its notes and unknown columns the contact's notes, an
 * over-long title is rejected) and a vCard file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Company } from '../../src/crm/companies/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { ContactImport, ImportReject } from '../../src/imports/index.js';
import { startJobs, stopJobs } from '../../src/jobs/agenda.js';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { finished, upload, waitFor } from './import-helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
let app: TestApp;
let admin: Client;
const importsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-import-formats-'));

beforeAll(async () => {
  app = await startTestApp({ IMPORTS_DIR: importsDir });
  await startJobs();
  admin = await app.as('admin');
});
afterAll(async () => {
  await stopJobs();
  await app.close();
  fs.rmSync(importsDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await Promise.all([
    Contact.deleteMany({}),
    Company.deleteMany({}),
    ContactImport.deleteMany({}),
    ImportReject.deleteMany({}),
  ]);
});

async function run(name: string, config: Record<string, unknown> = {}) {
  const up = await upload(admin, fixture(name), name);
  expect(up.status).toBe(201);
  const start = await admin.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns, ...config });
  expect(start.status).toBe(202);
  return { analysed: up.body, done: await waitFor(admin, up.body.id, finished) };
}

describe('Google Contacts export', () => {
  it('imports the organisation as the company, the notes and the unknown columns into the notes', async () => {
    const { analysed, done } = await run('google-contacts.csv');
    expect(analysed.format).toBe('google');
    expect(analysed.headers[analysed.columns.indexOf('companyName')]).toBe('Organization Name');
    expect(analysed.ignoredColumns).toContain(analysed.headers.indexOf('E-mail 1 - Label'));
    expect(done).toMatchObject({
      status: 'completed',
      counts: { imported: 1, errors: 1 },
      config: { keepUnmapped: true },
    });

    const helene = await Contact.findOne({ email: 'helene.dupre@example.fr' }).lean();
    expect(helene).toMatchObject({
      companyName: 'Boulangerie Dupré SARL',
      jobTitle: 'Gérante',
      tags: ['Clients', 'Salon 2026'],
    });
    expect(helene!.notes).toMatch(
      /^Rencontrée au salon de Lyon\.\nRappeler en mars, pas le lundi\.\n\nOrganization Department : Direction\n/,
    );
    const company = await Company.findById(helene!.companyId).lean();
    expect(company!.name).toBe('Boulangerie Dupré SARL');
    // Found by a word of its notes.
    const found = await admin.get('/api/crm/contacts?q=rappeler en mars');
    expect(found.body.items.map((c: { email: string }) => c.email)).toEqual(['helene.dupre@example.fr']);

    const rejected = await ImportReject.findOne({ importId: done.id }).lean();
    expect(rejected!.problems).toEqual([{ column: 'Organization Title', message: '120 caractères au maximum.' }]);
  });

  it('drops the unknown columns when asked', async () => {
    await run('google-contacts.csv', { keepUnmapped: false });
    const helene = await Contact.findOne({ email: 'helene.dupre@example.fr' }).lean();
    expect(helene!.notes).toBe('Rencontrée au salon de Lyon.\nRappeler en mars, pas le lundi.');
  });
});

describe('country of imported contacts', () => {
  it('is France when the file gives none, like a contact made by hand; a given one is kept', async () => {
    // LinkedIn's export has no country column.
    await run('linkedin-connections.csv');
    const countries = (await Contact.find({}, { lastName: 1, country: 1 }).sort({ lastName: 1 }).lean()).map((c) => [
      c.lastName,
      c.country,
    ]);
    expect(countries).toEqual([
      ['Chevalier', 'France'],
      ['Lambert', 'France'],
    ]);
  });

  it('an update leaves the country of an existing contact alone', async () => {
    await Contact.create({
      firstName: 'Thomas',
      lastName: 'Lambert',
      email: 'thomas.lambert@example.com',
      country: 'Belgique',
      status: 'lead',
    });
    const { done } = await run('linkedin-connections.csv', { onDuplicate: 'update' });
    expect(done.counts).toMatchObject({ imported: 1, updated: 1 });
    const lambert = await Contact.findOne({ email: 'thomas.lambert@example.com' }).lean();
    expect(lambert).toMatchObject({ country: 'Belgique', jobTitle: 'Associé' });
  });
});

describe('vCard file', () => {
  it('imports every card', async () => {
    const { analysed, done } = await run('contacts.vcf');
    expect(analysed).toMatchObject({ format: 'vcard', totalRows: 3 });
    expect(done).toMatchObject({ status: 'completed', counts: { imported: 3, errors: 0 } });
    const names = (await Contact.find({}, { lastName: 1 }).sort({ lastName: 1 }).lean()).map((c) => c.lastName);
    expect(names).toEqual(['Durand', 'Lefèvre', 'Moreau']);
  });
});
