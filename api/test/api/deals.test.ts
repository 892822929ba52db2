/**
 * CRM → Deals over HTTP: the permission table (design/permissions.md: admin all + change owner; sales
 * own deals only, no owner change; marketing / account managers refused), validation, the dated stage
 * history, and the board's per-stage totals computed in the database, within the caller's scope.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import {
  DEAL_STAGES,
  weightedAmountOf,
  type DealBoardDto,
  type DealCardDto,
  type DealStage,
} from '../../src/contracts/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { Deal } from '../../src/crm/deals/index.js';
import { makeContact, makeDeal } from '../factories.js';
import { permissionTable, type Caller } from '../permission-table.js';
import { startTestApp, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague';

let app: TestApp;
const contacts: Record<'sales' | 'colleague' | 'unassigned', string> = { sales: '', colleague: '', unassigned: '' };
const ids: Record<Owner, string> = { own: '', colleague: '' };

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** A deal written straight into the database, as the API would store it, on the sales rep's contact. */
async function insertDeal({ expectedCloseDate, ...fields }: Omit<Parameters<typeof makeDeal>[0], 'expectedCloseDate'> & {
  expectedCloseDate?: string;
}) {
  const d = await makeDeal({
    contactId: contacts.sales,
    contactName: 'Jeanne Martin',
    companyName: 'Boulangerie Martin',
    amount: 1000,
    expectedCloseDate: new Date(`${expectedCloseDate ?? '2026-06-30'}T00:00:00.000Z`),
    ...fields,
  });
  return String(d._id);
}

const validDeal = () => ({
  title: 'Refonte site vitrine',
  contactId: contacts.sales,
  amount: 4800,
  expectedCloseDate: '2026-09-15',
  issuingCompany: 'digiflow',
});

beforeEach(async () => {
  await Deal.deleteMany({});
  await Contact.deleteMany({});
  for (const [key, assignedTo] of [
    ['sales', app.members.sales.id],
    ['colleague', app.members.colleague.id],
    ['unassigned', null],
  ] as const) {
    const c = await makeContact({
      firstName: 'Jeanne',
      lastName: `Contact-${key}`,
      companyName: `Société ${key}`,
      status: 'prospect',
      assignedTo,
      deletedAt: null,
    });
    contacts[key] = String(c._id);
  }
  ids.own = await insertDeal({ title: 'own', owner: app.members.sales.id });
  ids.colleague = await insertDeal({ title: 'colleague', owner: app.members.colleague.id });
});

// Status per caller, per deal: [sales' own deal, a colleague's deal].
const RECORD_TABLE = {
  'GET    /:id': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'PATCH  /:id': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'POST   /:id/stage': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'POST   /:id/owner': { admin: [200, 200], sales: [403, 403], marketing: [403, 403], account_manager: [403, 403] },
  'DELETE /:id': { admin: [200, 200], sales: [403, 403], marketing: [403, 403], account_manager: [403, 403] },
} as const;
const LIST_TABLE: Record<Caller, { status: number; sees: Owner[] }> = {
  admin: { status: 200, sees: ['own', 'colleague'] },
  sales: { status: 200, sees: ['own'] },
  marketing: { status: 403, sees: [] },
  account_manager: { status: 403, sees: [] },
};
const CREATE_TABLE: Record<Caller, number> = { admin: 201, sales: 201, marketing: 403, account_manager: 403 };

function bodyFor(route: string): unknown {
  if (route.startsWith('PATCH')) return { amount: 2500 };
  if (route.endsWith('/stage')) return { stage: 'qualification' };
  if (route.endsWith('/owner')) return { owner: app.members.admin.id };
  return undefined;
}

describe('deals permission table', () => {
  for (const caller of Object.keys(LIST_TABLE) as Caller[]) {
    it(`${caller}: GET / and GET /board list exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/deals?pageSize=100');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      const board = await c.get('/api/crm/deals/board');
      expect(board.status).toBe(LIST_TABLE[caller].status);
      const column = await c.get('/api/crm/deals/board/discovery');
      expect(column.status).toBe(LIST_TABLE[caller].status);
      if (res.status !== 200) return;
      const expected = [...LIST_TABLE[caller].sees].sort();
      expect((res.body.items as DealCardDto[]).map((d) => d.title).sort()).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
      const discovery = (board.body as DealBoardDto).columns.find((col) => col.stage === 'discovery')!;
      expect(discovery.items.map((d) => d.title).sort()).toEqual(expected);
      expect(discovery.count).toBe(expected.length);
      expect((column.body.items as DealCardDto[]).map((d) => d.title).sort()).toEqual(expected);
    });

    it(`${caller}: POST / creates → ${CREATE_TABLE[caller]}`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.post('/api/crm/deals', validDeal());
      expect(res.status).toBe(CREATE_TABLE[caller]);
      if (res.status === 201) expect(res.body.owner.id).toBe(app.members[caller as MemberKey].id);
    });

  }

  permissionTable<Owner>({
    app: () => app,
    base: '/api/crm/deals',
    noun: 'deal',
    owners: {
      own: (app) => insertDeal({ title: 'own', owner: app.members.sales.id }),
      colleague: (app) => insertDeal({ title: 'colleague', owner: app.members.colleague.id }),
    },
    table: RECORD_TABLE,
    body: (method, path) => bodyFor(`${method} ${path}`),
  });

  it('a sales rep cannot create a deal for a colleague; an admin can, for any sales rep', async () => {
    const sales = await app.as('sales');
    const refused = await sales.post('/api/crm/deals', { ...validDeal(), title: 'Pour un autre', owner: app.members.colleague.id });
    expect(refused.status).toBe(403);
    expect(await Deal.countDocuments({ title: 'Pour un autre' })).toBe(0);
    const self = await sales.post('/api/crm/deals', { ...validDeal(), owner: app.members.sales.id });
    expect(self.status).toBe(201);

    const admin = await app.as('admin');
    const forColleague = await admin.post('/api/crm/deals', { ...validDeal(), owner: app.members.colleague.id });
    expect(forColleague.status).toBe(201);
    expect(forColleague.body.owner.id).toBe(app.members.colleague.id);
    const toMarketing = await admin.post('/api/crm/deals', { ...validDeal(), owner: app.members.marketing.id });
    expect(toMarketing.status).toBe(422);
    expect(toMarketing.body.errors[0].path).toBe('owner');
  });

  it('the owner change is for admins only, moves the deal out of the old owner’s scope and is audited', async () => {
    const sales = await app.as('sales');
    expect((await sales.post(`/api/crm/deals/${ids.own}/owner`, { owner: app.members.sales.id })).status).toBe(403);

    const admin = await app.as('admin');
    const res = await admin.post(`/api/crm/deals/${ids.own}/owner`, { owner: app.members.colleague.id });
    expect(res.status).toBe(200);
    expect(res.body.owner.id).toBe(app.members.colleague.id);
    const entry = await AuditLog.findOne({ action: 'deal.owner_change', subjectId: ids.own }).lean();
    expect(entry?.actorEmail).toBe(app.members.admin.email);
    expect(entry?.details).toMatchObject({ from: app.members.sales.id, to: app.members.colleague.id });
    expect((await sales.get(`/api/crm/deals/${ids.own}`)).status).toBe(404);
  });

  it('a sales rep may base a deal on his or an unassigned contact, not on a colleague’s', async () => {
    const sales = await app.as('sales');
    const mine = await sales.post('/api/crm/deals', validDeal());
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ contactName: 'Jeanne Contact-sales', companyName: 'Société sales', companyId: null });
    expect((await sales.post('/api/crm/deals', { ...validDeal(), contactId: contacts.unassigned })).status).toBe(201);
    const other = await sales.post('/api/crm/deals', { ...validDeal(), contactId: contacts.colleague });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].path).toBe('contactId');
    const patch = await sales.patch(`/api/crm/deals/${ids.own}`, { contactId: contacts.colleague });
    expect(patch.status).toBe(422);
  });

  it('a deleted deal disappears from lists and the board, and can be restored (undo)', async () => {
    const admin = await app.as('admin');
    const del = await admin.delete(`/api/crm/deals/${ids.own}`);
    expect(del.status).toBe(200);
    expect(del.body.undo).toBe(`/api/crm/deals/${ids.own}/restore`);
    expect((await admin.get(`/api/crm/deals/${ids.own}`)).status).toBe(404);
    const board = (await admin.get('/api/crm/deals/board')).body as DealBoardDto;
    expect(board.columns.find((c) => c.stage === 'discovery')!.count).toBe(1);
    const sales = await app.as('sales');
    expect((await sales.post(`/api/crm/deals/${ids.own}/restore`)).status).toBe(403);
    expect((await admin.post(`/api/crm/deals/${ids.own}/restore`)).status).toBe(200);
    expect((await admin.get(`/api/crm/deals/${ids.own}`)).status).toBe(200);
    const actions = (await AuditLog.find({ subjectId: ids.own }).lean()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['deal.delete', 'deal.restore']));
  });

  it('a malformed id or an unknown stage answers 404', async () => {
    const admin = await app.as('admin');
    expect((await admin.get('/api/crm/deals/pas-un-id')).status).toBe(404);
    expect((await admin.get('/api/crm/deals/board/gagne')).status).toBe(404);
  });
});

describe('deal validation', () => {
  const errorsOf = (body: { errors?: { path: string; message: string }[] }) =>
    Object.fromEntries((body.errors ?? []).map((e) => [e.path, e.message]));

  it('refuses unknown fields and operators, in bodies and query strings', async () => {
    const c = await app.as('sales');
    const unknown = await c.post('/api/crm/deals', { ...validDeal(), score: 3 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].message).toMatch(/Champ\(s\) non autorisé\(s\) : score/);
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { stage: 'won' })).status).toBe(422);
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { owner: app.members.colleague.id })).status).toBe(422);
    expect((await c.post('/api/crm/deals', { ...validDeal(), amount: { $gt: 0 } })).status).toBe(422);
    expect((await c.get('/api/crm/deals?owner[$ne]=x')).status).toBe(422);
    expect((await c.get('/api/crm/deals/board?stage=won')).status).toBe(422);
    expect((await c.get('/api/crm/deals/board/won?cursor=nimportequoi')).status).toBe(422);
  });

  it('requires title, contact, amount ≥ 0, a real date and a known issuing company', async () => {
    const c = await app.as('sales');
    const res = await c.post('/api/crm/deals', {
      title: ' ',
      contactId: 'x',
      amount: -5,
      expectedCloseDate: '2026-02-30',
      issuingCompany: 'acme',
    });
    expect(res.status).toBe(422);
    const errors = errorsOf(res.body);
    expect(errors.title).toBe('Le titre est obligatoire.');
    expect(errors.contactId).toBe('Identifiant invalide.');
    expect(errors.amount).toBe('Le montant ne peut pas être négatif.');
    expect(errors.expectedCloseDate).toMatch(/Date invalide/);
    expect(errors.issuingCompany).toBe('Société émettrice inconnue.');
    const missing = await c.post('/api/crm/deals', { title: 'Sans contact', amount: 100, expectedCloseDate: '2027-01-15', issuingCompany: 'digiflow' });
    expect(missing.status).toBe(422);
    expect(errorsOf(missing.body).contactId).toBe('Choisissez le contact du deal.');
  });

  it('keeps the probability between 0 and 100, whole', async () => {
    const c = await app.as('sales');
    for (const probability of [-1, 101, 50.5]) {
      const res = await c.post('/api/crm/deals', { ...validDeal(), probability });
      expect(res.status).toBe(422);
      expect(errorsOf(res.body).probability).toBeDefined();
    }
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { probability: 120 })).status).toBe(422);
    const ok = await c.post('/api/crm/deals', { ...validDeal(), probability: 0 });
    expect(ok.status).toBe(201);
    expect(ok.body.weightedAmount).toBe(0);
    const defaulted = await c.post('/api/crm/deals', { ...validDeal(), stage: 'proposal' });
    expect(defaulted.body.probability).toBe(50);
    expect(defaulted.body.weightedAmount).toBe(2400);
  });

  it('asks for the loss reason when a deal goes to Perdu, with a clear French message', async () => {
    const c = await app.as('sales');
    const created = await c.post('/api/crm/deals', { ...validDeal(), stage: 'lost' });
    expect(created.status).toBe(422);
    expect(errorsOf(created.body).lossReason).toBe('Indiquez le motif de perte pour passer le deal en « Perdu ».');
    const moved = await c.post(`/api/crm/deals/${ids.own}/stage`, { stage: 'lost', lossReason: '  ' });
    expect(moved.status).toBe(422);
    expect(errorsOf(moved.body).lossReason).toMatch(/motif de perte/);
    expect((await Deal.findById(ids.own).lean())!.stage).toBe('discovery');
    // A loss reason belongs to lost deals only, and a lost deal keeps one.
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { lossReason: 'Trop cher' })).status).toBe(422);
    await c.post(`/api/crm/deals/${ids.own}/stage`, { stage: 'lost', lossReason: 'Budget gelé' });
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { lossReason: '' })).status).toBe(422);
    const edited = await c.patch(`/api/crm/deals/${ids.own}`, { lossReason: 'Parti chez un concurrent' });
    expect(edited.body.lossReason).toBe('Parti chez un concurrent');
    expect((await c.patch(`/api/crm/deals/${ids.own}`, { probability: 40 })).status).toBe(422);
  });
});

describe('stage history', () => {
  it('records every stage with its date and author, sets wonAt / lostAt and the probability', async () => {
    const c = await app.as('sales');
    const created = await c.post('/api/crm/deals', validDeal());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.stageHistory).toHaveLength(1);
    expect(created.body.stageHistory[0]).toMatchObject({ stage: 'discovery', by: { id: app.members.sales.id } });
    expect(created.body.probability).toBe(10);

    const steps: { stage: DealStage; lossReason?: string }[] = [
      { stage: 'qualification' },
      { stage: 'negotiation' },
      { stage: 'lost', lossReason: 'Budget gelé' },
      { stage: 'proposal' },
      { stage: 'won' },
    ];
    let last = created.body;
    for (const step of steps) {
      const res = await c.post(`/api/crm/deals/${id}/stage`, step);
      expect(res.status).toBe(200);
      expect(new Date(res.body.stageChangedAt).getTime()).toBeGreaterThanOrEqual(new Date(last.stageChangedAt).getTime());
      last = res.body;
      if (step.stage === 'lost') {
        expect(res.body).toMatchObject({ lossReason: 'Budget gelé', probability: 0, weightedAmount: 0 });
        expect(res.body.lostAt).not.toBeNull();
      }
      if (step.stage === 'proposal') {
        expect(res.body.lossReason).toBeUndefined();
        expect(res.body.lostAt).toBeNull();
        expect(res.body.probability).toBe(50);
      }
    }
    expect(last).toMatchObject({ stage: 'won', probability: 100, weightedAmount: 4800 });
    expect(last.wonAt).not.toBeNull();
    const history = last.stageHistory as { stage: string; at: string; by: { id: string } }[];
    expect(history.map((h) => h.stage)).toEqual(['discovery', ...steps.map((s) => s.stage)]);
    expect(history.every((h) => h.by.id === app.members.sales.id)).toBe(true);
    const times = history.map((h) => new Date(h.at).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Moving to the stage it is already in records nothing.
    const same = await c.post(`/api/crm/deals/${id}/stage`, { stage: 'won' });
    expect(same.body.stageHistory).toHaveLength(history.length);
    // The rep may give his own probability when moving to an open stage.
    const manual = await c.post(`/api/crm/deals/${id}/stage`, { stage: 'negotiation', probability: 90 });
    expect(manual.body).toMatchObject({ probability: 90, weightedAmount: 4320, wonAt: null });
  });

  it('keeps the weighted amount up to date when amount or probability change', async () => {
    const c = await app.as('sales');
    const res = await c.patch(`/api/crm/deals/${ids.own}`, { amount: 12_345.67, probability: 35 });
    expect(res.status).toBe(200);
    expect(res.body.weightedAmount).toBe(weightedAmountOf(12_345.67, 35));
    expect((await Deal.findById(ids.own).lean())!.weightedAmount).toBe(4320.98);
  });
});

describe('board', () => {
  const totalsOf = (deals: { stage: DealStage; amount: number; probability: number }[]) =>
    Object.fromEntries(
      DEAL_STAGES.map((stage) => {
        const mine = deals.filter((d) => d.stage === stage);
        return [
          stage,
          {
            count: mine.length,
            amount: Math.round(mine.reduce((s, d) => s + d.amount, 0) * 100) / 100,
            weighted: Math.round(mine.reduce((s, d) => s + weightedAmountOf(d.amount, d.probability), 0) * 100) / 100,
          },
        ];
      }),
    );
  const boardTotals = (board: DealBoardDto) =>
    Object.fromEntries(board.columns.map((c) => [c.stage, { count: c.count, amount: c.amount, weighted: c.weighted }]));

  it('gives per stage the count, amount and weighted amount the deals hold, within the caller’s scope', async () => {
    await Deal.deleteMany({});
    const mine = [
      { stage: 'discovery', amount: 1500, probability: 10 },
      { stage: 'discovery', amount: 2750.5, probability: 15 },
      { stage: 'qualification', amount: 8000, probability: 25 },
      { stage: 'proposal', amount: 12_000, probability: 60 },
      { stage: 'proposal', amount: 3333.33, probability: 33 },
      { stage: 'negotiation', amount: 45_000, probability: 80 },
      { stage: 'won', amount: 9900, probability: 100 },
      { stage: 'lost', amount: 60_000, probability: 0 },
    ] as const;
    const theirs = [
      { stage: 'discovery', amount: 99_999, probability: 50 },
      { stage: 'won', amount: 7000, probability: 100 },
    ] as const;
    for (const [i, d] of mine.entries()) await insertDeal({ ...d, title: `Mine ${i}`, owner: app.members.sales.id });
    for (const [i, d] of theirs.entries()) await insertDeal({ ...d, title: `Theirs ${i}`, owner: app.members.colleague.id });

    const sales = await app.as('sales');
    const board = await sales.get('/api/crm/deals/board');
    expect(board.status).toBe(200);
    expect(board.body.columns.map((c: { stage: string }) => c.stage)).toEqual([...DEAL_STAGES]);
    expect(boardTotals(board.body)).toEqual(totalsOf([...mine]));
    for (const col of (board.body as DealBoardDto).columns) {
      expect(col.items.every((d) => d.owner?.id === app.members.sales.id && d.stage === col.stage)).toBe(true);
    }

    const admin = await app.as('admin');
    expect(boardTotals((await admin.get('/api/crm/deals/board')).body)).toEqual(totalsOf([...mine, ...theirs]));
    // Filters apply to totals too.
    const filtered = await admin.get(`/api/crm/deals/board?owner=${app.members.colleague.id}&amountMin=8000`);
    expect(boardTotals(filtered.body)).toEqual(totalsOf([theirs[0]]));
    const totalsOnly = await admin.get('/api/crm/deals/board?limit=0');
    expect(totalsOnly.body.columns.every((c: { items: unknown[] }) => c.items.length === 0)).toBe(true);
    expect(boardTotals(totalsOnly.body)).toEqual(totalsOf([...mine, ...theirs]));
  });

  it('pages a column by expected closing date with a cursor, without gaps or repeats', async () => {
    await Deal.deleteMany({});
    const days = ['2026-05-10', '2026-03-01', '2026-03-01', '2026-04-15', '2026-03-01', '2026-07-01', '2026-01-20'];
    for (const [i, day] of days.entries())
      await insertDeal({ title: `P${i}`, owner: app.members.sales.id, stage: 'proposal', expectedCloseDate: day });
    await insertDeal({ title: 'Other stage', owner: app.members.sales.id, stage: 'won' });
    const c = await app.as('sales');
    const first = await c.get('/api/crm/deals/board?limit=3');
    const column = (first.body as DealBoardDto).columns.find((col) => col.stage === 'proposal')!;
    expect(column.count).toBe(7);
    const seen = [...column.items];
    let cursor = column.nextCursor;
    while (cursor) {
      const next = await c.get(`/api/crm/deals/board/proposal?limit=3&cursor=${encodeURIComponent(cursor)}`);
      expect(next.status).toBe(200);
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((d) => d.expectedCloseDate)).toEqual([...days].sort());
    expect(new Set(seen.map((d) => d.id)).size).toBe(7);
  });
});

describe('list', () => {
  it('searches title, contact and company, accent-insensitively, and filters and sorts on the server', async () => {
    await Deal.deleteMany({});
    const sales = app.members.sales.id;
    await insertDeal({ title: 'Campagne Google Ads', owner: sales, stage: 'proposal', amount: 6000, issuingCompany: 'behype', expectedCloseDate: '2026-04-01' });
    await insertDeal({ title: 'Refonte site vitrine', owner: sales, stage: 'proposal', amount: 12_000, contactName: 'Hélène Durand', expectedCloseDate: '2026-05-01' });
    await insertDeal({ title: 'Site e-commerce Shopify', owner: sales, stage: 'won', amount: 25_000, companyName: 'Les Délices d’Émile', expectedCloseDate: '2026-06-01' });
    const c = await app.as('sales');
    const titles = async (qs: string) =>
      ((await c.get(`/api/crm/deals?${qs}`)).body.items as DealCardDto[]).map((d) => d.title);
    expect(await titles('q=google')).toEqual(['Campagne Google Ads']);
    expect(await titles('q=helene')).toEqual(['Refonte site vitrine']);
    expect(await titles('q=delices')).toEqual(['Site e-commerce Shopify']);
    expect(await titles('stage=proposal&sort=-amount')).toEqual(['Refonte site vitrine', 'Campagne Google Ads']);
    expect(await titles('issuingCompany=behype')).toEqual(['Campagne Google Ads']);
    expect(await titles('amountMin=10000&amountMax=20000')).toEqual(['Refonte site vitrine']);
    expect(await titles('closeFrom=2026-04-15&closeTo=2026-06-01')).toEqual(['Refonte site vitrine', 'Site e-commerce Shopify']);
    const page2 = await c.get('/api/crm/deals?pageSize=2&page=2&sort=expectedCloseDate');
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((d: DealCardDto) => d.title)).toEqual(['Site e-commerce Shopify']);
  });
});
