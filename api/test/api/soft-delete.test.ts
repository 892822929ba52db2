/**
 * The delete / undo / audit trio (http/soft-delete.ts) that contacts, deals and activities share:
 * deletion within the caller's scope, undo within the window, audit of both.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { UNDO_WINDOW_MS } from '../../src/http/soft-delete.js';
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
  await Promise.all([Contact.deleteMany({}), AuditLog.deleteMany({})]);
});


describe('soft deletion with undo', () => {
  it('deletes, answers the undo path, restores within the window, audits both', async () => {
    const admin = await app.as('admin');
    const c = await makeContact({ lastName: 'Undo' });
    const deleted = await admin.delete(`/api/crm/contacts/${c._id}`);
    expect(deleted.body).toEqual({ ok: true, undo: `/api/crm/contacts/${c._id}/restore` });
    expect((await admin.get(`/api/crm/contacts/${c._id}`)).status).toBe(404);
    const restored = await admin.post(deleted.body.undo);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: String(c._id), lastName: 'Undo' });
    expect((await AuditLog.find({ subjectId: String(c._id) }).lean()).map((a) => a.action).sort()).toEqual([
      'contact.delete',
      'contact.restore',
    ]);
    // Nothing left to restore.
    expect((await admin.post(deleted.body.undo)).status).toBe(404);
  });

  it('refuses an undo past the window (409, in French) and keeps the record deleted', async () => {
    const admin = await app.as('admin');
    const c = await makeContact({ lastName: 'Undo' });
    await admin.delete(`/api/crm/contacts/${c._id}`);
    await Contact.updateOne({ _id: c._id }, { $set: { deletedAt: new Date(Date.now() - UNDO_WINDOW_MS - 1000) } });
    const late = await admin.post(`/api/crm/contacts/${c._id}/restore`);
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe('Le délai pour annuler cette suppression est dépassé.');
    expect((await Contact.findById(c._id).lean())!.deletedAt).toBeInstanceOf(Date);
  });

  it('is refused outside the role: sales may not delete contacts, nor restore them', async () => {
    const admin = await app.as('admin');
    const sales = await app.as('sales');
    const c = await makeContact({ lastName: 'Undo' });
    expect((await sales.delete(`/api/crm/contacts/${c._id}`)).status).toBe(403);
    await admin.delete(`/api/crm/contacts/${c._id}`);
    expect((await sales.post(`/api/crm/contacts/${c._id}/restore`)).status).toBe(403);
    expect((await admin.post(`/api/crm/contacts/not-an-id/restore`)).status).toBe(404);
  });
});
