/**
 * CRM → Entreprises: the permission table of the routes (design/permissions.md: a sales rep reads the
 * companies that have at least one contact assigned to him), companies made from contacts
 * (`syncCompanies`: linking, deduplication, status, owners), and the offline geo lookup.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity } from '../../src/crm/activities/index.js';
import { Company, locate, syncCompanies } from '../../src/crm/companies/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { Deal } from '../../src/crm/deals/index.js';
import { makeCompany, makeContact, makeDeal, siretOf } from '../factories.js';
import { CALLERS, permissionTable, type Caller } from '../permission-table.js';
import { startTestApp, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague' | 'unassigned';
const OWNERS: Owner[] = ['own', 'colleague', 'unassigned'];

let app: TestApp;
const companyIds: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };
const contactIds: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const SIREN_A = '732829320'; // Luhn-valid
const SIREN_B = '552100554'; // Luhn-valid

async function reset() {
  await Promise.all([Contact.deleteMany({}), Company.deleteMany({}), Deal.deleteMany({}), Activity.deleteMany({})]);
}

describe('companies permission table', () => {
  beforeEach(async () => {
    await reset();
    const owners: Record<Owner, string | null> = {
      own: app.members.sales.id,
      colleague: app.members.colleague.id,
      unassigned: null,
    };
    for (const [key, assignedTo] of Object.entries(owners) as [Owner, string | null][]) {
      const c = await makeContact({
        lastName: key,
        companyName: `Société ${key}`,
        postalCode: '69002',
        city: 'Lyon',
        assignedTo,
      });
      contactIds[key] = String(c._id);
    }
    await syncCompanies({});
    for (const key of OWNERS) companyIds[key] = String((await Contact.findById(contactIds[key]))!.companyId);
    await Company.updateMany({}, { $set: { industry: 'Conseil' } });
  });

  // Status per caller; per record: [sales' own company, a colleague's, one with only an unassigned contact].
  const RECORD_TABLE = {
    'GET    /:id': {
      admin: [200, 200, 200],
      sales: [200, 404, 404],
      marketing: [403, 403, 403],
      account_manager: [403, 403, 403],
    },
    'PATCH  /:id': {
      admin: [200, 200, 200],
      sales: [403, 403, 403],
      marketing: [403, 403, 403],
      account_manager: [403, 403, 403],
    },
  } as const;
  // Collection routes: status, and which companies the caller gets (list and map alike).
  const LIST_TABLE: Record<Caller, { status: number; sees: Owner[] }> = {
    admin: { status: 200, sees: ['own', 'colleague', 'unassigned'] },
    sales: { status: 200, sees: ['own'] },
    marketing: { status: 403, sees: [] },
    account_manager: { status: 403, sees: [] },
  };

  for (const caller of CALLERS) {
    it(`${caller}: GET / lists exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/companies?pageSize=100');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) {
        expect((res.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(
          LIST_TABLE[caller].sees.map((o) => companyIds[o]).sort(),
        );
        expect(res.body.total).toBe(LIST_TABLE[caller].sees.length);
      }
    });

    it(`${caller}: GET /map gives exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/companies/map');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) {
        expect((res.body.points as { id: string }[]).map((p) => p.id).sort()).toEqual(
          LIST_TABLE[caller].sees.map((o) => companyIds[o]).sort(),
        );
        expect(Object.keys(res.body.points[0]).sort()).toEqual(['id', 'lat', 'lng', 'name', 'status']);
        expect(res.body.withoutPosition).toBe(0);
      }
    });

    it(`${caller}: GET /industries → ${LIST_TABLE[caller].status}`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/companies/industries');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) expect(res.body).toEqual(['Conseil']);
    });
  }

  permissionTable<Owner>({
    app: () => app,
    base: '/api/crm/companies',
    noun: 'company',
    owners: {
      own: async (app) => (await makeCompany({ name: 'Entreprise own', assignedTo: app.members.sales.id })).company,
      colleague: async (app) => (await makeCompany({ name: 'Entreprise colleague', assignedTo: app.members.colleague.id })).company,
      unassigned: async () => (await makeCompany({ name: 'Entreprise unassigned' })).company,
    },
    table: RECORD_TABLE,
    body: (method) => (method === 'PATCH' ? { headcount: 12 } : undefined),
  });

  it("a company whose only contact moves to a colleague leaves the rep's list and answers 404", async () => {
    const admin = await app.as('admin');
    const sales = await app.as('sales');
    expect((await sales.get(`/api/crm/companies/${companyIds.own}`)).status).toBe(200);
    const moved = await admin.post(`/api/crm/contacts/${contactIds.own}/assign`, {
      assignedTo: app.members.colleague.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.companyId).toBe(companyIds.own);
    expect((await sales.get(`/api/crm/companies/${companyIds.own}`)).status).toBe(404);
    expect((await sales.get('/api/crm/companies')).body.total).toBe(0);
    expect((await sales.get('/api/crm/companies/map')).body.points).toEqual([]);
    const colleague = await app.as('colleague');
    expect((await colleague.get(`/api/crm/companies/${companyIds.own}`)).status).toBe(200);
  });

  it('the detail lists the contacts and deals the caller may read, and counts only those', async () => {
    // The rep's company gets an unassigned contact (readable by him) and a colleague's (not readable).
    const extra = await makeContact({
      lastName: 'Libre',
      companyName: 'Société own',
      postalCode: '69002',
      assignedTo: null,
    });
    const hidden = await makeContact({
      lastName: 'Caché',
      companyName: 'Société own',
      postalCode: '69002',
      assignedTo: app.members.colleague.id,
    });
    await syncCompanies({ _id: { $in: [extra._id, hidden._id] } });
    const deal = (owner: string, title: string) => ({
      title,
      contactId: new mongoose.Types.ObjectId(contactIds.own),
      contactName: 'Prénom own',
      companyId: new mongoose.Types.ObjectId(companyIds.own),
      amount: 1000,
      stage: 'proposal',
      probability: 50,
      weightedAmount: 500,
      expectedCloseDate: new Date('2026-06-30'),
      issuingCompany: 'digiflow',
      owner,
      stageChangedAt: new Date(),
      deletedAt: null,
    });
    await Deal.insertMany([deal(app.members.sales.id, 'Refonte'), deal(app.members.colleague.id, 'SEO')]);
    // Activities: on the company, or on one of its contacts (without the company link); a colleague's
    // and a deleted one are not the rep's to see.
    const activity = (owner: string, subject: string, day: number, link: Record<string, unknown>, extraFields = {}) => ({
      type: 'call',
      subject,
      priority: 'medium',
      status: 'planned',
      dueAt: new Date(Date.UTC(2026, 10, day, 9)),
      owner,
      ...link,
      ...extraFields,
    });
    const ownCompany = { companyId: new mongoose.Types.ObjectId(companyIds.own) };
    await Activity.insertMany([
      activity(app.members.sales.id, 'Appel de découverte', 3, ownCompany),
      activity(app.members.sales.id, 'Relance Libre', 5, { contactId: extra._id, contactName: 'Prénom Libre' }),
      activity(app.members.colleague.id, 'Appel du collègue', 4, ownCompany),
      activity(app.members.sales.id, 'Supprimée', 6, ownCompany, { deletedAt: new Date() }),
    ]);

    const sales = await app.as('sales');
    const detail = await sales.get(`/api/crm/companies/${companyIds.own}`);
    expect(detail.status).toBe(200);
    expect(detail.body.contacts.map((c: { lastName: string }) => c.lastName).sort()).toEqual(['Libre', 'own']);
    expect(detail.body.deals.map((d: { title: string }) => d.title)).toEqual(['Refonte']);
    expect(detail.body).toMatchObject({ contactCount: 2, dealCount: 1, activityTotal: 2 });
    expect(detail.body.activities.map((a: { subject: string }) => a.subject)).toEqual(['Relance Libre', 'Appel de découverte']);
    expect(detail.body.activities[0]).toMatchObject({ type: 'call', status: 'planned', contactName: 'Prénom Libre', owner: { firstName: expect.any(String) } });
    const list = await sales.get('/api/crm/companies');
    expect(list.body.items[0]).toMatchObject({ id: companyIds.own, contactCount: 2, dealCount: 1 });

    const admin = await app.as('admin');
    const all = await admin.get(`/api/crm/companies/${companyIds.own}`);
    expect(all.body).toMatchObject({ contactCount: 3, dealCount: 2, activityTotal: 3 });
    expect(all.body.deals[0].owner).toMatchObject({ firstName: expect.any(String) });
  });

  it('filters: search, status, department, city, industry, has deals', async () => {
    const admin = await app.as('admin');
    await Contact.updateOne({ _id: contactIds.colleague }, { $set: { status: 'client' } });
    const paris = await makeContact({
      companyName: 'Atelier Parisien',
      postalCode: '75008',
      city: 'Paris',
      status: 'prospect',
    });
    await syncCompanies({ _id: { $in: [contactIds.colleague, paris._id] } });
    await makeDeal({
      title: 'Site',
      contactId: paris._id,
      contactName: 'Prénom Nom',
      amount: 5000,
      stage: 'won',
      probability: 100,
      weightedAmount: 5000,
      expectedCloseDate: new Date('2026-01-15'),
      issuingCompany: 'behype',
      owner: app.members.admin.id,
      stageChangedAt: new Date(),
    });
    await syncCompanies({ _id: paris._id }); // links the deal made before the company existed
    const names = async (query: string) =>
      ((await admin.get(`/api/crm/companies?${query}`)).body.items as { name: string }[]).map((i) => i.name).sort();
    expect(await names('q=parisien')).toEqual(['Atelier Parisien']);
    expect(await names('q=SOCIETE%20OWN')).toEqual(['Société own']);
    expect(await names('status=client')).toEqual(['Société colleague']);
    expect(await names('status=prospect')).toEqual(['Atelier Parisien']);
    expect(await names('department=69')).toEqual(['Société colleague', 'Société own', 'Société unassigned']);
    expect(await names('city=paris')).toEqual(['Atelier Parisien']);
    expect(await names('industry=Conseil')).toEqual(['Société colleague', 'Société own', 'Société unassigned']);
    expect(await names('hasDeals=true')).toEqual(['Atelier Parisien']);
    expect(await names('hasDeals=false')).toHaveLength(3);
    expect(await names('sort=-name&pageSize=2')).toEqual(['Société unassigned', 'Société own'].sort());
    const map = await admin.get('/api/crm/companies/map?status=prospect');
    expect(map.body.points).toEqual([
      {
        id: expect.any(String),
        name: 'Atelier Parisien',
        status: 'prospect',
        lat: expect.closeTo(48.876, 2),
        lng: expect.closeTo(2.318, 2),
      },
    ]);
    expect((await admin.get('/api/crm/companies?department=ZZ')).status).toBe(422);
    expect((await admin.get('/api/crm/companies?status[$ne]=x')).status).toBe(422);
  });

  it('an admin completes a company: NAF label from the code, position from the new address', async () => {
    const admin = await app.as('admin');
    const res = await admin.patch(`/api/crm/companies/${companyIds.own}`, {
      nafCode: '70.22z',
      headcount: 25,
      revenue: 1_250_000,
      legalForm: 'SAS',
      address: '1 place du Capitole',
      postalCode: '31000',
      city: 'Toulouse',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      nafCode: '70.22Z',
      industry: 'Conseil pour les affaires et autres conseils de gestion',
      headcount: 25,
      revenue: 1_250_000,
      legalForm: 'SAS',
      city: 'Toulouse',
      communeCode: '31555',
      department: '31',
      geoPrecision: 'commune',
    });
    expect(res.body.lat).toBeCloseTo(43.6, 1);
    const cleared = await admin.patch(`/api/crm/companies/${companyIds.own}`, { headcount: null, legalForm: '' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.headcount).toBeUndefined();
    expect(cleared.body.legalForm).toBeUndefined();
    expect((await admin.patch(`/api/crm/companies/${companyIds.own}`, { nafCode: '99.99Z' })).status).toBe(422);
    expect((await admin.patch(`/api/crm/companies/${companyIds.own}`, { legalForm: 'Inconnue' })).status).toBe(422);
    expect((await admin.patch(`/api/crm/companies/${companyIds.own}`, { status: 'client' })).status).toBe(422);
    expect((await admin.patch(`/api/crm/companies/${companyIds.own}`, { revenue: { $gt: 0 } })).status).toBe(422);
    expect((await admin.get('/api/crm/companies/not-an-id')).status).toBe(404);
  });

  it('contacts carry their companyId (read-only: the contact schemas refuse it)', async () => {
    const sales = await app.as('sales');
    const created = await sales.post('/api/crm/contacts', {
      firstName: 'Jeanne',
      lastName: 'Martin',
      status: 'lead',
      companyName: 'Société own',
      postalCode: '69002',
    });
    expect(created.status).toBe(201);
    expect(created.body.companyId).toBe(companyIds.own);
    const renamed = await sales.patch(`/api/crm/contacts/${created.body.id}`, { companyName: 'Nouvelle Société' });
    expect(renamed.body.companyId).not.toBe(companyIds.own);
    expect(await Company.countDocuments({ name: 'Nouvelle Société', deletedAt: null })).toBe(1);
    expect(
      (await sales.patch(`/api/crm/contacts/${created.body.id}`, { companyId: companyIds.colleague })).status,
    ).toBe(422);
    expect(
      (
        await sales.post('/api/crm/contacts', {
          firstName: 'A',
          lastName: 'B',
          status: 'lead',
          companyId: companyIds.colleague,
        })
      ).status,
    ).toBe(422);
  });
});

describe('syncCompanies', () => {
  beforeEach(reset);

  const companyOf = async (id: unknown) => String((await Contact.findById(id))!.companyId);

  it('same SIREN → one company, whatever the name or the establishment', async () => {
    const a = await makeContact({
      companyName: 'Alpha Conseil',
      siret: siretOf(SIREN_A, '0001'),
      postalCode: '75008',
      city: 'Paris',
    });
    const b = await makeContact({
      companyName: 'ALPHA CONSEIL SAS',
      siret: siretOf(SIREN_A, '0002'),
      postalCode: '13001',
      city: 'Marseille',
    });
    const res = await syncCompanies({});
    expect(res.created).toBe(1);
    expect(await companyOf(a._id)).toBe(await companyOf(b._id));
    const company = await Company.findOne({}).lean();
    expect(company).toMatchObject({ siren: SIREN_A, name: 'Alpha Conseil', contactCount: 2, communeCode: '75108' });
  });

  it('same name: one company per postal code; a SIREN joins the same-named company, another SIREN does not', async () => {
    const lyon = await makeContact({ companyName: 'Boulangerie Martin', postalCode: '69002', city: 'Lyon' });
    const lyonAgain = await makeContact({ companyName: 'boulangerie  MARTIN sarl', postalCode: '69002', city: 'Lyon' });
    const nantes = await makeContact({ companyName: 'Boulangerie Martin', postalCode: '44000', city: 'Nantes' });
    await syncCompanies({});
    expect(await Company.countDocuments()).toBe(2);
    expect(await companyOf(lyon._id)).toBe(await companyOf(lyonAgain._id));
    expect(await companyOf(lyon._id)).not.toBe(await companyOf(nantes._id));

    const withSiren = await makeContact({
      companyName: 'Boulangerie Martin',
      siret: siretOf(SIREN_B),
      postalCode: '69002',
      city: 'Lyon',
    });
    await syncCompanies({ _id: withSiren._id });
    expect(await companyOf(withSiren._id)).toBe(await companyOf(lyon._id));
    expect((await Company.findById(await companyOf(lyon._id)).lean())!.siren).toBe(SIREN_B);

    const otherSiren = await makeContact({
      companyName: 'Boulangerie Martin',
      siret: siretOf(SIREN_A),
      postalCode: '69002',
      city: 'Lyon',
    });
    await syncCompanies({ _id: otherSiren._id });
    expect(await companyOf(otherSiren._id)).not.toBe(await companyOf(lyon._id));
    expect(await Company.countDocuments()).toBe(3);
  });

  it('is idempotent', async () => {
    for (let i = 0; i < 5; i++)
      await makeContact({ companyName: `Entreprise ${i % 2}`, postalCode: '33000', city: 'Bordeaux' });
    const first = await syncCompanies({});
    const second = await syncCompanies({});
    expect(first.created).toBe(2);
    expect(second.created).toBe(0);
    expect([...second.links]).toEqual([...first.links]);
    expect(await Company.countDocuments()).toBe(2);
  });

  it("a contact's registry enrichment gives the company its industry and revenue, unless it has its own", async () => {
    const enriched = await makeContact({
      companyName: 'Delta',
      nafCode: '62.01Z',
      nafLabel: 'Programmation informatique',
      revenue: 420_000,
    });
    await syncCompanies({ _id: enriched._id });
    const id = await companyOf(enriched._id);
    expect(await Company.findById(id).lean()).toMatchObject({
      nafCode: '62.01Z',
      industry: 'Programmation informatique',
      revenue: 420_000,
    });
    await Company.updateOne({ _id: id }, { $set: { nafCode: '70.22Z', industry: 'Conseil', revenue: 1_000_000 } });
    const other = await makeContact({ companyName: 'Delta', nafCode: '47.71Z', nafLabel: 'Habillement', revenue: 5 });
    await syncCompanies({ _id: other._id });
    expect(await Company.findById(id).lean()).toMatchObject({
      nafCode: '70.22Z',
      industry: 'Conseil',
      revenue: 1_000_000,
      contactCount: 2,
    });
  });

  it('a contact without company name has no company', async () => {
    const c = await makeContact({ companyName: undefined, postalCode: '33000' });
    const { links } = await syncCompanies({ _id: c._id });
    expect(links.get(String(c._id))).toBeNull();
    expect(await Company.countDocuments()).toBe(0);
  });

  it("status is the best of the contacts' statuses, owners the distinct assignees, recomputed through the contacts routes", async () => {
    const admin = await app.as('admin');
    const lead = await makeContact({ companyName: 'Gamma', status: 'lead', assignedTo: app.members.sales.id });
    const prospect = await makeContact({ companyName: 'Gamma', status: 'prospect', assignedTo: app.members.sales.id });
    await syncCompanies({});
    const id = await companyOf(lead._id);
    const company = async () => (await Company.findById(id).lean())!;
    expect(await company()).toMatchObject({ status: 'prospect', contactCount: 2 });
    expect((await company()).contactOwners.map(String)).toEqual([app.members.sales.id]);

    const client = await admin.post('/api/crm/contacts', {
      firstName: 'C',
      lastName: 'Client',
      status: 'client',
      companyName: 'Gamma',
      assignedTo: app.members.colleague.id,
    });
    expect(client.body.companyId).toBe(id);
    expect(await company()).toMatchObject({ status: 'client', contactCount: 3 });
    expect((await company()).contactOwners.map(String).sort()).toEqual(
      [app.members.sales.id, app.members.colleague.id].sort(),
    );

    expect((await admin.delete(`/api/crm/contacts/${client.body.id}`)).status).toBe(200);
    expect(await company()).toMatchObject({ status: 'prospect', contactCount: 2 });
    expect((await company()).contactOwners.map(String)).toEqual([app.members.sales.id]);

    await admin.patch(`/api/crm/contacts/${lead._id}`, { status: 'client' });
    expect((await company()).status).toBe('client');

    // Without any contact left the company is archived; a restored contact brings it back.
    await admin.delete(`/api/crm/contacts/${lead._id}`);
    await admin.delete(`/api/crm/contacts/${prospect._id}`);
    expect((await company()).deletedAt).toBeInstanceOf(Date);
    expect((await admin.get(`/api/crm/companies/${id}`)).status).toBe(404);
    const restored = await admin.post(`/api/crm/contacts/${prospect._id}/restore`);
    expect(restored.body.companyId).toBe(id);
    expect(await company()).toMatchObject({ deletedAt: null, status: 'prospect', contactCount: 1 });

    // RGPD erasure recomputes the company too.
    await admin.post(`/api/crm/contacts/${prospect._id}/erase`);
    expect((await company()).deletedAt).toBeInstanceOf(Date);
  });

  it('links a batch of 1,000 contacts in a few database round trips', async () => {
    const docs = Array.from({ length: 1000 }, (_, i) => ({
      firstName: 'Import',
      lastName: String(i),
      status: (['lead', 'prospect', 'client'] as const)[i % 3],
      companyName: `Import ${i % 400}`,
      postalCode: ['69002', '13001', '75008', '31000'][i % 4],
      city: ['Lyon', 'Marseille', 'Paris', 'Toulouse'][i % 4],
      assignedTo: i % 2 ? app.members.sales.id : null,
      deletedAt: null,
    }));
    const inserted = await Contact.insertMany(docs);
    const filter = { _id: { $in: inserted.map((c) => c._id) } };
    const calls: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => void calls.push(`${collection}.${method}`));
    try {
      const res = await syncCompanies(filter);
      // "Import n" (n = i mod 400) always meets the same postal code (i mod 4): one company per name.
      expect(res.created).toBe(400);
      // Reads, one insert of the companies, and contact links in chunks of 90 (FerretDB v1 limit).
      expect(calls.length).toBeLessThanOrEqual(20);
      expect(calls.filter((c) => c === 'companies.insertMany')).toHaveLength(1);
      calls.length = 0;
      const again = await syncCompanies(filter);
      expect(again.created).toBe(0);
      expect(calls.filter((c) => /bulkWrite|insert|update/.test(c))).toEqual([]);
    } finally {
      mongoose.set('debug', false);
    }
    expect(await Contact.countDocuments({ companyId: null })).toBe(0);
    const company = await Company.findOne({ name: 'Import 1' }).lean();
    // Contacts 1, 401, 801: a prospect, a client… and owners only where assigned.
    expect(company).toMatchObject({ contactCount: 3, status: 'client', communeCode: '13201' });
    expect(company!.contactOwners.map(String)).toEqual([app.members.sales.id]);
  }, 120_000);
});

describe('geo lookup (postal code + city → commune, position)', () => {
  it.each([
    ['69002', 'Lyon', '69382', 45.75, 4.83],
    ['13001', 'Marseille', '13201', 43.3, 5.38],
    ['75008', 'Paris', '75108', 48.88, 2.32],
    ['31000', 'Toulouse', '31555', 43.6, 1.44],
  ])('%s %s → %s', (pc, city, code, lat, lng) => {
    const m = locate(pc, city)!;
    expect(m).toMatchObject({ communeCode: code, precision: 'commune' });
    expect(m.lat).toBeCloseTo(lat, 1);
    expect(m.lng).toBeCloseTo(lng, 1);
  });

  it('a postal code shared by several communes: the one named by the city, else the most populous', () => {
    expect(locate('52100', 'Bettancourt-la-Ferrée')!.communeCode).toBe('52045');
    expect(locate('52100', 'St-Dizier')!.communeCode).toBe('52448');
    expect(locate('52100', 'SAINT DIZIER')!.communeCode).toBe('52448');
    expect(locate('52100', null)!.communeCode).toBe('52448');
    expect(locate('01400', 'Châtillon sur Chalaronne')!.communeCode).toBe('01093');
  });

  it('falls back to the city in the department (CEDEX), then to the department, then to the name alone', () => {
    expect(locate('69285', 'Lyon Cedex 02')).toMatchObject({ communeCode: '69123', precision: 'commune' });
    expect(locate('69999', 'Nulle-Part')).toMatchObject({
      communeCode: '69123',
      department: '69',
      precision: 'department',
    });
    expect(locate(null, 'Nantes')).toMatchObject({ communeCode: '44109', department: '44' });
    expect(locate('20000', 'Ajaccio')).toMatchObject({ communeCode: '2A004', department: '2A' });
    expect(locate(null, 'Ville imaginaire')).toBeNull();
    expect(locate(null, null)).toBeNull();
  });
});
