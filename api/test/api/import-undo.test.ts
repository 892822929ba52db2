/**
 * Undo of a whole import: the contacts it created are removed, those it updated put back as they were,
 * those changed since are left alone and listed; audited; idempotent when run again; only the
 * importer or an admin may undo (another rep → 404).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { RolePermission } from '../../src/authz/role-permission.model.js';
import type { ImportDto } from '../../src/contracts/index.js';
import { Company } from '../../src/crm/companies/index.js';
import { Contact, ContactEvent } from '../../src/crm/contacts/index.js';
import { ContactImport, ImportReject, runUndo } from '../../src/imports/index.js';
import { startJobs, stopJobs } from '../../src/jobs/agenda.js';
import { makeContact } from '../factories.js';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { finished, upload, waitFor } from './import-helpers.js';

let app: TestApp;
let admin: Client;
const importsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-import-undo-'));

beforeAll(async () => {
  app = await startTestApp({ IMPORTS_DIR: importsDir });
  // Sales reps may import here (by default only admins do), so that the importer's own right shows.
  await RolePermission.updateOne(
    { role: 'sales' },
    { $push: { rules: { action: 'create', subject: 'ContactImport', scope: 'own' } } },
  );
  await startJobs({ processEvery: 200 });
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
    ContactEvent.deleteMany({}),
    Company.deleteMany({}),
    ContactImport.deleteMany({}),
    ImportReject.deleteMany({}),
  ]);
});

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const FILE = csv([
  'prenom;nom;email;poste;statut;tags',
  'Nina;Nouvelle;nina@exemple.fr;Acheteuse;lead;',
  'Noé;Nouveau;noe@exemple.fr;Stagiaire;lead;',
  'Anne;Ancienne;anne@exemple.fr;Directrice;client;Salon',
  'Bruno;Ancien;bruno@exemple.fr;Gérant;prospect;',
]);

async function importAs(c: Client, content: Buffer) {
  const up = await upload(c, content);
  expect(up.status).toBe(201);
  const start = await c.post(`/api/crm/imports/${up.body.id}/start`, {
    columns: up.body.columns,
    onDuplicate: 'update',
    tags: ['Import mars'],
  });
  expect(start.status).toBe(202);
  const done = await waitFor(c, up.body.id, finished);
  expect(done.status).toBe('completed');
  return done;
}
const undone = (imp: ImportDto) => imp.undo?.status === 'completed' || imp.undo?.status === 'failed';

describe('undo of an import', () => {
  it('removes the created contacts, restores the updated ones, leaves those changed since and lists them', async () => {
    const anne = await makeContact({
      firstName: 'Anne',
      lastName: 'Ancienne',
      email: 'anne@exemple.fr',
      jobTitle: 'Comptable',
      status: 'lead',
      tags: ['Fidèle'],
    });
    const bruno = await makeContact({
      firstName: 'Bruno',
      lastName: 'Ancien',
      email: 'bruno@exemple.fr',
      status: 'lead',
    });
    const imp = await importAs(admin, FILE);
    expect(imp.counts).toMatchObject({ imported: 2, updated: 2 });
    expect(imp.canUndo).toBe(true);
    expect(await Contact.findById(anne._id).lean()).toMatchObject({ jobTitle: 'Directrice', status: 'client' });

    // Changed since the import: a created contact and an updated one.
    const noe = await Contact.findOne({ email: 'noe@exemple.fr' }).lean();
    expect((await admin.patch(`/api/crm/contacts/${String(noe!._id)}`, { jobTitle: 'Alternant' })).status).toBe(200);
    expect((await admin.patch(`/api/crm/contacts/${String(bruno._id)}`, { phone: '06 12 34 56 78' })).status).toBe(200);

    const asked = await admin.post(`/api/crm/imports/${imp.id}/undo`);
    expect(asked.status).toBe(202);
    expect(asked.body.undo).toMatchObject({ status: 'queued', total: 4 });
    expect(asked.body.canUndo).toBe(false);
    const result = await waitFor(admin, imp.id, undone);
    expect(result.undo).toMatchObject({
      status: 'completed',
      total: 4,
      processed: 4,
      removed: 1,
      restored: 1,
      skipped: 2,
    });
    expect(result.undo!.skippedContacts.map((s) => [s.name, s.reason]).sort()).toEqual([
      ['Bruno Ancien', 'Modifié depuis l’import'],
      ['Noé Nouveau', 'Modifié depuis l’import'],
    ]);

    const nina = await Contact.findOne({ email: 'nina@exemple.fr' }).lean();
    expect(nina!.deletedAt).toBeInstanceOf(Date);
    expect((await Contact.findById(noe!._id).lean())!.deletedAt).toBeNull();
    const anneBack = await Contact.findById(anne._id).lean();
    expect(anneBack).toMatchObject({ jobTitle: 'Comptable', status: 'lead', tags: ['Fidèle'] });
    expect(anneBack!.searchText).toBe(anne.searchText);
    expect(await Contact.findById(bruno._id).lean()).toMatchObject({ jobTitle: 'Gérant', status: 'prospect' });
    // The status put back shows in the history, by the member who undid the import.
    const events = await ContactEvent.find({ contactId: anne._id, type: 'status' }).sort({ at: 1 }).lean();
    expect(events.map((e) => [e.from, e.to, String(e.by)])).toEqual([
      ['lead', 'client', app.members.admin.id],
      ['client', 'lead', app.members.admin.id],
    ]);
    const audits = await AuditLog.find({ action: 'contact.import_undo', subjectId: imp.id }).lean();
    expect(audits).toHaveLength(1);

    // Once only.
    expect((await admin.post(`/api/crm/imports/${imp.id}/undo`)).status).toBe(409);

    // Run again from its start (a killed run resumed late): nothing changes.
    await ContactImport.updateOne(
      { _id: imp.id },
      {
        $set: {
          'undo.status': 'running',
          'undo.checkpoint': { phase: 'created', lastId: null },
          'undo.processed': 0,
          'undo.skipped': 0,
          'undo.skippedContacts': [],
        },
      },
    );
    await runUndo(imp.id);
    const again = await ContactImport.findById(imp.id).lean();
    expect(again!.undo).toMatchObject({ status: 'completed', removed: 1, restored: 1, skipped: 2 });
    expect(await Contact.countDocuments({ deletedAt: null })).toBe(3);
    expect(await Contact.findById(anne._id).lean()).toMatchObject({
      jobTitle: 'Comptable',
      status: 'lead',
      tags: ['Fidèle'],
    });
  });

  it('refuses an import not finished, and a draft', async () => {
    const draft = await upload(admin, FILE);
    expect((await admin.post(`/api/crm/imports/${draft.body.id}/undo`)).status).toBe(409);
  });

  // Who may undo an import run by the sales rep `sales`.
  const UNDO_TABLE = { admin: 202, sales: 202, colleague: 404, marketing: 403, account_manager: 403 } as const;
  for (const [caller, status] of Object.entries(UNDO_TABLE) as [keyof typeof UNDO_TABLE, number][]) {
    it(`${caller}: undo of a sales rep's import → ${status}`, async () => {
      const sales = await app.as('sales');
      const imp = await importAs(sales, csv(['prenom;nom;email', `Zoé;Zèbre;zoe.${caller}@exemple.fr`]));
      const res = await (await app.as(caller)).post(`/api/crm/imports/${imp.id}/undo`);
      expect(res.status).toBe(status);
      if (status === 202) {
        const done = await waitFor(sales, imp.id, undone);
        expect(done.undo).toMatchObject({ status: 'completed', removed: 1 });
      } else expect((await ContactImport.findById(imp.id).lean())!.undo).toBeNull();
    });
  }
});
