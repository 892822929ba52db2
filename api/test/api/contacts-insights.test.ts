/**
 * What the API derives about a contact: the interaction history (content, scope, cursor pagination),
 * the quality score and its breakdown (recomputed on edits, activities and enrichment), the solvency
 * entry, the board's pagination and the tag filter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity } from '../../src/crm/activities/index.js';
import { Contact, ContactEvent, refreshExpiredQuality } from '../../src/crm/contacts/index.js';
import { Deal } from '../../src/crm/deals/index.js';
import { OutboxMessage } from '../../src/outbox/outbox.js';
import { makeActivity, makeContact, makeDeal } from '../factories.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startTestApp({ DEMO_MODE: 'true' });
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await Promise.all([
    Contact.deleteMany({}),
    ContactEvent.deleteMany({}),
    Activity.deleteMany({}),
    Deal.deleteMany({}),
    OutboxMessage.deleteMany({}),
  ]);
});

const activity = (contactId: string, owner: string, subject: string, dueAt: Date, status: 'planned' | 'completed' = 'completed') =>
  makeActivity({ contactId, owner, subject, dueAt, status, contactName: 'Jeanne Martin' });

const deal = (contactId: string, owner: string, title: string) =>
  makeDeal({
    title,
    contactId,
    contactName: 'Jeanne Martin',
    stage: 'proposal',
    probability: 50,
    expectedCloseDate: new Date('2026-12-31T00:00:00Z'),
    owner,
  });

describe('interaction history', () => {
  it('merges creation, status and assignment changes, activities, e-mails and deals, newest first', async () => {
    const sales = await app.as('sales');
    const admin = await app.as('admin');
    const created = await sales.post('/api/crm/contacts', { firstName: 'Jeanne', lastName: 'Martin', status: 'lead' });
    const id = created.body.id as string;
    await sales.patch(`/api/crm/contacts/${id}`, { status: 'prospect' });
    await activity(id, app.members.sales.id, 'Appel de découverte', new Date(Date.now() - 2 * DAY));
    await OutboxMessage.create({
      channel: 'email',
      provider: 'demo',
      to: ['jeanne@exemple.fr'],
      subject: 'Votre devis',
      meta: { contactId: id },
      createdBy: app.members.sales.id,
    });
    await OutboxMessage.create({
      channel: 'email',
      provider: 'demo',
      to: ['x@exemple.fr'],
      subject: 'Autre contact',
      meta: { contactId: '0'.repeat(24) },
    });
    await deal(id, app.members.sales.id, 'Refonte du site');
    await admin.post(`/api/crm/contacts/${id}/assign`, { assignedTo: app.members.colleague.id });
    await admin.post(`/api/crm/contacts/${id}/assign`, { assignedTo: app.members.sales.id });

    const res = await sales.get(`/api/crm/contacts/${id}/history`);
    expect(res.status).toBe(200);
    const items = res.body.items as {
      kind: string;
      at: string;
      type?: string;
      subject?: string;
      title?: string;
      fromLabel?: string;
      toLabel?: string;
      by?: { firstName: string };
    }[];
    const summary = items.map((i) =>
      i.kind === 'event' ? `${i.type}:${i.fromLabel ?? ''}>${i.toLabel}` : `${i.kind}:${i.subject ?? i.title}`,
    );
    expect(summary).toEqual([
      'assignment:colleague Test>sales Test',
      'assignment:sales Test>colleague Test',
      'deal:Refonte du site',
      'email:Votre devis',
      'status:Lead>Prospect',
      'created:>Lead',
      'activity:Appel de découverte',
    ]);
    const at = items.map((i) => Date.parse(i.at));
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    expect(items[0]!.by!.firstName).toBe('admin');
    expect(res.body.nextCursor).toBeNull();
  });

  it('shows a sales rep only his own activities and deals on the contact, and 404 for a contact out of scope', async () => {
    const c = await makeContact({ firstName: 'Jeanne', lastName: 'Martin', status: 'lead', assignedTo: null });
    const id = String(c._id);
    await activity(id, app.members.sales.id, 'Mon appel', new Date(Date.now() - DAY));
    await activity(id, app.members.colleague.id, 'Appel du collègue', new Date(Date.now() - DAY));
    await deal(id, app.members.colleague.id, 'Deal du collègue');
    const sales = await app.as('sales');
    const mine = await sales.get(`/api/crm/contacts/${id}/history`);
    expect(mine.body.items.map((i: { subject?: string; title?: string }) => i.subject ?? i.title)).toEqual([
      'Mon appel',
    ]);
    const admin = await app.as('admin');
    expect((await admin.get(`/api/crm/contacts/${id}/history`)).body.items).toHaveLength(3);

    await Contact.updateOne({ _id: id }, { $set: { assignedTo: app.members.colleague.id } });
    expect((await sales.get(`/api/crm/contacts/${id}/history`)).status).toBe(404);
    await Contact.updateOne({ _id: id }, { $set: { assignedTo: null, deletedAt: new Date() } });
    expect((await admin.get(`/api/crm/contacts/${id}/history`)).status).toBe(404);
  });

  it('RGPD erasure removes the contact’s events too', async () => {
    const admin = await app.as('admin');
    const created = await admin.post('/api/crm/contacts', { firstName: 'Jeanne', lastName: 'Martin', status: 'lead' });
    await admin.patch(`/api/crm/contacts/${created.body.id}`, { status: 'client' });
    expect(await ContactEvent.countDocuments({ contactId: created.body.id })).toBe(2);
    expect((await admin.post(`/api/crm/contacts/${created.body.id}/erase`)).status).toBe(200);
    expect(await ContactEvent.countDocuments({ contactId: created.body.id })).toBe(0);
  });

  it('pages by cursor without skipping or repeating items, even at the same instant', async () => {
    const c = await makeContact({
      firstName: 'Jeanne',
      lastName: 'Martin',
      status: 'lead',
      assignedTo: app.members.sales.id,
    });
    const id = String(c._id);
    const same = new Date(Date.now() - DAY);
    for (let i = 0; i < 7; i++)
      await activity(id, app.members.sales.id, `Appel ${i}`, i < 4 ? same : new Date(same.getTime() - i * 3_600_000));
    await ContactEvent.insertMany(
      [0, 1, 2].map((i) => ({
        contactId: id,
        type: 'status',
        from: 'lead',
        to: `prospect`,
        at: same,
        by: null,
        _i: i,
      })),
    );
    const sales = await app.as('sales');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { key: string }[]; nextCursor: string | null } } = await sales.get(
        `/api/crm/contacts/${id}/history?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.key));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(pages).toBe(4);
    expect((await sales.get(`/api/crm/contacts/${id}/history?cursor=nimportequoi`)).status).toBe(422);
  });
});

describe('quality score', () => {
  const SIRET = '73282932000074';

  it('is computed with its breakdown, and recomputed on edits, activities and enrichment', async () => {
    const sales = await app.as('sales');
    const created = await sales.post('/api/crm/contacts', {
      firstName: 'Jeanne',
      lastName: 'Martin',
      status: 'lead',
      email: 'jeanne@exemple.fr',
      phone: '06 12 34 56 78',
    });
    expect(created.body.qualityScore).toBe(30);
    const breakdown = created.body.qualityBreakdown as { key: string; points: number; max: number; label: string }[];
    expect(breakdown.find((i) => i.key === 'emailValid')).toEqual({
      key: 'emailValid',
      label: 'E-mail valide',
      points: 10,
      max: 10,
    });
    expect(breakdown.reduce((s, i) => s + i.points, 0)).toBe(30);
    const id = created.body.id as string;

    const edited = await sales.patch(`/api/crm/contacts/${id}`, { siret: SIRET, companyName: 'Boulangerie Martin' });
    expect(edited.body.qualityScore).toBe(45);

    const planned = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'Appel',
      priority: 'medium',
      status: 'planned',
      dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      contactId: id,
    });
    expect(planned.status).toBe(201);
    expect((await Contact.findById(id).lean())!.qualityScore).toBe(45);
    await sales.post(`/api/crm/activities/${planned.body.id}/complete`, {});
    const engaged = await Contact.findById(id).lean();
    expect(engaged!.qualityScore).toBe(65);
    expect(engaged!.qualityExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * DAY);
    await sales.delete(`/api/crm/activities/${planned.body.id}`);
    expect((await Contact.findById(id).lean())!.qualityScore).toBe(45);
    await sales.post(`/api/crm/activities/${planned.body.id}/restore`, {});

    const enriched = await sales.post(`/api/crm/contacts/${id}/enrich`, {});
    expect(enriched.status).toBe(200);
    // + enrichment (20), + full address and gérant filled from the registry (5 + 5).
    expect(enriched.body.contact.qualityScore).toBe(95);
    expect(enriched.body.contact.qualityBreakdown.find((i: { key: string }) => i.key === 'enrichment').points).toBe(20);
  });

  it('drops by itself when the engagement gets old (the refresh job)', async () => {
    const c = await makeContact({
      firstName: 'A',
      lastName: 'B',
      status: 'lead',
      assignedTo: app.members.sales.id,
      email: 'a@b.fr',
    });
    const id = String(c._id);
    await activity(id, app.members.sales.id, 'Appel', new Date(Date.now() - 89 * DAY));
    const sales = await app.as('sales');
    expect((await sales.patch(`/api/crm/contacts/${id}`, { jobTitle: 'Gérante' })).body.qualityScore).toBe(40);
    expect(await refreshExpiredQuality(new Date(Date.now() + 2 * DAY))).toBe(1);
    const after = await Contact.findById(id).lean();
    expect(after!.qualityScore).toBe(20);
    expect(after!.qualityExpiresAt).toBeNull();
  });
});

describe('solvency, board pages, tag filter', () => {
  it('records a manual solvency entry with its author and date, and clears it', async () => {
    const c = await makeContact({ firstName: 'A', lastName: 'B', status: 'lead', assignedTo: app.members.sales.id });
    const sales = await app.as('sales');
    const set = await sales.request('PUT', `/api/crm/contacts/${c._id}/solvency`, { score: 64 });
    expect(set.status).toBe(200);
    expect(set.body.solvency).toMatchObject({
      score: 64,
      source: 'manuel',
      by: { id: app.members.sales.id, name: 'sales Test' },
    });
    expect((await sales.request('PUT', `/api/crm/contacts/${c._id}/solvency`, { score: 101 })).status).toBe(422);
    expect(
      (await sales.request('PUT', `/api/crm/contacts/${c._id}/solvency`, { score: 50, source: 'coface' })).status,
    ).toBe(422);
    const cleared = await sales.request('PUT', `/api/crm/contacts/${c._id}/solvency`, { score: null });
    expect(cleared.body.solvency).toBeNull();
    const history = await sales.get(`/api/crm/contacts/${c._id}/history`);
    expect(
      history.body.items.map(
        (i: { toLabel: string | null; fromLabel: string | null }) => `${i.fromLabel}>${i.toLabel}`,
      ),
    ).toEqual(['64/100>null', 'null>64/100']);
  });

  it('pages a board column by cursor in the sort order, and filters the list and the board by tag', async () => {
    for (let i = 0; i < 5; i++)
      await makeContact({
        firstName: `P${i}`,
        lastName: `Nom${i}`,
        status: 'prospect',
        tags: i % 2 ? ['SEO'] : [],
        assignedTo: app.members.sales.id,
        searchText: `p${i}`,
      });
    const sales = await app.as('sales');
    const board = await sales.get('/api/crm/contacts/board?limit=2&sort=lastName');
    const col = board.body.columns.find((c: { status: string }) => c.status === 'prospect');
    expect(col.count).toBe(5);
    expect(col.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Nom0', 'Nom1']);
    const next = await sales.get(`/api/crm/contacts/board/prospect?limit=2&sort=lastName&cursor=${col.nextCursor}`);
    expect(next.body.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Nom2', 'Nom3']);
    const last = await sales.get(
      `/api/crm/contacts/board/prospect?limit=2&sort=lastName&cursor=${next.body.nextCursor}`,
    );
    expect(last.body).toMatchObject({ nextCursor: null, items: [expect.objectContaining({ lastName: 'Nom4' })] });
    expect((await sales.get('/api/crm/contacts/board/perdu')).status).toBe(404);
    expect((await sales.get('/api/crm/contacts/board/prospect?cursor=abc')).status).toBe(422);

    const tagged = await sales.get('/api/crm/contacts?tag=SEO');
    expect(tagged.body.total).toBe(2);
    const tagBoard = await sales.get('/api/crm/contacts/board?tag=SEO');
    expect(tagBoard.body.columns.find((c: { status: string }) => c.status === 'prospect').count).toBe(2);
    expect((await sales.get('/api/crm/contacts/tags?q=se')).body).toEqual([{ tag: 'SEO', count: 2 }]);
    expect((await sales.get('/api/crm/contacts?tag[$ne]=x')).status).toBe(422);
  });
});
