/**
 * The permission table of the contacts routes (design/permissions.md): every role, and for sales
 * the record of the caller, of a colleague, and an unassigned one. Expected statuses are written in
 * the table so the whole matrix reads at a glance.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Contact } from '../../src/crm/contacts/index.js';
import { makeContact } from '../factories.js';
import { permissionTable, type Caller } from '../permission-table.js';
import { startTestApp, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague' | 'unassigned';

let app: TestApp;
const ids: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await Contact.deleteMany({});
  const owners: Record<Owner, string | null> = {
    own: app.members.sales.id,
    colleague: app.members.colleague.id,
    unassigned: null,
  };
  for (const [key, assignedTo] of Object.entries(owners) as [Owner, string | null][]) {
    const c = await makeContact({ firstName: key, lastName: 'Perm', assignedTo });
    ids[key] = String(c._id);
  }
});

// Status per caller; for record routes, per record: [own (sales' own), colleague's, unassigned].
const RECORD_TABLE = {
  'GET    /:id': { admin: [200, 200, 200], sales: [200, 404, 200], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
  'PATCH  /:id': { admin: [200, 200, 200], sales: [200, 404, 404], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
  'POST   /:id/assign': { admin: [200, 200, 200], sales: [403, 403, 403], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
  'DELETE /:id': { admin: [200, 200, 200], sales: [403, 403, 403], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
  'GET    /:id/rgpd': { admin: [200, 200, 200], sales: [200, 404, 404], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
  'POST   /:id/erase': { admin: [200, 200, 200], sales: [403, 403, 403], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
} as const;

// Collection routes: status, and for the list which of the three records the caller sees.
const LIST_TABLE: Record<Caller, { status: number; sees: Owner[] }> = {
  admin: { status: 200, sees: ['own', 'colleague', 'unassigned'] },
  sales: { status: 200, sees: ['own', 'unassigned'] },
  marketing: { status: 403, sees: [] },
  account_manager: { status: 403, sees: [] },
};
const CREATE_TABLE: Record<Caller, number> = { admin: 201, sales: 201, marketing: 403, account_manager: 403 };

describe('contacts permission table', () => {
  permissionTable<Owner>({
    app: () => app,
    base: '/api/crm/contacts',
    owners: {
      own: (app) => makeContact({ firstName: 'own', lastName: 'Perm', assignedTo: app.members.sales.id }),
      colleague: (app) => makeContact({ firstName: 'colleague', lastName: 'Perm', assignedTo: app.members.colleague.id }),
      unassigned: () => makeContact({ firstName: 'unassigned', lastName: 'Perm' }),
    },
    table: RECORD_TABLE,
    body: (method, path, app) =>
      method === 'PATCH' ? { jobTitle: 'Directeur' } : path.endsWith('assign') ? { assignedTo: app.members.sales.id } : undefined,
  });

  for (const caller of Object.keys(LIST_TABLE) as Caller[]) {
    it(`${caller}: GET / lists exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/contacts?pageSize=100');
      expect(res.status).toBe(LIST_TABLE[caller].status);
      if (res.status === 200) {
        const seen = (res.body.items as { firstName: string }[]).map((i) => i.firstName).sort();
        expect(seen).toEqual([...LIST_TABLE[caller].sees].sort());
        expect(res.body.total).toBe(LIST_TABLE[caller].sees.length);
      }
    });

    it(`${caller}: POST / creates`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.post('/api/crm/contacts', { firstName: 'Nouveau', lastName: 'Contact', status: 'lead' });
      expect(res.status).toBe(CREATE_TABLE[caller]);
      if (res.status === 201 && caller === 'sales') expect(res.body.assignedTo.id).toBe(app.members.sales.id);
    });
  }

  it('a sales rep cannot assign a contact to a colleague when creating it', async () => {
    const c = await app.as('sales');
    const res = await c.post('/api/crm/contacts', {
      firstName: 'A',
      lastName: 'B',
      status: 'lead',
      assignedTo: app.members.colleague.id,
    });
    expect(res.status).toBe(403);
    expect(await Contact.countDocuments({ firstName: 'A' })).toBe(0);
  });

  it('a deleted contact disappears and can be restored (undo)', async () => {
    const admin = await app.as('admin');
    expect((await admin.delete(`/api/crm/contacts/${ids.own}`)).status).toBe(200);
    expect((await admin.get(`/api/crm/contacts/${ids.own}`)).status).toBe(404);
    const restored = await admin.post(`/api/crm/contacts/${ids.own}/restore`);
    expect(restored.status).toBe(200);
    expect((await admin.get(`/api/crm/contacts/${ids.own}`)).status).toBe(200);
  });

  it('RGPD: export gives the person\'s data and history; erasure removes it for good and wipes audit details', async () => {
    const admin = await app.as('admin');
    await admin.post(`/api/crm/contacts/${ids.own}/assign`, { assignedTo: app.members.colleague.id });
    const exported = await admin.get(`/api/crm/contacts/${ids.own}/rgpd`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('donnees-personnelles-own-Perm.json');
    expect(exported.body.contact.firstName).toBe('own');
    expect(exported.body.history.map((h: { action: string }) => h.action)).toContain('contact.assign');
    expect((await admin.post(`/api/crm/contacts/${ids.own}/erase`)).status).toBe(200);
    expect(await Contact.countDocuments({ _id: ids.own })).toBe(0);
    expect((await admin.post(`/api/crm/contacts/${ids.own}/restore`)).status).toBe(404);
    const { AuditLog } = await import('../../src/audit/audit.js');
    const left = await AuditLog.find({ subjectId: ids.own }).lean();
    expect(left.map((l) => l.action)).toEqual(expect.arrayContaining(['contact.assign', 'contact.rgpd_export', 'contact.erase']));
    expect(left.every((l) => l.details === undefined || l.details === null)).toBe(true);
  });

  it('a malformed id answers 404, not 500', async () => {
    const admin = await app.as('admin');
    expect((await admin.get('/api/crm/contacts/not-an-id')).status).toBe(404);
  });
});
