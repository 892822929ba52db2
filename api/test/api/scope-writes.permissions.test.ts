/**
 * A member cannot widen his own scope by writing (COMPANY_LINK_RULE, crm/company-join-policy.ts): a
 * contact joins an existing company only when its writer may read that company, else its link waits
 * for an administrator. The table: own / colleague's / unassigned company × create contact, update the
 * contact's company, import, Pappers enrichment — for a sales rep and for an admin. Then the
 * administrator's decision, the companies export (scoped counts and names), and the one write an
 * activity makes on another record (its contact's quality score).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { RolePermission } from '../../src/authz/role-permission.model.js';
import { Activity } from '../../src/crm/activities/index.js';
import { Company, syncCompanies } from '../../src/crm/companies/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { Deal } from '../../src/crm/deals/index.js';
import { ContactImport, runImport } from '../../src/imports/index.js';
import { Notification } from '../../src/notifications/notification.model.js';
import { makeContact, makeDeal, siretOf } from '../factories.js';
import { startTestApp, type Client, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague' | 'unassigned';
type Caller = 'sales' | 'admin';
type Path = 'create' | 'update' | 'import' | 'enrich';

let app: TestApp;

/** The existing companies, each named by one contact: the sales rep's, a colleague's, nobody's. */
const COMPANIES: Record<Owner, { name: string; postalCode: string; siren: string }> = {
  own: { name: 'Alpha Conseil', postalCode: '75011', siren: '443061841' },
  colleague: { name: 'Adam et Dupont', postalCode: '92100', siren: '542065479' },
  unassigned: { name: 'Berthier Frères', postalCode: '69003', siren: '380129866' },
};
const companyIds: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };

beforeAll(async () => {
  // Demo mode: the Pappers enrichment answers from the demo registry (no network).
  app = await startTestApp({ DEMO_MODE: 'true' });
  // The rule must hold for an importer whose scope is limited too: let sales reps import here.
  await RolePermission.updateOne(
    { role: 'sales' },
    { $push: { rules: { action: 'create', subject: 'ContactImport', scope: 'own' } } },
  );
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await Promise.all([
    Contact.deleteMany({}),
    Company.deleteMany({}),
    Deal.deleteMany({}),
    Activity.deleteMany({}),
    Notification.deleteMany({}),
    ContactImport.deleteMany({}),
  ]);
  const assignees: Record<Owner, string | null> = {
    own: app.members.sales.id,
    colleague: app.members.colleague.id,
    unassigned: null,
  };
  for (const owner of Object.keys(COMPANIES) as Owner[]) {
    const c = COMPANIES[owner];
    await makeContact({
      firstName: 'Existant',
      lastName: owner,
      status: 'prospect',
      companyName: c.name,
      postalCode: c.postalCode,
      siret: siretOf(c.siren),
      assignedTo: assignees[owner],
    });
  }
  await syncCompanies({});
  for (const owner of Object.keys(COMPANIES) as Owner[])
    companyIds[owner] = String((await Company.findOne({ siren: COMPANIES[owner].siren }).lean())!._id);
});

async function upload(c: Client, csv: string) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
  const res = await fetch(`${c.base}/api/crm/imports`, {
    method: 'POST',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { id: string; columns: string[] } };
}

/** Writes, as `caller`, a contact that names the `target` company along `path`; returns it as stored. */
async function nameCompany(caller: Caller, path: Path, target: Owner) {
  const c = await app.as(caller);
  const company = COMPANIES[target];
  const person = { firstName: 'Nouveau', lastName: `${path}-${target}`, status: 'client' as const };
  let id: string;
  if (path === 'create') {
    const res = await c.post('/api/crm/contacts', {
      ...person,
      companyName: company.name,
      postalCode: company.postalCode,
    });
    expect(res.status).toBe(201);
    id = res.body.id;
  } else if (path === 'update') {
    const res = await c.post('/api/crm/contacts', { ...person, companyName: 'Société Nouvelle', postalCode: '33000' });
    expect(res.status).toBe(201);
    const moved = await c.patch(`/api/crm/contacts/${res.body.id}`, {
      companyName: company.name,
      postalCode: company.postalCode,
    });
    expect(moved.status).toBe(200);
    id = res.body.id;
  } else if (path === 'import') {
    const csv = `Prénom;Nom;Statut;Société;Code postal\r\n${person.firstName};${person.lastName};client;${company.name};${company.postalCode}\r\n`;
    const up = await upload(c, csv);
    expect(up.status).toBe(201);
    const start = await c.post(`/api/crm/imports/${up.body.id}/start`, { columns: up.body.columns });
    expect(start.status).toBe(202);
    await runImport(up.body.id);
    expect((await ContactImport.findById(up.body.id).lean())!.status).toBe('completed');
    id = String((await Contact.findOne({ lastName: person.lastName }).lean())!._id);
  } else {
    // A SIRET and no company name: no company, until the registry names it.
    const res = await c.post('/api/crm/contacts', { ...person, siret: siretOf(company.siren) });
    expect(res.status).toBe(201);
    expect(res.body.companyId).toBeNull();
    const enriched = await c.post(`/api/crm/contacts/${res.body.id}/enrich`);
    expect(enriched.status).toBe(200);
    id = res.body.id;
  }
  return { client: c, contact: (await c.get(`/api/crm/contacts/${id}`)).body };
}

// What a contact naming each existing company does: join it, or wait for an administrator.
const JOIN_TABLE: Record<Caller, Record<Owner, 'joins' | 'pending'>> = {
  sales: { own: 'joins', colleague: 'pending', unassigned: 'pending' },
  admin: { own: 'joins', colleague: 'joins', unassigned: 'joins' },
};
const PATHS: Path[] = ['create', 'update', 'import', 'enrich'];

describe('a contact joins an existing company only if its writer may read it', () => {
  for (const caller of Object.keys(JOIN_TABLE) as Caller[])
    for (const path of PATHS)
      for (const target of Object.keys(COMPANIES) as Owner[]) {
        const expected = JOIN_TABLE[caller][target];
        it(`${caller} × ${path} × ${target} company → ${expected}`, async () => {
          const before = (await Company.findById(companyIds[target]).lean())!;
          const { client, contact } = await nameCompany(caller, path, target);
          const company = await client.get(`/api/crm/companies/${companyIds[target]}`);
          const after = (await Company.findById(companyIds[target]).lean())!;
          if (expected === 'joins') {
            expect(contact.companyId).toBe(companyIds[target]);
            expect(contact.companyLink).toBeNull();
            expect(company.status).toBe(200);
            expect(after.contactCount).toBe(before.contactCount + 1);
          } else {
            expect(contact.companyId).toBeNull();
            expect(contact.companyLink).toMatchObject({ companyId: companyIds[target], status: 'pending' });
            expect(contact.companyLink.by.id).toBe(app.members.sales.id);
            // Nothing of the company changed, and the rep still cannot read it.
            expect(company.status).toBe(404);
            expect(after.contactCount).toBe(before.contactCount);
            expect(after.status).toBe(before.status);
            expect(after.contactOwners.map(String)).toEqual(before.contactOwners.map(String));
            // The administrators are told.
            const told = await Notification.find({ userId: app.members.admin.id }).lean();
            expect(told).toHaveLength(1);
            expect(told[0]!.title).toMatch(/Rattachement/);
          }
        });
      }

  it('a new company (one nobody has) is created and joined, for a sales rep too', async () => {
    const sales = await app.as('sales');
    const res = await sales.post('/api/crm/contacts', {
      firstName: 'Zoé',
      lastName: 'Neuve',
      status: 'lead',
      companyName: 'Entreprise Inédite',
      postalCode: '44000',
    });
    expect(res.body.companyId).toEqual(expect.any(String));
    expect(res.body.companyLink).toBeNull();
    expect((await sales.get(`/api/crm/companies/${res.body.companyId}`)).status).toBe(200);
  });
});

describe("an administrator's decision on a waiting link", () => {
  async function pendingContact() {
    const { client, contact } = await nameCompany('sales', 'create', 'colleague');
    expect(contact.companyLink.status).toBe('pending');
    return { sales: client, id: contact.id as string };
  }

  it('only administrators decide; they list the waiting links; approving links the contact and its rep', async () => {
    const { sales, id } = await pendingContact();
    expect((await sales.post(`/api/crm/contacts/${id}/company-link`, { decision: 'approve' })).status).toBe(403);
    const admin = await app.as('admin');
    const waiting = await admin.get('/api/crm/contacts?companyLink=pending');
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await admin.post(`/api/crm/contacts/${id}/company-link`, { decision: 'maybe' })).status).toBe(422);

    const approved = await admin.post(`/api/crm/contacts/${id}/company-link`, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ companyId: companyIds.colleague, companyLink: null });
    expect((await sales.get(`/api/crm/companies/${companyIds.colleague}`)).status).toBe(200);
    const company = (await Company.findById(companyIds.colleague).lean())!;
    expect(company.contactCount).toBe(2);
    expect(company.contactOwners.map(String).sort()).toEqual([app.members.sales.id, app.members.colleague.id].sort());
    expect(await AuditLog.countDocuments({ action: 'contact.company_link_approve', subjectId: id })).toBe(1);
    // Nothing left to decide.
    expect((await admin.post(`/api/crm/contacts/${id}/company-link`, { decision: 'refuse' })).status).toBe(409);
  });

  it('a refused link stays refused through later edits, until the contact names another company', async () => {
    const { sales, id } = await pendingContact();
    const admin = await app.as('admin');
    const refused = await admin.post(`/api/crm/contacts/${id}/company-link`, { decision: 'refuse' });
    expect(refused.status).toBe(200);
    expect(refused.body.companyLink).toMatchObject({ status: 'refused', by: { id: app.members.admin.id } });
    expect(await AuditLog.countDocuments({ action: 'contact.company_link_refuse', subjectId: id })).toBe(1);
    await Notification.deleteMany({});

    // Edits by the rep or an admin keep it as decided, and tell nobody again.
    expect((await sales.patch(`/api/crm/contacts/${id}`, { jobTitle: 'Directrice' })).body.companyLink.status).toBe(
      'refused',
    );
    const edited = await admin.patch(`/api/crm/contacts/${id}`, { jobTitle: 'Gérante' });
    expect(edited.body).toMatchObject({ companyId: null, companyLink: { status: 'refused' } });
    expect(await Notification.countDocuments({})).toBe(0);

    // Named another company (his own): joined, the refusal is gone.
    const moved = await sales.patch(`/api/crm/contacts/${id}`, {
      companyName: COMPANIES.own.name,
      postalCode: COMPANIES.own.postalCode,
    });
    expect(moved.body).toMatchObject({ companyId: companyIds.own, companyLink: null });
  });

  it("an admin's edit of a waiting contact does not decide for him", async () => {
    const { id } = await pendingContact();
    const admin = await app.as('admin');
    const edited = await admin.patch(`/api/crm/contacts/${id}`, { jobTitle: 'Acheteur' });
    expect(edited.body).toMatchObject({ companyId: null, companyLink: { status: 'pending' } });
  });
});

describe('the companies export shows what the screen shows to its caller', () => {
  const rowOf = (csv: string, name: string) => {
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0]!.split(';');
    const row = lines.find((l) => l.startsWith(`${name};`))!.split(';');
    return Object.fromEntries(header.map((h, i) => [h, row[i]]));
  };

  it('scoped counts, and only the names of members whose contacts the caller reads', async () => {
    // A contact of the colleague in the rep's company: the company counts 2 contacts, 2 reps.
    await makeContact({
      firstName: 'Autre',
      lastName: 'Commercial',
      status: 'lead',
      companyName: COMPANIES.own.name,
      postalCode: COMPANIES.own.postalCode,
      assignedTo: app.members.colleague.id,
      deletedAt: null,
    });
    await syncCompanies({});
    expect((await Company.findById(companyIds.own).lean())!.contactCount).toBe(2);

    const sales = await app.as('sales');
    const mine = await sales.get('/api/crm/exports/companies?format=csv');
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain(COMPANIES.colleague.name);
    const seen = rowOf(mine.text, COMPANIES.own.name);
    expect(seen.Contacts).toBe('1');
    expect(seen.Commerciaux).toBe('sales Test');

    const admin = await app.as('admin');
    const all = rowOf((await admin.get('/api/crm/exports/companies?format=csv')).text, COMPANIES.own.name);
    expect(all.Contacts).toBe('2');
    expect(all.Commerciaux).toBe('colleague Test, sales Test');
  });
});

describe('an activity writes on its contact only if its owner may update that contact', () => {
  type Target = Owner;
  const contactIds: Record<Target, string> = { own: '', colleague: '', unassigned: '' };

  beforeEach(async () => {
    for (const owner of Object.keys(contactIds) as Target[])
      contactIds[owner] = String((await Contact.findOne({ lastName: owner }).lean())!._id);
  });

  // Creating a completed activity linked to each contact.
  const LINK_TABLE: Record<Caller, Record<Target, number>> = {
    sales: { own: 201, colleague: 422, unassigned: 403 },
    admin: { own: 201, colleague: 201, unassigned: 201 },
  };
  const completedCall = (contactId: string) => ({
    type: 'call',
    subject: 'Appel de qualification',
    status: 'completed',
    dueAt: new Date(Date.now() - 3_600_000).toISOString(),
    contactId,
  });

  for (const caller of Object.keys(LINK_TABLE) as Caller[])
    for (const target of Object.keys(contactIds) as Target[]) {
      const expected = LINK_TABLE[caller][target];
      it(`${caller}: a completed activity with the ${target} contact → ${expected}`, async () => {
        const before = (await Contact.findById(contactIds[target]).lean())!.qualityScore;
        const c = await app.as(caller);
        const res = await c.post('/api/crm/activities', completedCall(contactIds[target]));
        expect(res.status).toBe(expected);
        const after = (await Contact.findById(contactIds[target]).lean())!.qualityScore;
        if (expected === 201) expect(after).toBeGreaterThan(before);
        else {
          expect(after).toBe(before);
          expect(await Activity.countDocuments({})).toBe(0);
        }
      });
    }

  it("a rep's unlinked activity cannot be linked to an unassigned contact later; its deal does not bring one", async () => {
    const sales = await app.as('sales');
    const own = await sales.post('/api/crm/activities', { ...completedCall(contactIds.own), contactId: undefined });
    expect(own.status).toBe(201);
    const before = (await Contact.findById(contactIds.unassigned).lean())!.qualityScore;
    const linked = await sales.patch(`/api/crm/activities/${own.body.id}`, { contactId: contactIds.unassigned });
    expect(linked.status).toBe(403);
    expect(linked.body.detail ?? linked.body.title).toMatch(/ne vous est pas assigné/);

    // The rep's own deal with the unassigned contact: an activity on the deal leaves the contact alone.
    const deal = await makeDeal({
      title: 'Refonte du site',
      amount: 4800,
      stage: 'qualification',
      probability: 20,
      weightedAmount: 960,
      stageChangedAt: new Date(),
      expectedCloseDate: new Date(Date.now() + 30 * 86_400_000),
      issuingCompany: 'digiflow',
      owner: app.members.sales.id,
      contactId: contactIds.unassigned,
      contactName: 'Existant unassigned',
      deletedAt: null,
    });
    const onDeal = await sales.post('/api/crm/activities', {
      ...completedCall(contactIds.own),
      contactId: undefined,
      dealId: String(deal._id),
    });
    expect(onDeal.status).toBe(201);
    expect(onDeal.body.contact).toBeNull();
    expect((await Contact.findById(contactIds.unassigned).lean())!.qualityScore).toBe(before);

    // Its own activity already linked to a contact since reassigned stays the owner's to complete.
    const planned = await sales.post('/api/crm/activities', { ...completedCall(contactIds.own), status: 'planned' });
    await Contact.updateOne({ _id: contactIds.own }, { $set: { assignedTo: app.members.colleague.id } });
    expect((await sales.post(`/api/crm/activities/${planned.body.id}/complete`)).status).toBe(200);
    expect(
      (await sales.patch(`/api/crm/activities/${planned.body.id}`, { contactId: contactIds.own, notes: 'Fait' }))
        .status,
    ).toBe(200);
  });
});
