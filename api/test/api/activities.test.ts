/**
 * CRM → Activités: the permission table (design/permissions.md: admin sees the whole team, a sales rep
 * only his own, marketing and account managers nothing), validation, the calendar feed, the reminders
 * job and the notifications it leaves to the owner.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { Activity, ACTIVITY_REMINDERS_JOB, remindDueActivities } from '../../src/crm/activities/index.js';
import { Company, syncCompanies } from '../../src/crm/companies/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { jobs, startJobs, stopJobs } from '../../src/jobs/agenda.js';
import { configureMailer } from '../../src/mail/index.js';
import { Notification } from '../../src/notifications/notification.model.js';
import { OutboxMessage } from '../../src/outbox/outbox.js';
import { makeActivity, makeContact, makeDeal } from '../factories.js';
import { permissionTable, type Caller } from '../permission-table.js';
import { startTestApp, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague';

let app: TestApp;
const ids: Record<Owner, string> = { own: '', colleague: '' };
const HOUR = 3_600_000;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await Promise.all([
    Activity.deleteMany({}),
    Contact.deleteMany({}),
    Company.deleteMany({}),
    Notification.deleteMany({}),
    OutboxMessage.deleteMany({}),
  ]);
  ids.own = String((await makeActivity({ owner: app.members.sales.id, subject: 'own' }))._id);
  ids.colleague = String((await makeActivity({ owner: app.members.colleague.id, subject: 'colleague' }))._id);
});

// Status per caller; per record: [sales' own activity, a colleague's activity].
const RECORD_TABLE = {
  'GET    /:id': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'PATCH  /:id': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'POST   /:id/complete': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'POST   /:id/cancel': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'DELETE /:id': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
  'POST   /:id/restore': { admin: [200, 200], sales: [200, 404], marketing: [403, 403], account_manager: [403, 403] },
} as const;

// Collection routes: status, and which of the two activities the caller sees.
const LIST_TABLE: Record<Caller, { status: number; sees: Owner[] }> = {
  admin: { status: 200, sees: ['own', 'colleague'] },
  sales: { status: 200, sees: ['own'] },
  marketing: { status: 403, sees: [] },
  account_manager: { status: 403, sees: [] },
};
const CREATE_TABLE: Record<Caller, number> = { admin: 201, sales: 201, marketing: 403, account_manager: 403 };

const inOneDay = () => new Date(Date.now() + 24 * HOUR).toISOString();
const calendarRange = () =>
  `from=${encodeURIComponent(new Date(Date.now() - 7 * 24 * HOUR).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 7 * 24 * HOUR).toISOString())}`;

describe('activities permission table', () => {
  for (const caller of Object.keys(LIST_TABLE) as Caller[]) {
    it(`${caller}: GET / lists exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/activities?pageSize=100');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) {
        expect((res.body.items as { subject: string }[]).map((i) => i.subject).sort()).toEqual(
          [...LIST_TABLE[caller].sees].sort(),
        );
        expect(res.body.total).toBe(LIST_TABLE[caller].sees.length);
      }
    });

    it(`${caller}: GET /calendar lists exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get(`/api/crm/activities/calendar?${calendarRange()}`);
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) {
        expect((res.body.items as { subject: string }[]).map((i) => i.subject).sort()).toEqual(
          [...LIST_TABLE[caller].sees].sort(),
        );
      }
    });

    it(`${caller}: POST / creates`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.post('/api/crm/activities', { type: 'meeting', subject: 'Rendez-vous', dueAt: inOneDay() });
      expect(res.status).toBe(CREATE_TABLE[caller]);
      if (res.status === 201) expect(res.body.owner.id).toBe(app.members[caller as MemberKey].id);
    });
  }

  permissionTable<Owner>({
    app: () => app,
    base: '/api/crm/activities',
    noun: 'activity',
    owners: {
      own: (app) => makeActivity({ owner: app.members.sales.id, subject: 'own' }),
      colleague: (app) => makeActivity({ owner: app.members.colleague.id, subject: 'colleague' }),
    },
    table: RECORD_TABLE,
    prepare: async (id, { path }) => {
      if (path.endsWith('restore')) await Activity.updateOne({ _id: id }, { $set: { deletedAt: new Date() } });
    },
    body: (method) => (method === 'PATCH' ? { notes: 'Compte rendu' } : undefined),
    // A refused request changes nothing.
    check: async (res, { id, path }) => {
      if (res.status < 400) return;
      const after = await Activity.findById(id).lean();
      expect(after!.status).toBe('planned');
      expect(after!.notes).toBeUndefined();
      expect(Boolean(after!.deletedAt)).toBe(path.endsWith('restore'));
    },
  });

  it('a sales rep cannot create an activity for a colleague, nor hand his own over', async () => {
    const c = await app.as('sales');
    const created = await c.post('/api/crm/activities', {
      type: 'call',
      subject: 'Pour un collègue',
      dueAt: inOneDay(),
      owner: app.members.colleague.id,
    });
    expect(created.status).toBe(403);
    expect(await Activity.countDocuments({ subject: 'Pour un collègue' })).toBe(0);
    const moved = await c.patch(`/api/crm/activities/${ids.own}`, { owner: app.members.colleague.id });
    expect(moved.status).toBe(403);
    // Naming himself is fine.
    const mine = await c.post('/api/crm/activities', {
      type: 'call',
      subject: 'À moi',
      dueAt: inOneDay(),
      owner: app.members.sales.id,
    });
    expect(mine.status).toBe(201);
  });

  it('an admin creates an activity for a sales rep and changes its owner (audited), but not to a marketing member', async () => {
    const admin = await app.as('admin');
    const res = await admin.post('/api/crm/activities', {
      type: 'video',
      subject: 'Démo produit',
      dueAt: inOneDay(),
      owner: app.members.sales.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.owner.id).toBe(app.members.sales.id);
    const sales = await app.as('sales');
    expect((await sales.get(`/api/crm/activities/${res.body.id}`)).status).toBe(200);

    const moved = await admin.patch(`/api/crm/activities/${res.body.id}`, { owner: app.members.colleague.id });
    expect(moved.status).toBe(200);
    expect(moved.body.owner.id).toBe(app.members.colleague.id);
    expect((await sales.get(`/api/crm/activities/${res.body.id}`)).status).toBe(404);
    const entry = await AuditLog.findOne({ action: 'activity.owner_change', subjectId: res.body.id }).lean();
    expect(entry?.details).toEqual({ from: app.members.sales.id, to: app.members.colleague.id });

    const refused = await admin.patch(`/api/crm/activities/${res.body.id}`, { owner: app.members.marketing.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('owner');
  });

  it('a deleted activity disappears from list and calendar, and can be restored (undo)', async () => {
    const sales = await app.as('sales');
    const del = await sales.delete(`/api/crm/activities/${ids.own}`);
    expect(del.status).toBe(200);
    expect(del.body.undo).toBe(`/api/crm/activities/${ids.own}/restore`);
    expect((await sales.get(`/api/crm/activities/${ids.own}`)).status).toBe(404);
    expect((await sales.get('/api/crm/activities')).body.total).toBe(0);
    expect((await sales.get(`/api/crm/activities/calendar?${calendarRange()}`)).body.items).toEqual([]);
    expect(await AuditLog.countDocuments({ action: 'activity.delete', subjectId: ids.own })).toBe(1);
    const restored = await sales.post(`/api/crm/activities/${ids.own}/restore`);
    expect(restored.status).toBe(200);
    expect((await sales.get('/api/crm/activities')).body.total).toBe(1);
    // Restoring what is not deleted is not found.
    expect((await sales.post(`/api/crm/activities/${ids.own}/restore`)).status).toBe(404);
  });

  it('a malformed id answers 404, not 500', async () => {
    const admin = await app.as('admin');
    expect((await admin.get('/api/crm/activities/not-an-id')).status).toBe(404);
  });
});

describe('activities: creation, validation, shortcuts', () => {
  it('creates an activity linked to a contact the rep may read, with the contact name kept', async () => {
    const contact = await makeContact({
      firstName: 'Élodie',
      lastName: 'Marchand',
      companyName: 'Boulangerie Marchand',
      status: 'prospect',
      assignedTo: app.members.sales.id,
    });
    const sales = await app.as('sales');
    const res = await sales.post('/api/crm/activities', {
      type: 'meeting',
      subject: '  Présentation de la refonte  ',
      priority: 'high',
      dueAt: '2026-10-14T10:30:00+02:00',
      durationMinutes: 45,
      notes: 'Apporter les maquettes',
      contactId: String(contact._id),
      reminderMinutes: 30,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'meeting',
      subject: 'Présentation de la refonte',
      priority: 'high',
      status: 'planned',
      dueAt: '2026-10-14T08:30:00.000Z',
      durationMinutes: 45,
      notes: 'Apporter les maquettes',
      contact: { id: String(contact._id), name: 'Élodie Marchand' },
      company: null,
      reminderMinutes: 30,
      source: 'manual',
    });
    const stored = await Activity.findById(res.body.id).lean();
    expect(stored!.remindAt!.toISOString()).toBe('2026-10-14T08:00:00.000Z');
    expect(stored!.companyName).toBe('Boulangerie Marchand');
    // The contact's history reads activities by contactId.
    const history = await sales.get(`/api/crm/activities?contactId=${String(contact._id)}`);
    expect(history.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
  });

  it("links a deal the rep may read: its name is kept and its contact comes along; not a colleague's deal", async () => {
    const contact = await makeContact({
      firstName: 'Paul',
      lastName: 'Garnier',
      status: 'client',
      assignedTo: app.members.sales.id,
    });
    const dealOf = (owner: string, title: string) =>
      makeDeal({
        title,
        contactId: contact._id,
        contactName: 'Paul Garnier',
        amount: 5000,
        stage: 'proposal',
        probability: 50,
        weightedAmount: 2500,
        expectedCloseDate: new Date('2026-12-01T00:00:00Z'),
        issuingCompany: 'digiflow',
        owner,
        stageChangedAt: new Date(),
      });
    const mine = await dealOf(app.members.sales.id, 'Refonte site vitrine');
    const theirs = await dealOf(app.members.colleague.id, 'Campagne Google Ads');
    const sales = await app.as('sales');
    const res = await sales.post('/api/crm/activities', {
      type: 'email',
      subject: 'Envoi du devis',
      dueAt: inOneDay(),
      dealId: String(mine._id),
    });
    expect(res.status).toBe(201);
    expect(res.body.deal).toEqual({ id: String(mine._id), name: 'Refonte site vitrine' });
    expect(res.body.contact).toEqual({ id: String(contact._id), name: 'Paul Garnier' });
    expect((await sales.get(`/api/crm/activities?dealId=${String(mine._id)}`)).body.total).toBe(1);
    const refused = await sales.post('/api/crm/activities', {
      type: 'email',
      subject: 'x',
      dueAt: inOneDay(),
      dealId: String(theirs._id),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('dealId');
    const unlinked = await sales.patch(`/api/crm/activities/${res.body.id}`, { dealId: null });
    expect(unlinked.body.deal).toBeNull();
    expect(unlinked.body.contact).toEqual({ id: String(contact._id), name: 'Paul Garnier' });
  });

  it("takes the contact's company, or a company the rep may read; not a colleague's company", async () => {
    const mine = await makeContact({
      firstName: 'Inès',
      lastName: 'Roux',
      companyName: 'Atelier Roux',
      postalCode: '69003',
      status: 'client',
      assignedTo: app.members.sales.id,
    });
    await makeContact({
      firstName: 'Marc',
      lastName: 'Petit',
      companyName: 'Petit Transports',
      postalCode: '13001',
      status: 'lead',
      assignedTo: app.members.colleague.id,
    });
    await syncCompanies({});
    const myCompany = await Company.findOne({ name: 'Atelier Roux' }).lean();
    const theirCompany = await Company.findOne({ name: 'Petit Transports' }).lean();
    const sales = await app.as('sales');
    const viaContact = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'x',
      dueAt: inOneDay(),
      contactId: String(mine._id),
    });
    expect(viaContact.body.company).toEqual({ id: String(myCompany!._id), name: 'Atelier Roux' });
    const direct = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'y',
      dueAt: inOneDay(),
      companyId: String(myCompany!._id),
    });
    expect(direct.status).toBe(201);
    expect(direct.body).toMatchObject({ company: { id: String(myCompany!._id), name: 'Atelier Roux' }, contact: null });
    const refused = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'z',
      dueAt: inOneDay(),
      companyId: String(theirCompany!._id),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('companyId');
    const cleared = await sales.patch(`/api/crm/activities/${viaContact.body.id}`, { contactId: null });
    expect(cleared.body).toMatchObject({ contact: null, company: null });
  });

  it('refuses invalid input with French messages per field', async () => {
    const sales = await app.as('sales');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ type: 'call', dueAt: inOneDay() }, 'subject', /objet est obligatoire/],
      [{ type: 'call', subject: '   ', dueAt: inOneDay() }, 'subject', /objet est obligatoire/],
      [{ type: 'fax', subject: 'x', dueAt: inOneDay() }, 'type', /Type inconnu/],
      [{ type: 'call', subject: 'x' }, 'dueAt', /échéance est obligatoire/],
      [{ type: 'call', subject: 'x', dueAt: '14/10/2026 10:30' }, 'dueAt', /Date et heure invalides/],
      [{ type: 'call', subject: 'x', dueAt: '2026-10-14T10:30:00' }, 'dueAt', /Date et heure invalides/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), priority: 'urgent' }, 'priority', /Priorité inconnue/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), status: 'done' }, 'status', /Statut inconnu/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), durationMinutes: -5 }, 'durationMinutes', /négative/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), durationMinutes: 2000 }, 'durationMinutes', /24 heures/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), reminderMinutes: 99999 }, 'reminderMinutes', /une semaine/],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), contactId: { $gt: '' } }, 'contactId', /./],
      [{ type: 'call', subject: 'x', dueAt: inOneDay(), source: 'aircall' }, '', /non autorisé/],
    ];
    for (const [body, path, message] of cases) {
      const res = await sales.post('/api/crm/activities', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const error = (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
      expect(error?.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await Activity.countDocuments({})).toBe(2);
  });

  it("refuses a contact the rep may not read (a colleague's)", async () => {
    const theirs = await makeContact({
      firstName: 'A',
      lastName: 'B',
      status: 'lead',
      assignedTo: app.members.colleague.id,
    });
    const sales = await app.as('sales');
    const res = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'x',
      dueAt: inOneDay(),
      contactId: String(theirs._id),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('contactId');
    const patch = await sales.patch(`/api/crm/activities/${ids.own}`, { contactId: String(theirs._id) });
    expect(patch.status).toBe(422);
  });

  it('refuses malformed list queries', async () => {
    const sales = await app.as('sales');
    for (const query of [
      'status[$ne]=x',
      'type=fax',
      'sort=subject',
      'pageSize=500',
      'owner=me',
      `from=${inOneDay()}&to=2020-01-01T00:00:00Z`,
    ]) {
      expect((await sales.get(`/api/crm/activities?${query}`)).status, query).toBe(422);
    }
  });

  it('complete and cancel set the status; editing clears or replaces fields', async () => {
    const sales = await app.as('sales');
    const done = await sales.post(`/api/crm/activities/${ids.own}/complete`);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedAt).toBeDefined();
    const cancelled = await sales.post(`/api/crm/activities/${ids.own}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.completedAt).toBeUndefined();
    expect((await sales.post(`/api/crm/activities/${ids.own}/complete`, { status: 'x' })).status).toBe(422);

    const edited = await sales.patch(`/api/crm/activities/${ids.own}`, {
      subject: 'Relance devis',
      notes: 'À rappeler',
      durationMinutes: 20,
      reminderMinutes: 15,
    });
    expect(edited.body).toMatchObject({
      subject: 'Relance devis',
      notes: 'À rappeler',
      durationMinutes: 20,
      reminderMinutes: 15,
    });
    const cleared = await sales.patch(`/api/crm/activities/${ids.own}`, {
      notes: '',
      durationMinutes: null,
      reminderMinutes: null,
    });
    expect(cleared.body.notes).toBeUndefined();
    expect(cleared.body.durationMinutes).toBeUndefined();
    expect(cleared.body.reminderMinutes).toBeUndefined();
    expect((await Activity.findById(ids.own).lean())!.remindAt).toBeNull();
  });
});

describe('activities: list filters and calendar feed', () => {
  beforeEach(async () => {
    await Activity.deleteMany({});
    const sales = app.members.sales.id;
    const day = (iso: string) => new Date(iso);
    await makeActivity({ owner: sales,
      subject: 'Appel découverte',
      type: 'call',
      status: 'completed',
      dueAt: day('2026-03-02T08:00:00Z'),
    });
    await makeActivity({ owner: sales,
      subject: 'Réunion chantier',
      type: 'meeting',
      priority: 'high',
      dueAt: day('2026-03-15T13:00:00Z'),
    });
    await makeActivity({ owner: sales,
      subject: 'Email de relance',
      type: 'email',
      notes: 'Devis signé bientôt',
      dueAt: day('2026-03-31T21:30:00Z'),
    });
    await makeActivity({ owner: sales, subject: 'Visio avril', type: 'video', dueAt: day('2026-04-10T09:00:00Z') });
    await makeActivity({ owner: app.members.colleague.id, subject: 'Chez le collègue', dueAt: day('2026-03-10T09:00:00Z') });
    for (const a of await Activity.find({})) {
      a.searchText = `${a.subject} ${a.notes ?? ''}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      await a.save();
    }
  });

  const subjects = (res: { body: { items: { subject: string }[] } }) => res.body.items.map((i) => i.subject);

  it('filters by type, status, priority, date range and text; sorts by due date', async () => {
    const sales = await app.as('sales');
    expect(subjects(await sales.get('/api/crm/activities?sort=dueAt'))).toEqual([
      'Appel découverte',
      'Réunion chantier',
      'Email de relance',
      'Visio avril',
    ]);
    expect(subjects(await sales.get('/api/crm/activities'))[0]).toBe('Visio avril');
    expect(subjects(await sales.get('/api/crm/activities?type=meeting'))).toEqual(['Réunion chantier']);
    expect(subjects(await sales.get('/api/crm/activities?status=completed'))).toEqual(['Appel découverte']);
    expect(subjects(await sales.get('/api/crm/activities?priority=high'))).toEqual(['Réunion chantier']);
    expect(subjects(await sales.get('/api/crm/activities?q=DEVIS%20SIGNE'))).toEqual(['Email de relance']);
    expect(subjects(await sales.get('/api/crm/activities?q=reunion'))).toEqual(['Réunion chantier']);
    const march = await sales.get(
      '/api/crm/activities?sort=dueAt&from=2026-03-01T00:00:00%2B01:00&to=2026-04-01T00:00:00%2B02:00',
    );
    expect(subjects(march)).toEqual(['Appel découverte', 'Réunion chantier', 'Email de relance']);
    const paged = await sales.get('/api/crm/activities?sort=dueAt&pageSize=2&page=2');
    expect(subjects(paged)).toEqual(['Email de relance', 'Visio avril']);
    expect(paged.body.total).toBe(4);
    // A sales rep filtering on a colleague still sees only his own scope.
    expect((await sales.get(`/api/crm/activities?owner=${app.members.colleague.id}`)).body.total).toBe(0);
    const admin = await app.as('admin');
    expect(subjects(await admin.get(`/api/crm/activities?owner=${app.members.colleague.id}`))).toEqual([
      'Chez le collègue',
    ]);
  });

  it('the calendar returns the activities of the range ([from, to), Paris month), light payload, sorted', async () => {
    const sales = await app.as('sales');
    // March 2026 in Paris: from 1 March 00:00 (+01:00) to 1 April 00:00 (+02:00, summer time).
    const res = await sales.get(
      '/api/crm/activities/calendar?from=2026-03-01T00:00:00%2B01:00&to=2026-04-01T00:00:00%2B02:00',
    );
    expect(res.status).toBe(200);
    // 31 March 21:30 UTC is 23:30 in Paris: still March.
    expect(subjects(res)).toEqual(['Appel découverte', 'Réunion chantier', 'Email de relance']);
    expect(res.body.truncated).toBe(false);
    expect(Object.keys(res.body.items[0]).sort()).toEqual([
      'dueAt',
      'id',
      'ownerId',
      'priority',
      'status',
      'subject',
      'type',
    ]);
    expect(res.body.items[0].ownerId).toBe(app.members.sales.id);
    const meetings = await sales.get(
      '/api/crm/activities/calendar?from=2026-03-01T00:00:00Z&to=2026-04-30T00:00:00Z&type=meeting',
    );
    expect(subjects(meetings)).toEqual(['Réunion chantier']);
    // The upper bound is exclusive.
    const exact = await sales.get('/api/crm/activities/calendar?from=2026-03-02T08:00:00Z&to=2026-03-15T13:00:00Z');
    expect(subjects(exact)).toEqual(['Appel découverte']);
  });

  it('the calendar refuses a missing, inverted or too long range', async () => {
    const sales = await app.as('sales');
    for (const query of [
      '',
      'from=2026-03-01T00:00:00Z',
      'from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z',
      'from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z',
      'from=hier&to=demain',
    ]) {
      const res = await sales.get(`/api/crm/activities/calendar?${query}`);
      expect(res.status, query).toBe(422);
    }
    const tooLong = await sales.get('/api/crm/activities/calendar?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z');
    expect(tooLong.body.errors[0].message).toMatch(/62 jours/);
  });
});

describe('activities: reminders job and notifications', () => {
  /** Runs the reminders with the mailer in demo mode or not (no SMTP server is configured here). */
  function remind(demoMode: boolean, now?: Date) {
    configureMailer({ ...app.config, DEMO_MODE: demoMode });
    return remindDueActivities({ now });
  }

  async function dueWithReminder(owner: string, fields: Record<string, unknown> = {}) {
    const dueAt = (fields.dueAt as Date | undefined) ?? new Date(Date.now() - HOUR);
    const reminderMinutes = (fields.reminderMinutes as number | undefined) ?? 15;
    return makeActivity({
      owner,
      subject: 'Rappeler Mme Garnier',
      contactName: 'Louise Garnier',
      reminderMinutes,
      remindAt: new Date(dueAt.getTime() - reminderMinutes * 60_000),
      ...fields,
      dueAt,
    });
  }

  it('reminds the owner once: one notification and, in demo mode, one e-mail in the outbox', async () => {
    const sales = await app.as('sales');
    // Created through the API: the reminder time is computed from the due date.
    const created = await sales.post('/api/crm/activities', {
      type: 'call',
      subject: 'Rappeler Mme Garnier',
      dueAt: new Date(Date.now() - HOUR).toISOString(),
      reminderMinutes: 15,
    });
    expect(created.status).toBe(201);
    expect(await remind(true)).toBe(1);
    expect(await remind(true)).toBe(0);
    const notifications = await Notification.find({}).lean();
    expect(notifications).toHaveLength(1);
    expect(String(notifications[0]!.userId)).toBe(app.members.sales.id);
    expect(notifications[0]!.title).toBe('Rappel : Appel — Rappeler Mme Garnier');
    expect(notifications[0]!.link).toBe(`/crm/activites?activite=${created.body.id}`);
    const mails = await OutboxMessage.find({}).lean();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'email', provider: 'demo', to: [app.members.sales.email] });
    expect(mails[0]!.body).toContain(`/crm/activites?activite=${created.body.id}`);
    expect(mails[0]!.subject).toBe('Rappel : Appel — Rappeler Mme Garnier');
    expect(mails[0]!.meta).toMatchObject({ kind: 'activity_reminder', activityId: created.body.id });
    expect(mails[0]!.meta.html).toContain('Rappeler Mme Garnier');
    const stored = await Activity.findById(created.body.id).lean();
    expect(stored!.remindedAt).toBeInstanceOf(Date);
    expect((await sales.get(`/api/crm/activities/${created.body.id}`)).body.remindedAt).toBeDefined();
  });

  it('a member who turned reminder e-mails off gets the notification only', async () => {
    const sales = await app.as('sales');
    expect((await sales.put('/api/me/preferences', { reminderEmail: false })).status).toBe(200);
    await dueWithReminder(app.members.sales.id);
    expect(await remind(true)).toBe(1);
    expect(await Notification.countDocuments({ userId: app.members.sales.id })).toBe(1);
    expect(await OutboxMessage.countDocuments({})).toBe(0);
    expect((await sales.put('/api/me/preferences', { reminderEmail: true })).status).toBe(200);
  });

  it('two runs at once (two API instances) still remind once', async () => {
    await dueWithReminder(app.members.sales.id);
    const counts = await Promise.all([remind(true), remind(true)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await Notification.countDocuments({})).toBe(1);
    expect(await OutboxMessage.countDocuments({})).toBe(1);
  });

  it('skips reminders not due yet, activities no longer planned, deleted ones; no e-mail outside demo mode without SMTP', async () => {
    await dueWithReminder(app.members.sales.id, { dueAt: new Date(Date.now() + 2 * HOUR), reminderMinutes: 30 });
    await dueWithReminder(app.members.sales.id, { status: 'completed' });
    await dueWithReminder(app.members.sales.id, { status: 'cancelled' });
    await dueWithReminder(app.members.sales.id, { deletedAt: new Date() });
    await dueWithReminder(app.members.sales.id, { remindedAt: new Date(Date.now() - 2 * HOUR) });
    expect(await remind(false)).toBe(0);
    await dueWithReminder(app.members.colleague.id);
    expect(await remind(false)).toBe(1);
    expect(await Notification.countDocuments({ userId: app.members.colleague.id })).toBe(1);
    expect(await OutboxMessage.countDocuments({})).toBe(0);
  });

  it('rescheduling an activity that was reminded reminds again', async () => {
    const sales = await app.as('sales');
    const a = await dueWithReminder(app.members.sales.id);
    expect(await remind(false)).toBe(1);
    const later = new Date(Date.now() + 3 * HOUR).toISOString();
    const res = await sales.patch(`/api/crm/activities/${String(a._id)}`, { dueAt: later });
    expect(res.body.remindedAt).toBeUndefined();
    expect(await remind(false, new Date(Date.now() + 3 * HOUR))).toBe(1);
    expect(await Notification.countDocuments({})).toBe(2);
  });

  it('the job is scheduled every minute with Agenda and runs the reminders', async () => {
    await dueWithReminder(app.members.sales.id);
    await startJobs();
    try {
      const scheduled = await Activity.db.collection('agenda_jobs').findOne({ name: ACTIVITY_REMINDERS_JOB });
      expect(scheduled?.repeatInterval).toBe('1 minute');
      await jobs().now(ACTIVITY_REMINDERS_JOB);
      await expect.poll(() => Notification.countDocuments({}), { timeout: 15_000, interval: 250 }).toBe(1);
    } finally {
      await stopJobs();
    }
  });

  it('notifications are their owner’s only: list with unread count, mark as read', async () => {
    await dueWithReminder(app.members.sales.id);
    await dueWithReminder(app.members.sales.id, { subject: 'Deuxième' });
    await dueWithReminder(app.members.colleague.id);
    await remind(false);

    const sales = await app.as('sales');
    const mine = await sales.get('/api/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.unread).toBe(2);
    const colleague = await app.as('colleague');
    const theirs = await colleague.get('/api/notifications');
    expect(theirs.body.total).toBe(1);
    const marketing = await app.as('marketing');
    expect((await marketing.get('/api/notifications')).body).toMatchObject({ total: 0, unread: 0, items: [] });

    // Someone else's notification cannot be read, nor marked.
    const target = mine.body.items[0].id as string;
    expect((await colleague.post(`/api/notifications/${target}/read`)).status).toBe(404);
    expect((await Notification.findById(target).lean())!.readAt).toBeNull();

    const read = await sales.post(`/api/notifications/${target}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await sales.get('/api/notifications?unread=true');
    expect(after.body).toMatchObject({ total: 1, unread: 1 });
    expect(after.body.items[0].id).not.toBe(target);
    const paged = await sales.get('/api/notifications?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 2, unread: 1, page: 2, pageSize: 1 });
    expect(paged.body.items).toHaveLength(1);

    expect((await sales.post('/api/notifications/read-all')).body.updated).toBe(1);
    expect((await sales.get('/api/notifications')).body.unread).toBe(0);
    expect((await colleague.get('/api/notifications')).body.unread).toBe(1);
    expect((await sales.get('/api/notifications?unread=yes')).status).toBe(422);
    expect((await app.client().get('/api/notifications')).status).toBe(401);
  });
});
