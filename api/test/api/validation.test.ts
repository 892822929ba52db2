import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact } from '../../src/crm/contacts/index.js';
import { AuditLog } from '../../src/audit/audit.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('input validation', () => {
  it('rejects unknown fields with a French 422 problem', async () => {
    const c = await app.as('admin');
    const res = await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead', isAdmin: true });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toMatch(/Champ\(s\) non autorisé\(s\) : isAdmin/);
  });

  it('rejects operator injection in bodies and in query strings', async () => {
    const c = await app.as('admin');
    const body = await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead', email: { $gt: '' } });
    expect(body.status).toBe(422);
    const login = await app.client().login({ $gt: '' } as unknown as string);
    expect(login.status).toBe(422);
    const query = await c.get('/api/crm/contacts?assignedTo[$ne]=x');
    expect(query.status).toBe(422);
    const status = await c.get('/api/crm/contacts?status[$ne]=lead');
    expect(status.status).toBe(422);
  });

  it('validates e-mail, French phone numbers and SIRET checksums with French messages', async () => {
    const c = await app.as('admin');
    const res = await c.post('/api/crm/contacts', {
      firstName: 'Jean',
      lastName: 'Dupont',
      status: 'lead',
      email: 'pas-un-email',
      phone: '01 23',
      siret: '73282932000075',
    });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries((res.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath.email).toBe("L'adresse e-mail n'est pas valide.");
    expect(byPath.phone).toMatch(/numéro de téléphone n'est pas valide/);
    expect(byPath.siret).toBe("Le SIRET n'est pas valide (clé de contrôle incorrecte).");
  });

  it('normalises phone numbers to E.164 and SIRET to digits', async () => {
    const c = await app.as('admin');
    const res = await c.post('/api/crm/contacts', {
      firstName: 'Jean',
      lastName: 'Dupont',
      status: 'client',
      phone: '06 12 34 56 78',
      siret: '732 829 320 00074',
      manager: 'Marie Dupont',
    });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe('+33612345678');
    expect(res.body.siret).toBe('73282932000074');
    expect(res.body.manager).toBe('Marie Dupont');
    expect(res.body.qualityScore).toBeGreaterThan(0);
  });

  it('rejects malformed JSON with a French 400', async () => {
    const c = await app.as('admin');
    const res = await c.request('POST', '/api/crm/contacts', '{"firstName":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/JSON/);
  });
});

describe('contacts list', () => {
  it('paginates, searches without accents and filters on the server', async () => {
    await Contact.deleteMany({});
    const admin = await app.as('admin');
    for (let i = 0; i < 25; i++) {
      const r = await admin.post('/api/crm/contacts', {
        firstName: i === 7 ? 'Hélène' : `Prénom${i}`,
        lastName: `Nom${i}`,
        status: i % 2 ? 'client' : 'lead',
        companyName: i === 3 ? 'Boulangerie Étoile' : 'Acme',
      });
      expect(r.status).toBe(201);
    }
    const page2 = await admin.get('/api/crm/contacts?page=2&pageSize=10&sort=lastName');
    expect(page2.body.total).toBe(25);
    expect(page2.body.items).toHaveLength(10);
    expect(await admin.get('/api/crm/contacts?q=helene').then((r) => r.body.items.map((i: { firstName: string }) => i.firstName))).toEqual(['Hélène']);
    expect((await admin.get('/api/crm/contacts?q=etoile')).body.total).toBe(1);
    expect((await admin.get('/api/crm/contacts?status=client')).body.total).toBe(12);
    expect((await admin.get(`/api/crm/contacts?assignedTo=${app.members.admin.id}`)).body.total).toBe(25);
    expect((await admin.get('/api/crm/contacts?assignedTo=none')).body.total).toBe(0);
    expect((await admin.get('/api/crm/contacts?pageSize=1000')).status).toBe(422);
  });

  it('assignment is audited with from/to', async () => {
    const admin = await app.as('admin');
    const c = await admin.post('/api/crm/contacts', { firstName: 'Assign', lastName: 'Me', status: 'lead' });
    const res = await admin.post(`/api/crm/contacts/${c.body.id}/assign`, { assignedTo: app.members.sales.id });
    expect(res.status).toBe(200);
    expect(res.body.assignedTo.id).toBe(app.members.sales.id);
    const log = await AuditLog.findOne({ action: 'contact.assign', subjectId: c.body.id }).lean();
    expect(log?.details).toEqual({ from: app.members.admin.id, to: app.members.sales.id });
    const bad = await admin.post(`/api/crm/contacts/${c.body.id}/assign`, { assignedTo: '0123456789abcdef01234567' });
    expect(bad.status).toBe(422);
  });
});
