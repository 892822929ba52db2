/**
 * CRM → Contacts → Importer: a French Excel file (Windows-1252, ";") with broken rows, deduplication
 * within the file and against the database (skip / update), round-robin assignment, cancel, resume
 * after the API process is killed mid-way, and the permission table.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { Company } from '../../src/crm/companies/index.js';
import { Contact, ContactEvent } from '../../src/crm/contacts/index.js';
import { ContactImport, ImportReject, recoverImports, runImport } from '../../src/imports/index.js';
import { startJobs, stopJobs } from '../../src/jobs/agenda.js';
import { makeContact } from '../factories.js';
import { startTestApp, type Client, type MemberKey, type TestApp } from './harness.js';
import { finished, upload, waitFor } from './import-helpers.js';

const BATCH = 4;
const LEASE_SECONDS = 2;
let app: TestApp;
let admin: Client;
const importsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-imports-test-'));

beforeAll(async () => {
  app = await startTestApp({ IMPORTS_DIR: importsDir, IMPORT_BATCH_SIZE: String(BATCH), IMPORT_LEASE_SECONDS: String(LEASE_SECONDS) });
  await startJobs();
  admin = await app.as('admin');
});
afterAll(async () => {
  await stopJobs();
  await app.close();
  fs.rmSync(importsDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await Promise.all([Contact.deleteMany({}), Company.deleteMany({}), ContactImport.deleteMany({}), ImportReject.deleteMany({})]);
});

/**
 * What French Excel writes: Windows-1252, ";" separators, CRLF. Good rows: lines 2, 6, 7 (its company
 * spans lines 7–8), 12. Bad: 3 e-mail, 4 phone, 5 first name, 9 status, 11 unclosed quote; 10 is a
 * duplicate of line 2 (same e-mail, other case).
 */
const BROKEN_FILE = [
  'prenom;nom;email;telephone;entreprise;poste;ville;pays;statut;source',
  'Hélène;Dupré;helene.dupre@exemple.fr;06 12 34 56 78;Société Générale;Directrice financière;Paris;France;Client;Salon',
  'Jean;Dupont;jean.dupont@exemple;0612345679;Acme;CEO;Lyon;France;Lead;Site web',
  'Marie;Martin;marie@exemple.fr;12345;Tech Inc;CTO;Lyon;France;prospect;LinkedIn',
  ';Sans-Prénom;sans.prenom@exemple.fr;;;;;;lead;',
  'François;Lefèvre;francois@exemple.fr;+44 20 7946 0958;"Dupont; Fils & Cie";Gérant;Nantes;France;customer;Partenaire',
  'Zoé;Noël;zoe@exemple.fr;07 11 22 33 44;"Les Ateliers',
  'Réunis";Cheffe de projet;Lille;France;Prospect;Salon',
  'Paul;Durand;paul@exemple.fr;0611223344;Acme;Commercial;Paris;France;Partenaire;Web',
  'Hélène;Dupré-Bis;HELENE.DUPRE@exemple.fr;;;;;;Lead;',
  'Luc;"Martin;luc@exemple.fr;0612000000;Acme;;;;lead;',
  'Luc;Bernard;luc.bernard@exemple.fr;06 12 00 00 01;Bernard SARL;Gérant;Rennes;France;lead;Bouche-à-oreille',
].join('\r\n');
const win1252 = (text: string) => iconv.encode(`${text}\r\n`, 'windows-1252');

async function importFile(content: Buffer, config: Record<string, unknown> = {}) {
  const up = await upload(admin, content);
  expect(up.status).toBe(201);
  const start = await admin.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns, ...config });
  expect(start.status).toBe(202);
  return waitFor(admin, up.body.id, finished);
}

/** A clean file of `count` rows (e-mails unique, phones unique). */
function cleanFile(count: number, first = 0): Buffer {
  const lines = ['Prénom;Nom;E-mail;Téléphone;Société'];
  for (let i = first; i < first + count; i++)
    lines.push(`Prénom${i};Nom${i};contact${i}@exemple.fr;06 ${String(10_000_000 + i).replace(/(\d\d)(?=\d)/g, '$1 ')};Société ${i % 7}`);
  return win1252(lines.join('\r\n'));
}

describe('analysis and preview', () => {
  it('detects Windows-1252 and ";", maps the columns, counts rows, validates the preview cell by cell', async () => {
    const up = await upload(admin, win1252(BROKEN_FILE));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      fileName: 'prospects.csv',
      encoding: 'windows-1252',
      delimiter: ';',
      totalRows: 10,
      status: 'analysed',
      columns: ['firstName', 'lastName', 'email', 'phone', 'companyName', 'jobTitle', 'city', 'country', 'status', 'source'],
    });
    const preview = await admin.get(`/api/crm/imports/${up.body.id}/preview`);
    expect(preview.status).toBe(200);
    const rows = preview.body.rows as { line: number; cells: { value: string; error?: string }[]; rowError?: string }[];
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 10, 11, 12]);
    expect(rows[0]!.cells[0]).toEqual({ value: 'Hélène' });
    expect(rows[0]!.cells[4]).toEqual({ value: 'Société Générale' });
    expect(rows[1]!.cells[2]).toEqual({ value: 'jean.dupont@exemple', error: "L'adresse e-mail n'est pas valide." });
    expect(rows[2]!.cells[3]!.error).toContain("Le numéro de téléphone n'est pas valide");
    expect(rows[3]!.cells[0]!.error).toBe('Le prénom est obligatoire.');
    expect(rows[4]!.cells[4]).toEqual({ value: 'Dupont; Fils & Cie' });
    expect(rows[5]!.cells[4]).toEqual({ value: 'Les Ateliers\nRéunis' });
    expect(rows[6]!.cells[8]!.error).toBe('Statut inconnu « Partenaire » (Lead, Prospect ou Client).');
    expect(rows[8]!.rowError).toContain('guillemet');
  });

  it('re-reads the file when the encoding or separator is corrected, and keeps a manual mapping', async () => {
    const up = await upload(admin, win1252(BROKEN_FILE));
    const utf8 = await admin.patch(`/api/crm/imports/${up.body.id}`, { encoding: 'utf-8' });
    expect(utf8.body.headers[0]).toBe('prenom');
    const preview = await admin.get(`/api/crm/imports/${up.body.id}/preview`);
    expect(preview.body.rows[0].cells[0].value).toBe('H\uFFFDl\uFFFDne');
    const comma = await admin.patch(`/api/crm/imports/${up.body.id}`, { encoding: 'windows-1252', delimiter: ',' });
    expect(comma.body.headers).toHaveLength(1);
    const back = await admin.patch(`/api/crm/imports/${up.body.id}`, { delimiter: ';' });
    const columns = [...back.body.columns];
    columns[9] = null; // source not imported
    columns[5] = 'tags';
    const mapped = await admin.patch(`/api/crm/imports/${up.body.id}`, { columns });
    expect(mapped.body.columns).toEqual(columns);
    const twice = await admin.patch(`/api/crm/imports/${up.body.id}`, { columns: columns.map((c) => (c === 'tags' ? 'email' : c)) });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].message).toContain('choisi pour deux colonnes');
    expect((await admin.patch(`/api/crm/imports/${up.body.id}`, { columns: ['firstName'] })).status).toBe(422);
  });

  it('refuses what is not a CSV, an empty file, and more than 50 Mo (413, French), keeping no file', async () => {
    const files = fs.readdirSync(importsDir).length;
    expect((await upload(admin, Buffer.alloc(0))).status).toBe(422);
    const xlsx = await upload(admin, Buffer.from('PK\u0003\u0004rest-of-a-zip'), 'contacts.xlsx');
    expect(xlsx.status).toBe(422);
    expect(xlsx.body.detail).toContain('enregistrez-le au format CSV');
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const res = await upload(admin, big);
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe('Le fichier dépasse 50 Mo. Découpez-le en plusieurs fichiers.');
    expect(fs.readdirSync(importsDir)).toHaveLength(files);
  });
});

describe('import', () => {
  it('imports the good rows of a broken Windows-1252 file and reports each bad one with its line and reason', async () => {
    const done = await importFile(win1252(BROKEN_FILE), { tags: ['Salon 2026'] });
    expect(done).toMatchObject({
      status: 'completed',
      counts: { imported: 4, updated: 0, duplicates: 1, errors: 5 },
      progress: { processed: 10, etaSeconds: 0 },
    });
    const contacts = await Contact.find({}).sort({ importKey: 1 }).lean();
    expect(contacts.map((c) => [c.firstName, c.lastName, c.email, c.phone, c.companyName, c.status])).toEqual(
      expect.arrayContaining([
        ['Hélène', 'Dupré', 'helene.dupre@exemple.fr', '+33612345678', 'Société Générale', 'client'],
        ['François', 'Lefèvre', 'francois@exemple.fr', '+442079460958', 'Dupont; Fils & Cie', 'client'],
        ['Zoé', 'Noël', 'zoe@exemple.fr', '+33711223344', 'Les Ateliers\nRéunis', 'prospect'],
        ['Luc', 'Bernard', 'luc.bernard@exemple.fr', '+33612000001', 'Bernard SARL', 'lead'],
      ]),
    );
    expect(contacts).toHaveLength(4);
    for (const c of contacts) {
      expect(c.tags).toEqual(['Salon 2026']);
      expect(c.createdBy?.toString()).toBe(app.members.admin.id);
      expect(c.assignedTo).toBeNull();
      expect(c.qualityScore).toBeGreaterThan(0);
      expect(c.companyId).not.toBeNull(); // syncCompanies ran on the batch
      expect(c.importKey).toMatch(new RegExp(`^${done.id}:\\d+$`));
    }
    expect(await ContactEvent.countDocuments({ contactId: { $in: contacts.map((c) => c._id) }, type: 'created' })).toBe(4);
    expect(await Company.countDocuments({ name: 'Société Générale' })).toBe(1);

    const rejected = await admin.get(`/api/crm/imports/${done.id}/rejected.csv`);
    expect(rejected.status).toBe(200);
    expect(rejected.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(Buffer.from(rejected.text), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Ligne, r.Type, r.Colonne, r.Motif])).toEqual([
      ['3', 'Erreur', 'email', "L'adresse e-mail n'est pas valide."],
      ['4', 'Erreur', 'telephone', "Le numéro de téléphone n'est pas valide (format français ou international +…)."],
      ['5', 'Erreur', 'prenom', 'Le prénom est obligatoire.'],
      ['9', 'Erreur', 'statut', 'Statut inconnu « Partenaire » (Lead, Prospect ou Client).'],
      ['10', 'Doublon', 'email', 'Doublon de la ligne 2 du fichier (le même e-mail).'],
      ['11', 'Erreur', '', 'Ligne illisible : un guillemet ouvert n’est jamais refermé.'],
    ]);
    expect(rows[0]!.prenom).toBe('Jean'); // the row as it was, to correct and import again
    const audit = await AuditLog.findOne({ action: 'contact.import', subjectId: done.id }).lean();
    expect(audit?.details).toMatchObject({ fileName: 'prospects.csv', rows: 10 });
  });

  it('deduplicates against the database by e-mail and phone: skip', async () => {
    await makeContact({ firstName: 'Déjà', lastName: 'Là', email: 'helene.dupre@exemple.fr', status: 'lead' });
    await makeContact({ firstName: 'Autre', lastName: 'Numéro', phone: '+33711223344', status: 'lead' });
    const done = await importFile(win1252(BROKEN_FILE), { dedupBy: ['email', 'phone'], onDuplicate: 'skip' });
    // Line 2 (e-mail) and 7 (phone 07 11 22 33 44) exist; line 10 is then a duplicate of the existing contact.
    expect(done.counts).toEqual({ imported: 2, updated: 0, duplicates: 3, errors: 5 });
    expect(await Contact.countDocuments({})).toBe(4);
    const reasons = await ImportReject.find({ importId: done.id, kind: 'duplicate' }).sort({ line: 1 }).lean();
    expect(reasons.map((r) => [r.line, r.problems[0]!.message])).toEqual([
      [2, 'Un contact existant a le même e-mail : ligne ignorée.'],
      [7, 'Un contact existant a le même téléphone : ligne ignorée.'],
      [10, 'Un contact existant a le même e-mail : ligne ignorée.'],
    ]);
  });

  it('deduplicates against the database: update fills in the existing contact; a later line is a duplicate in the file', async () => {
    const existing = await makeContact({
      firstName: 'Hélène',
      lastName: 'Dupré',
      email: 'helene.dupre@exemple.fr',
      city: 'Bordeaux',
      status: 'lead',
      tags: ['Ancien'],
      assignedTo: app.members.colleague.id,
    });
    const done = await importFile(win1252(BROKEN_FILE), { dedupBy: ['email'], onDuplicate: 'update', tags: ['Import'] });
    expect(done.counts).toEqual({ imported: 3, updated: 1, duplicates: 1, errors: 5 });
    const updated = await Contact.findById(existing._id).lean();
    expect(updated).toMatchObject({
      companyName: 'Société Générale',
      city: 'Paris',
      status: 'client',
      phone: '+33612345678',
      assignedTo: existing.assignedTo, // an update never reassigns
    });
    expect(updated?.tags.sort()).toEqual(['Ancien', 'Import']);
    expect(updated?.importKey).toBeUndefined();
    expect(await ContactEvent.countDocuments({ contactId: existing._id, type: 'status', from: 'lead', to: 'client' })).toBe(1);
    const dup = await ImportReject.findOne({ importId: done.id, line: 10 }).lean();
    expect(dup?.problems[0]?.message).toBe('Doublon de la ligne 2 du fichier (le même e-mail).');
  });

  it('without deduplication, every valid row makes a contact', async () => {
    const done = await importFile(win1252(BROKEN_FILE), { dedupBy: [] });
    expect(done.counts).toEqual({ imported: 5, updated: 0, duplicates: 0, errors: 5 });
  });

  it('deals new contacts round-robin among the active sales reps, or to one member', async () => {
    const done = await importFile(cleanFile(7), { assignment: 'round_robin' });
    expect(done.counts.imported).toBe(7);
    const contacts = await Contact.find({}).lean();
    const byLine = contacts.sort((a, b) => Number(a.importKey!.split(':')[1]) - Number(b.importKey!.split(':')[1]));
    // Reps by last name then first name: "colleague Test" before "sales Test".
    const { colleague, sales } = app.members;
    expect(byLine.map((c) => String(c.assignedTo))).toEqual([colleague, sales, colleague, sales, colleague, sales, colleague].map((m) => m.id));

    await Contact.deleteMany({});
    const one = await importFile(cleanFile(3), { assignment: 'one', assignTo: app.members.sales.id });
    expect(one.config).toMatchObject({ assignment: 'one', assignTo: app.members.sales.id });
    expect((await Contact.find({}).lean()).every((c) => String(c.assignedTo) === app.members.sales.id)).toBe(true);

    const up = await upload(admin, cleanFile(1));
    const noOne = await admin.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns, assignment: 'one' });
    expect(noOne.status).toBe(422);
    const inactive = await admin.post(`/api/crm/imports/${up.body.id}/start`, {
      columns: up.body.columns,
      assignment: 'one',
      assignTo: '0123456789abcdef01234567',
    });
    expect(inactive.status).toBe(422);
  });

  it('new contacts that join an existing company refresh its counters, owners and status', async () => {
    const created = await admin.post('/api/crm/contacts', {
      firstName: 'Jeanne',
      lastName: 'Existante',
      companyName: 'Société 1',
      status: 'client',
      assignedTo: app.members.colleague.id,
    });
    expect(created.status).toBe(201);
    const before = await Company.findOne({ name: 'Société 1' }).lean();
    expect(before?.contactCount).toBe(1);

    // Lines for "Société 1": i = 1 and 8.
    const done = await importFile(cleanFile(14), { assignment: 'one', assignTo: app.members.sales.id });
    expect(done.counts.imported).toBe(14);
    const after = await Company.findOne({ name: 'Société 1' }).lean();
    expect(String(after?._id)).toBe(String(before?._id));
    expect(after?.contactCount).toBe(3);
    expect(after?.status).toBe('client');
    expect(after?.contactOwners.map(String).sort()).toEqual([app.members.colleague.id, app.members.sales.id].sort());
    const joined = await Contact.find({ companyName: 'Société 1' }).lean();
    expect(joined.every((c) => String(c.companyId) === String(before?._id))).toBe(true);
    // Companies made by the import are complete too.
    expect(await Company.findOne({ name: 'Société 2' }).lean()).toMatchObject({ contactCount: 2, status: 'lead' });
  });

  it('joined companies are raised to the best status, given a place they lacked, and revived when archived', async () => {
    const lead = await admin.post('/api/crm/contacts', { firstName: 'Luc', lastName: 'Sansville', companyName: 'Atelier Bleu', status: 'lead' });
    const gone = await admin.post('/api/crm/contacts', { firstName: 'Ana', lastName: 'Partie', companyName: 'Maison Rouge', status: 'client' });
    expect((await admin.delete(`/api/crm/contacts/${gone.body.id}`)).status).toBe(200);
    const archived = await Company.findOne({ name: 'Maison Rouge' }).lean();
    expect(archived).toMatchObject({ contactCount: 0 });
    expect(archived?.deletedAt).not.toBeNull();

    const file = [
      'Prénom;Nom;E-mail;Société;Ville;Statut',
      'Jean;Bleu;jean.bleu@exemple.fr;Atelier Bleu;Nantes;Prospect',
      'Paul;Rouge;paul.rouge@exemple.fr;Maison Rouge;;Lead',
    ].join('\r\n');
    const done = await importFile(win1252(file));
    expect(done.counts.imported).toBe(2);
    const bleu = await Company.findOne({ name: 'Atelier Bleu' }).lean();
    expect(String(bleu?._id)).toBe(String((await Contact.findById(lead.body.id).lean())?.companyId));
    expect(bleu).toMatchObject({ contactCount: 2, status: 'prospect', city: 'Nantes', department: '44' });
    const rouge = await Company.findOne({ name: 'Maison Rouge' }).lean();
    expect(String(rouge?._id)).toBe(String(archived?._id));
    expect(rouge).toMatchObject({ contactCount: 1, status: 'lead', deletedAt: null });
  });

  it('can be cancelled: it stops before its next batch and keeps what it imported', async () => {
    const up = await upload(admin, cleanFile(400));
    await admin.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns });
    await waitFor(admin, up.body.id, (imp) => imp.progress.processed > 0);
    const cancel = await admin.post(`/api/crm/imports/${up.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelRequested).toBe(true);
    const done = await waitFor(admin, up.body.id, finished);
    expect(done.status).toBe('cancelled');
    expect(done.counts.imported).toBeLessThan(400);
    expect(await Contact.countDocuments({})).toBe(done.counts.imported);
    expect(fs.existsSync(path.join(importsDir, `${up.body.id}.csv`))).toBe(false);
    expect((await admin.post(`/api/crm/imports/${up.body.id}/cancel`)).status).toBe(409);

    // Cancelled before it started (the wizard closed at the preview).
    const early = await upload(admin, cleanFile(2));
    expect((await admin.post(`/api/crm/imports/${early.body.id}/cancel`)).body.status).toBe('cancelled');
  });

  it('lists started imports first, newest first, then the drafts: drafts never push a report out', async () => {
    const first = await importFile(cleanFile(2));
    const second = await importFile(cleanFile(1, 10));
    const drafts = [(await upload(admin, cleanFile(1))).body.id, (await upload(admin, cleanFile(1))).body.id];
    const list = await admin.get('/api/crm/imports?pageSize=2');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(4);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    expect(list.body.items[1].createdBy).toEqual({ id: app.members.admin.id, name: 'admin Test' });
    const next = await admin.get('/api/crm/imports?pageSize=2&page=2');
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([drafts[1], drafts[0]]);
  });

  it('deletes a draft never started with its file, never a started import', async () => {
    const draft = await upload(admin, cleanFile(1));
    const file = (await ContactImport.findById(draft.body.id).lean())!.filePath;
    expect(fs.existsSync(file)).toBe(true);
    expect((await admin.delete(`/api/crm/imports/${draft.body.id}`)).status).toBe(200);
    expect(await ContactImport.countDocuments({ _id: draft.body.id })).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
    expect((await admin.delete(`/api/crm/imports/${draft.body.id}`)).status).toBe(404);

    // Cancelled before its start: still a draft.
    const cancelled = await upload(admin, cleanFile(1));
    await admin.post(`/api/crm/imports/${cancelled.body.id}/cancel`);
    expect((await admin.delete(`/api/crm/imports/${cancelled.body.id}`)).status).toBe(200);

    const done = await importFile(cleanFile(2));
    const refused = await admin.delete(`/api/crm/imports/${done.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/rapport est conservé/);
    expect(await ContactImport.countDocuments({ _id: done.id })).toBe(1);
  });
});

describe('resume', () => {
  it('an API process killed mid-way: the import resumes from its checkpoint, without duplicates nor lost rows', async () => {
    const total = 240;
    // The worker commits every 20 rows; the resumed run in this process, every BATCH rows.
    const batch = 20;
    const up = await upload(admin, cleanFile(total));
    // The run happens in a separate API process, killed once a few batches are committed.
    await stopJobs();
    await admin.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns, dedupBy: ['email'], assignment: 'round_robin' });
    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-worker.ts'), up.body.id], {
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
      env: { ...process.env, MONGODB_URI: app.config.MONGODB_URI, IMPORT_BATCH_SIZE: String(batch), IMPORT_LEASE_SECONDS: String(LEASE_SECONDS), LOG_LEVEL: 'silent' },
      stdio: 'inherit',
    });
    const exited = new Promise((r) => worker.once('exit', r));
    let killedAt = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const imp = await ContactImport.findById(up.body.id).lean();
      if ((imp?.progress?.processed ?? 0) >= 3 * batch) {
        worker.kill('SIGKILL');
        killedAt = imp!.progress!.processed!;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await exited;
    expect(killedAt).toBeGreaterThan(0);
    const stopped = await ContactImport.findById(up.body.id).lean();
    expect(stopped?.status).toBe('running');
    expect(stopped!.progress!.processed).toBeLessThan(total);
    // The companies its contacts joined, written at the end only, are kept with the checkpoint.
    expect(stopped!.pendingCompanies!.length).toBeGreaterThan(0);
    // Rows written after the last checkpoint may exist: the resumed run must not create them twice.
    const beyond = await Contact.countDocuments({});
    expect(beyond).toBeGreaterThanOrEqual(stopped!.counts!.imported!);

    // Restart: the heartbeat of the dead run goes stale, the recovery queues a run, Agenda runs it.
    await startJobs();
    await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000 + 200));
    expect(await recoverImports()).toBe(1);
    const done = await waitFor(admin, up.body.id, finished, 120_000);
    expect(done).toMatchObject({ status: 'completed', counts: { imported: total, updated: 0, duplicates: 0, errors: 0 } });
    expect(done.progress.processed).toBe(total);
    expect(await Contact.countDocuments({})).toBe(total);
    // The companies its contacts joined are right too, those the killed run had not written included.
    const companies = await Company.find({}).lean();
    expect(companies).toHaveLength(7);
    for (const company of companies) {
      const contacts = await Contact.find({ companyId: company._id, deletedAt: null }).lean();
      expect(company.contactCount).toBe(contacts.length);
      expect(company.contactOwners.map(String).sort()).toEqual([...new Set(contacts.map((c) => String(c.assignedTo)))].sort());
    }
    const keys = await Contact.distinct('importKey');
    expect(keys).toHaveLength(total);
    const emails = await Contact.distinct('email');
    expect(emails).toHaveLength(total);
    // Round-robin went on where it stopped: the two reps got half each.
    const perRep = await Contact.aggregate<{ _id: unknown; n: number }>([{ $group: { _id: '$assignedTo', n: { $sum: 1 } } }]);
    expect(perRep.map((r) => r.n).sort()).toEqual([total / 2, total / 2]);
  }, 240_000);

  it('running a completed import again from its start changes nothing (every batch is idempotent)', async () => {
    const content = Buffer.concat([win1252(BROKEN_FILE), cleanFile(9, 100).subarray(cleanFile(0).length)]);
    const done = await importFile(content, { assignment: 'round_robin', tags: ['Rejoué'] });
    expect(done.counts).toEqual({ imported: 13, updated: 0, duplicates: 1, errors: 5 });
    const before = await Contact.find({}, { importKey: 1, assignedTo: 1, updatedAt: 1 }).sort({ importKey: 1 }).lean();
    const rejectsBefore = await ImportReject.countDocuments({ importId: done.id });
    const events = await ContactEvent.countDocuments({});

    // As if every batch had been cut after its writes, before its checkpoint.
    const imp = await ContactImport.findById(done.id);
    fs.writeFileSync(imp!.filePath, content);
    await ContactImport.updateOne(
      { _id: done.id },
      {
        $set: {
          status: 'running',
          checkpoint: { line: 0, assignIndex: 0 },
          counts: { imported: 0, updated: 0, duplicates: 0, errors: 0 },
          progress: { processed: 0, rowsPerSecond: 0, etaSeconds: null },
          'run.heartbeatAt': null,
        },
      },
    );
    await runImport(done.id);
    const again = await ContactImport.findById(done.id).lean();
    expect(again?.status).toBe('completed');
    expect(again?.counts).toMatchObject({ imported: 13, updated: 0, duplicates: 1, errors: 5 });
    const after = await Contact.find({}, { importKey: 1, assignedTo: 1, updatedAt: 1 }).sort({ importKey: 1 }).lean();
    expect(after).toEqual(before);
    expect(await ImportReject.countDocuments({ importId: done.id })).toBe(rejectsBefore);
    expect(await ContactEvent.countDocuments({})).toBe(events);
  });
});

type Caller = 'admin' | 'sales' | 'marketing' | 'account_manager';
const CALLERS: Caller[] = ['admin', 'sales', 'marketing', 'account_manager'];

// Only admins may import by default (ContactImport:create); every route is refused to the others.
const ROUTES: Record<string, Record<Caller, number>> = {
  'POST   /': { admin: 201, sales: 403, marketing: 403, account_manager: 403 },
  'GET    /': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'GET    /:id': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'PATCH  /:id': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'GET    /:id/preview': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'GET    /:id/rejected.csv': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'POST   /:id/start': { admin: 202, sales: 403, marketing: 403, account_manager: 403 },
  'POST   /:id/cancel': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
  'DELETE /:id': { admin: 200, sales: 403, marketing: 403, account_manager: 403 },
};

describe('imports permission table', () => {
  for (const caller of CALLERS) {
    for (const [route, row] of Object.entries(ROUTES)) {
      it(`${caller}: ${route.replace(/\s+/, ' ')} → ${row[caller]}`, async () => {
        const mine = await upload(admin, cleanFile(2));
        const c = await app.as(caller as MemberKey);
        const [method, pattern] = route.split(/\s+/) as [string, string];
        if (method === 'POST' && pattern === '/') {
          expect((await upload(c, cleanFile(1))).status).toBe(row[caller]);
          return;
        }
        const url = `/api/crm/imports${pattern.replace(':id', mine.body.id)}`;
        const body = pattern.endsWith('start') ? { columns: mine.body.columns } : method === 'PATCH' ? { delimiter: ';' } : undefined;
        const res = await c.request(method, url, body ?? (method === 'GET' ? undefined : {}));
        expect(res.status).toBe(row[caller]);
        if (pattern.endsWith('start') && res.status === 202) await waitFor(admin, mine.body.id, finished);
      });
    }
  }

  it('an unknown or malformed import id answers 404', async () => {
    expect((await admin.get('/api/crm/imports/0123456789abcdef01234567')).status).toBe(404);
    expect((await admin.get('/api/crm/imports/nope')).status).toBe(404);
  });
});
