/**
 * The permission table of the contacts' kanban, tags, bulk actions, history, enrichment, solvency and
 * saved filters (design/permissions.md): every role, and for sales the record of the caller, of a
 * colleague, and an unassigned one. Expected statuses are written in the tables. Demo mode, so that the
 * enrichment answers from the demo data set without a Pappers key.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Contact, SavedFilter } from '../../src/crm/contacts/index.js';
import { makeContact } from '../factories.js';
import { CALLERS, permissionTable, type Caller } from '../permission-table.js';
import { startTestApp, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague' | 'unassigned';
const OWNERS: Owner[] = ['own', 'colleague', 'unassigned'];
/** A SIRET with a valid check digit. */
const SIRET = '73282932000074';

let app: TestApp;
const ids: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };

beforeAll(async () => {
  app = await startTestApp({ DEMO_MODE: 'true' });
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await Promise.all([Contact.deleteMany({}), SavedFilter.deleteMany({})]);
  const owners: Record<Owner, string | null> = {
    own: app.members.sales.id,
    colleague: app.members.colleague.id,
    unassigned: null,
  };
  for (const [key, assignedTo] of Object.entries(owners) as [Owner, string | null][]) {
    ids[key] = String((await recordOf(key, assignedTo))._id);
  }
});

// Status per caller; per record: [sales' own, a colleague's, unassigned].
const RECORD_TABLE = {
  'GET    /:id/history': {
    admin: [200, 200, 200],
    sales: [200, 404, 200],
    marketing: [403, 403, 403],
    account_manager: [403, 403, 403],
  },
  'POST   /:id/enrich': {
    admin: [200, 200, 200],
    sales: [200, 404, 404],
    marketing: [403, 403, 403],
    account_manager: [403, 403, 403],
  },
  'PUT    /:id/solvency': {
    admin: [200, 200, 200],
    sales: [200, 404, 404],
    marketing: [403, 403, 403],
    account_manager: [403, 403, 403],
  },
} as const;

/** Collection routes: status, and which of the three records the caller reaches. */
const BOARD_TABLE: Record<Caller, { status: number; sees: Owner[] }> = {
  admin: { status: 200, sees: ['own', 'colleague', 'unassigned'] },
  sales: { status: 200, sees: ['own', 'unassigned'] },
  marketing: { status: 403, sees: [] },
  account_manager: { status: 403, sees: [] },
};

/** Bulk action on the three records: status, and which ones change (the scope is in the query). */
const BULK_TABLE: Record<string, Record<Caller, { status: number; changes: Owner[] }>> = {
  status: {
    admin: { status: 200, changes: ['own', 'colleague', 'unassigned'] },
    sales: { status: 200, changes: ['own'] },
    marketing: { status: 403, changes: [] },
    account_manager: { status: 403, changes: [] },
  },
  addTag: {
    admin: { status: 200, changes: ['own', 'colleague', 'unassigned'] },
    sales: { status: 200, changes: ['own'] },
    marketing: { status: 403, changes: [] },
    account_manager: { status: 403, changes: [] },
  },
  assign: {
    admin: { status: 200, changes: ['own', 'unassigned'] },
    sales: { status: 403, changes: [] },
    marketing: { status: 403, changes: [] },
    account_manager: { status: 403, changes: [] },
  },
  delete: {
    admin: { status: 200, changes: ['own', 'colleague', 'unassigned'] },
    sales: { status: 403, changes: [] },
    marketing: { status: 403, changes: [] },
    account_manager: { status: 403, changes: [] },
  },
};

const SAVED_FILTERS_TABLE: Record<Caller, { list: number; create: number }> = {
  admin: { list: 200, create: 201 },
  sales: { list: 200, create: 201 },
  marketing: { list: 403, create: 403 },
  account_manager: { list: 403, create: 403 },
};

const bodyFor = (route: string) =>
  route.includes('solvency') ? { score: 72 } : route.startsWith('GET') ? undefined : {};

/** A contact of `owner` as the beforeEach makes them (with a SIRET: the enrichment needs one). */
const recordOf = (key: Owner, assignedTo: string | null) =>
  makeContact({ firstName: key, lastName: 'Perm', siret: SIRET, tags: [`tag-${key}`], assignedTo, searchText: `${key} perm` });

describe('contact tools permission table', () => {
  permissionTable<Owner>({
    app: () => app,
    base: '/api/crm/contacts',
    owners: {
      own: (app) => recordOf('own', app.members.sales.id),
      colleague: (app) => recordOf('colleague', app.members.colleague.id),
      unassigned: () => recordOf('unassigned', null),
    },
    table: RECORD_TABLE,
    body: (method, path) => bodyFor(`${method} ${path}`),
  });

  for (const caller of CALLERS) {
    it(`${caller}: GET /board counts and shows exactly its scope`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/contacts/board');
      expect(res.status).toBe(BOARD_TABLE[caller].status);
      if (res.status !== 200) return;
      const lead = res.body.columns.find((col: { status: string }) => col.status === 'lead');
      expect(lead.count).toBe(BOARD_TABLE[caller].sees.length);
      expect(lead.items.map((i: { firstName: string }) => i.firstName).sort()).toEqual(
        [...BOARD_TABLE[caller].sees].sort(),
      );
      const more = await c.get('/api/crm/contacts/board/lead?limit=1');
      expect(more.status).toBe(200);
      expect(more.body.items).toHaveLength(1);
    });

    it(`${caller}: GET /tags suggests the tags of its scope only`, async () => {
      const c = await app.as(caller as MemberKey);
      const res = await c.get('/api/crm/contacts/tags');
      expect(res.status).toBe(BOARD_TABLE[caller].status);
      if (res.status === 200)
        expect(res.body.map((t: { tag: string }) => t.tag).sort()).toEqual(
          BOARD_TABLE[caller].sees.map((o) => `tag-${o}`).sort(),
        );
    });

    for (const [action, table] of Object.entries(BULK_TABLE)) {
      it(`${caller}: POST /bulk ${action} on the three records changes ${table[caller].changes.join(', ') || 'nothing'}`, async () => {
        const c = await app.as(caller as MemberKey);
        const extra =
          action === 'status'
            ? { status: 'client' }
            : action === 'addTag'
              ? { tag: 'VIP' }
              : action === 'assign'
                ? { assignedTo: app.members.colleague.id }
                : {};
        const res = await c.post('/api/crm/contacts/bulk', { action, ids: OWNERS.map((o) => ids[o]), ...extra });
        expect(res.status).toBe(table[caller].status);
        const changed: Owner[] = [];
        for (const owner of OWNERS) {
          const doc = await Contact.findById(ids[owner]).lean();
          const isChanged =
            action === 'status'
              ? doc!.status === 'client'
              : action === 'addTag'
                ? doc!.tags.includes('VIP')
                : action === 'assign'
                  ? owner !== 'colleague' && String(doc!.assignedTo) === app.members.colleague.id
                  : doc!.deletedAt !== null;
          if (isChanged) changed.push(owner);
        }
        expect(changed).toEqual(table[caller].changes);
        if (res.status === 200) {
          expect(res.body.done).toBe(table[caller].changes.length);
          expect(res.body.skipped).toBe(3 - table[caller].changes.length);
        }
      });
    }

    it(`${caller}: saved filters → list ${SAVED_FILTERS_TABLE[caller].list}, create ${SAVED_FILTERS_TABLE[caller].create}`, async () => {
      const c = await app.as(caller as MemberKey);
      expect((await c.get('/api/crm/saved-filters?screen=contacts')).status).toBe(SAVED_FILTERS_TABLE[caller].list);
      const created = await c.post('/api/crm/saved-filters', {
        screen: 'contacts',
        name: 'Mes leads',
        query: { status: 'lead' },
      });
      expect(created.status).toBe(SAVED_FILTERS_TABLE[caller].create);
    });
  }

  it("a member sees and deletes only his own saved filters: another's answers 404", async () => {
    const sales = await app.as('sales');
    const colleague = await app.as('colleague');
    const mine = await sales.post('/api/crm/saved-filters', {
      screen: 'contacts',
      name: 'Clients SEO',
      query: { status: 'client', tag: 'SEO' },
    });
    expect(mine.status).toBe(201);
    expect((await colleague.get('/api/crm/saved-filters?screen=contacts')).body).toEqual([]);
    expect((await colleague.delete(`/api/crm/saved-filters/${mine.body.id}`)).status).toBe(404);
    const admin = await app.as('admin');
    expect((await admin.delete(`/api/crm/saved-filters/${mine.body.id}`)).status).toBe(404);
    const list = await sales.get('/api/crm/saved-filters?screen=contacts');
    expect(list.body).toEqual([
      expect.objectContaining({ name: 'Clients SEO', query: { status: 'client', tag: 'SEO' } }),
    ]);
    expect((await sales.delete(`/api/crm/saved-filters/${mine.body.id}`)).status).toBe(200);
    expect((await sales.get('/api/crm/saved-filters?screen=contacts')).body).toEqual([]);
  });
});
