/**
 * Notes of contacts and companies: scope of the caller (out of scope → 404), bounded length, search,
 * history entry with author and date, export, RGPD erasure.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTES_MAX } from '../../src/contracts/index.js';
import { Company } from '../../src/crm/companies/index.js';
import { Contact, ContactEvent } from '../../src/crm/contacts/index.js';
import { makeCompany, makeContact } from '../factories.js';
import { startTestApp, type Client, type TestApp } from './harness.js';

let app: TestApp;
let admin: Client;
let sales: Client;
const ids = { own: '', colleague: '', unassigned: '' };

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  sales = await app.as('sales');
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await Contact.deleteMany({});
  await ContactEvent.deleteMany({});
  await Company.deleteMany({});
  ids.own = String((await makeContact({ firstName: 'Own', assignedTo: app.members.sales.id }))._id);
  ids.colleague = String((await makeContact({ firstName: 'Other', assignedTo: app.members.colleague.id }))._id);
  ids.unassigned = String((await makeContact({ firstName: 'Nobody' }))._id);
});

const url = (id: string) => `/api/crm/contacts/${id}`;

describe('contact notes', () => {
  // [read, write] per record for a sales rep: read = mine or unassigned, write = mine only.
  const SALES_TABLE = { own: [200, 200], colleague: [404, 404], unassigned: [200, 404] } as const;
  for (const [owner, [read, write]] of Object.entries(SALES_TABLE) as [keyof typeof ids, readonly number[]][]) {
    it(`sales: notes of the ${owner} contact → read ${read}, write ${write}`, async () => {
      await Contact.updateOne({ _id: ids[owner] }, { $set: { notes: 'Secret du client' } });
      const got = await sales.get(url(ids[owner]));
      expect(got.status).toBe(read);
      if (read === 200) expect(got.body.notes).toBe('Secret du client');
      const patched = await sales.patch(url(ids[owner]), { notes: 'Réécrit' });
      expect(patched.status).toBe(write);
      const stored = await Contact.findById(ids[owner]).lean();
      expect(stored!.notes).toBe(write === 200 ? 'Réécrit' : 'Secret du client');
    });
  }

  it('saves notes, finds the contact by a word of them, records the change with its author', async () => {
    const res = await sales.patch(url(ids.own), { notes: '  Rappeler après le salon de Lyon.\nPréfère le matin.  ' });
    expect(res.status).toBe(200);
    expect(res.body.notes).toBe('Rappeler après le salon de Lyon.\nPréfère le matin.');

    const found = await sales.get('/api/crm/contacts?q=SALON');
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([ids.own]);

    const history = await sales.get(`${url(ids.own)}/history`);
    expect(history.status).toBe(200);
    const event = history.body.items.find(
      (i: { kind: string; type?: string }) => i.kind === 'event' && i.type === 'notes',
    );
    expect(event).toBeDefined();
    expect(event.toLabel).toBe('Rappeler après le salon de Lyon.\nPréfère le matin.');
    expect(event.by.id).toBe(app.members.sales.id);
    expect(Date.now() - new Date(event.at).getTime()).toBeLessThan(60_000);

    // Same notes again: no new entry. Cleared: an entry without text.
    await sales.patch(url(ids.own), { notes: 'Rappeler après le salon de Lyon.\nPréfère le matin.' });
    await sales.patch(url(ids.own), { notes: '' });
    const events = await ContactEvent.find({ contactId: ids.own, type: 'notes' }).sort({ at: 1, _id: 1 }).lean();
    expect(events.map((e) => e.to)).toEqual(['Rappeler après le salon de Lyon.\nPréfère le matin.', null]);
    expect((await Contact.findById(ids.own).lean())!.notes).toBeUndefined();
  });

  it('refuses notes longer than the limit', async () => {
    const res = await sales.patch(url(ids.own), { notes: 'x'.repeat(NOTES_MAX + 1) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('notes');
    expect((await sales.patch(url(ids.own), { notes: 'x'.repeat(NOTES_MAX) })).status).toBe(200);
  });

  it('exports the notes', async () => {
    await admin.patch(url(ids.colleague), { notes: 'Client fidèle; paie à 30 jours' });
    const res = await fetch(`${admin.base}/api/crm/exports/contacts?format=csv&q=other`, {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const rows = parseCsv(Buffer.from(await res.arrayBuffer()), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.Notes)).toEqual(['Client fidèle; paie à 30 jours']);
  });

  it('erases the notes and their history with the contact (RGPD)', async () => {
    await admin.patch(url(ids.colleague), { notes: 'Données à effacer' });
    expect(await ContactEvent.countDocuments({ contactId: ids.colleague, type: 'notes' })).toBe(1);
    expect((await admin.post(`${url(ids.colleague)}/erase`)).status).toBe(200);
    expect(await Contact.countDocuments({ _id: ids.colleague })).toBe(0);
    expect(await ContactEvent.countDocuments({ contactId: ids.colleague })).toBe(0);
  });
});

describe('company notes', () => {
  it('an admin writes and clears them; they are bounded', async () => {
    const { company } = await makeCompany({ name: 'Notes SARL' });
    const path = `/api/crm/companies/${String(company._id)}`;
    const res = await admin.patch(path, { notes: 'Siège à Lyon, achats centralisés' });
    expect(res.status).toBe(200);
    expect(res.body.notes).toBe('Siège à Lyon, achats centralisés');
    expect((await admin.get(path)).body.notes).toBe('Siège à Lyon, achats centralisés');
    expect((await admin.patch(path, { notes: 'x'.repeat(NOTES_MAX + 1) })).status).toBe(422);
    expect((await admin.patch(path, { notes: '' })).body.notes).toBeUndefined();
  });

  it('a sales rep reads the notes of his companies only, and writes none (companies are edited by admins)', async () => {
    const { company } = await makeCompany({ name: 'Autre SAS', assignedTo: app.members.colleague.id });
    await Company.updateOne({ _id: company._id }, { $set: { notes: 'Privé' } });
    const path = `/api/crm/companies/${String(company._id)}`;
    expect((await sales.get(path)).status).toBe(404);
    const res = await sales.patch(path, { notes: 'Intrus' });
    expect(res.status).toBe(403);
    expect((await Company.findById(company._id).lean())!.notes).toBe('Privé');
  });
});
