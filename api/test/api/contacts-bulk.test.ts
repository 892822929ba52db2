/**
 * Bulk actions on contacts: the scope inside the query (a sales rep's bulk on a colleague's contact
 * changes nothing), the count answered, the audit, the events of the history, and the server-side undo
 * (author only, once, within 10 minutes, never overwriting a later change).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { BulkUndo, Contact, ContactEvent } from '../../src/crm/contacts/index.js';
import { makeContact } from '../factories.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await Promise.all([
    Contact.deleteMany({}),
    BulkUndo.deleteMany({}),
    ContactEvent.deleteMany({}),
    AuditLog.deleteMany({}),
  ]);
});

const contact = async (firstName: string, fields: Record<string, unknown> = {}) =>
  String((await makeContact({ firstName, lastName: 'Bulk', ...fields }))._id);
const statusOf = async (id: string) => (await Contact.findById(id).lean())!.status;

describe('bulk actions', () => {
  it("a sales rep's bulk on a colleague's contacts changes nothing", async () => {
    const theirs = await contact('theirs', { assignedTo: app.members.colleague.id });
    const unassigned = await contact('unassigned');
    const sales = await app.as('sales');
    for (const body of [
      { action: 'status', status: 'client' },
      { action: 'addTag', tag: 'VIP' },
    ]) {
      const res = await sales.post('/api/crm/contacts/bulk', { ...body, ids: [theirs, unassigned] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ done: 0, skipped: 2, previous: [], undo: null });
    }
    const docs = await Contact.find({ _id: { $in: [theirs, unassigned] } }).lean();
    expect(docs.every((d) => d.status === 'lead' && d.tags.length === 0)).toBe(true);
    expect(await AuditLog.countDocuments({ action: 'contact.bulk' })).toBe(0);
  });

  it('changes the status of the contacts in scope, answers the previous values, audits and records the history', async () => {
    const a = await contact('a', { assignedTo: app.members.sales.id });
    const b = await contact('b', { assignedTo: app.members.sales.id, status: 'prospect' });
    const already = await contact('c', { assignedTo: app.members.sales.id, status: 'client' });
    const sales = await app.as('sales');
    const res = await sales.post('/api/crm/contacts/bulk', {
      action: 'status',
      status: 'client',
      ids: [a, b, already, a],
    });
    expect(res.status).toBe(200);
    expect(res.body.done).toBe(2);
    expect(res.body.skipped).toBe(1);
    expect(res.body.previous).toEqual(
      expect.arrayContaining([
        { id: a, value: 'lead' },
        { id: b, value: 'prospect' },
      ]),
    );
    expect(res.body.undo.token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(Date.parse(res.body.undo.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await statusOf(a)).toBe('client');
    const entry = await AuditLog.findOne({ action: 'contact.bulk' }).lean();
    expect(entry!.details).toMatchObject({ action: 'status', count: 2, value: 'client' });
    const events = await ContactEvent.find({ type: 'status' }).lean();
    expect(events.map((e) => `${e.from}→${e.to}`).sort()).toEqual(['lead→client', 'prospect→client']);
    expect(events.every((e) => String(e.by) === app.members.sales.id)).toBe(true);
  });

  it('undo puts back each previous value, once, and only for its author', async () => {
    const a = await contact('a', { assignedTo: app.members.sales.id });
    const b = await contact('b', { assignedTo: app.members.sales.id, status: 'prospect' });
    const sales = await app.as('sales');
    const done = await sales.post('/api/crm/contacts/bulk', { action: 'status', status: 'client', ids: [a, b] });
    const { token } = done.body.undo;

    const colleague = await app.as('colleague');
    expect((await colleague.post('/api/crm/contacts/bulk/undo', { token })).status).toBe(404);
    const admin = await app.as('admin');
    expect((await admin.post('/api/crm/contacts/bulk/undo', { token })).status).toBe(404);

    const undone = await sales.post('/api/crm/contacts/bulk/undo', { token });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ action: 'status', restored: 2 });
    expect([await statusOf(a), await statusOf(b)]).toEqual(['lead', 'prospect']);
    expect((await sales.post('/api/crm/contacts/bulk/undo', { token })).status).toBe(404);
    expect(await AuditLog.countDocuments({ action: 'contact.bulk_undo' })).toBe(1);
  });

  it('undo leaves alone a contact changed since the bulk action', async () => {
    const a = await contact('a', { assignedTo: app.members.sales.id });
    const b = await contact('b', { assignedTo: app.members.sales.id });
    const sales = await app.as('sales');
    const done = await sales.post('/api/crm/contacts/bulk', { action: 'status', status: 'prospect', ids: [a, b] });
    expect((await sales.patch(`/api/crm/contacts/${b}`, { status: 'client' })).status).toBe(200);
    const undone = await sales.post('/api/crm/contacts/bulk/undo', { token: done.body.undo.token });
    expect(undone.body.restored).toBe(1);
    expect([await statusOf(a), await statusOf(b)]).toEqual(['lead', 'client']);
  });

  it('undo expires after 10 minutes (checked in the query)', async () => {
    const a = await contact('a', { assignedTo: app.members.sales.id });
    const sales = await app.as('sales');
    const done = await sales.post('/api/crm/contacts/bulk', { action: 'addTag', tag: 'VIP', ids: [a] });
    await BulkUndo.updateOne({ token: done.body.undo.token }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await sales.post('/api/crm/contacts/bulk/undo', { token: done.body.undo.token });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('ne peut plus être annulée');
    expect((await Contact.findById(a).lean())!.tags).toEqual(['VIP']);
  });

  it('add tag: only contacts without it are changed, and undo removes it from those only', async () => {
    const without = await contact('without', { assignedTo: app.members.sales.id, tags: ['SEO'] });
    const withIt = await contact('with', { assignedTo: app.members.sales.id, tags: ['VIP'] });
    const sales = await app.as('sales');
    const done = await sales.post('/api/crm/contacts/bulk', { action: 'addTag', tag: 'VIP', ids: [without, withIt] });
    expect(done.body.done).toBe(1);
    expect((await Contact.findById(without).lean())!.tags).toEqual(['SEO', 'VIP']);
    await sales.post('/api/crm/contacts/bulk/undo', { token: done.body.undo.token });
    expect((await Contact.findById(without).lean())!.tags).toEqual(['SEO']);
    expect((await Contact.findById(withIt).lean())!.tags).toEqual(['VIP']);
  });

  it('admin: assign and delete, then undo both', async () => {
    const a = await contact('a', { assignedTo: app.members.sales.id });
    const b = await contact('b');
    const admin = await app.as('admin');
    const assigned = await admin.post('/api/crm/contacts/bulk', {
      action: 'assign',
      assignedTo: app.members.colleague.id,
      ids: [a, b],
    });
    expect(assigned.body.previous).toEqual(
      expect.arrayContaining([
        { id: a, value: app.members.sales.id },
        { id: b, value: null },
      ]),
    );
    const events = await ContactEvent.find({ type: 'assignment' }).lean();
    expect(events).toHaveLength(2);
    expect((await admin.post('/api/crm/contacts/bulk/undo', { token: assigned.body.undo.token })).body.restored).toBe(
      2,
    );
    const docs = await Contact.find({ _id: { $in: [a, b] } })
      .sort({ firstName: 1 })
      .lean();
    expect(docs.map((d) => (d.assignedTo ? String(d.assignedTo) : null))).toEqual([app.members.sales.id, null]);

    const deleted = await admin.post('/api/crm/contacts/bulk', { action: 'delete', ids: [a, b] });
    expect(deleted.body.done).toBe(2);
    expect((await admin.get(`/api/crm/contacts/${a}`)).status).toBe(404);
    expect((await admin.post('/api/crm/contacts/bulk/undo', { token: deleted.body.undo.token })).body.restored).toBe(2);
    expect((await admin.get(`/api/crm/contacts/${a}`)).status).toBe(200);
  });

  it('refuses malformed requests (422)', async () => {
    const admin = await app.as('admin');
    const a = await contact('a');
    for (const body of [
      { action: 'status', status: 'client', ids: [] },
      { action: 'status', status: 'perdu', ids: [a] },
      { action: 'explode', ids: [a] },
      { action: 'status', status: 'client', ids: [{ $gt: '' }] },
      { action: 'addTag', tag: ' ', ids: [a] },
      { action: 'assign', ids: [a] },
      { action: 'delete', ids: Array.from({ length: 501 }, () => a) },
      { action: 'delete', ids: [a], extra: 1 },
    ]) {
      const res = await admin.post('/api/crm/contacts/bulk', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    expect((await admin.post('/api/crm/contacts/bulk/undo', { token: 'x' })).status).toBe(422);
    const unknownMember = await admin.post('/api/crm/contacts/bulk', {
      action: 'assign',
      assignedTo: '0'.repeat(24),
      ids: [a],
    });
    expect(unknownMember.status).toBe(422);
  });
});
