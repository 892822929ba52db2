/**
 * The demo data set, as `npm start` and `npm run seed` make it: members over the four roles and both
 * companies, 300+ contacts across France with valid identifiers, a history that reads in order, the
 * same data on every run, and the one-click login of each role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidPhone, isValidSiret, ROLES } from '../../src/contracts/index.js';
import { Activity } from '../../src/crm/activities/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { Deal } from '../../src/crm/deals/index.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { User } from '../../src/team/user.model.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ DEMO_MODE: 'true' });
  await seedDemoData();
}, 180_000);
afterAll(async () => {
  await app.close();
});

describe('demo data set', () => {
  it('has about ten members over the four roles and both companies, sales reps in two managed teams', async () => {
    const users = await User.find({}).lean();
    expect(users.length).toBeGreaterThanOrEqual(9);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(new Set(users.map((u) => u.company))).toEqual(new Set(['digiflow', 'behype']));
    const reps = users.filter((u) => u.role === 'sales');
    expect(reps.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reps.map((r) => r.team)).size).toBeGreaterThanOrEqual(2);
    const ids = new Set(users.map((u) => String(u._id)));
    for (const r of reps) expect(ids.has(String(r.managerId))).toBe(true);
    for (const u of users) {
      expect(u.email).toMatch(/@(digiflow-agency\.fr|be-hype\.com)$/);
      expect(u.createdAt.getTime()).toBe(u.startDate!.getTime());
    }
  });

  it('has 300+ contacts across France: every status, assigned and unassigned, valid SIRETs, phones and postal codes', async () => {
    const contacts = await Contact.find({ deletedAt: null }).lean();
    expect(contacts.length).toBeGreaterThanOrEqual(300);
    expect(new Set(contacts.map((c) => c.status))).toEqual(new Set(['lead', 'prospect', 'client']));
    const unassigned = contacts.filter((c) => !c.assignedTo).length;
    expect(unassigned).toBeGreaterThan(0);
    expect(unassigned).toBeLessThan(contacts.length / 2);
    const reps = new Set((await User.find({ role: 'sales' }, { _id: 1 }).lean()).map((u) => String(u._id)));
    for (const c of contacts) if (c.assignedTo) expect(reps.has(String(c.assignedTo))).toBe(true);
    const withSiret = contacts.filter((c) => c.siret);
    expect(withSiret.length).toBeGreaterThan(50);
    for (const c of withSiret) expect(isValidSiret(c.siret!), c.siret!).toBe(true);
    for (const c of contacts) {
      if (c.phone) expect(isValidPhone(c.phone), c.phone).toBe(true);
      expect(c.postalCode).toMatch(/^\d{5}$/);
    }
    expect(new Set(contacts.map((c) => c.postalCode!.slice(0, 2))).size).toBeGreaterThanOrEqual(15);
  });

  it('reads in order: no contact is created after his first deal or activity; activities and deals are his rep’s', async () => {
    const created = new Map(
      (await Contact.find({}, { createdAt: 1, assignedTo: 1 }).lean()).map((c) => [String(c._id), c]),
    );
    const activities = await Activity.find(
      { contactId: { $ne: null } },
      { contactId: 1, owner: 1, dueAt: 1, createdAt: 1 },
    ).lean();
    const deals = await Deal.find({}, { contactId: 1, owner: 1, createdAt: 1 }).lean();
    expect(activities.length).toBeGreaterThan(100);
    expect(deals.length).toBeGreaterThan(100);
    for (const a of activities) {
      const c = created.get(String(a.contactId))!;
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(Math.min(a.dueAt.getTime(), a.createdAt.getTime()));
      expect(String(a.owner)).toBe(String(c.assignedTo));
    }
    for (const d of deals)
      expect(created.get(String(d.contactId))!.createdAt.getTime()).toBeLessThanOrEqual(d.createdAt.getTime());
  });

  it('is the same data on every run', async () => {
    const snapshot = async () =>
      (await Contact.find({}, { firstName: 1, lastName: 1, email: 1, siret: 1, status: 1 }).lean())
        .map((c) => `${c.firstName} ${c.lastName} ${c.email ?? ''} ${c.siret ?? ''} ${c.status}`)
        .sort();
    const before = await snapshot();
    await seedDemoData();
    expect(await snapshot()).toEqual(before);
  }, 180_000);

  it('logs in as each role in one click', async () => {
    for (const role of ROLES) {
      const c = app.client();
      await c.init();
      const res = await c.post('/api/auth/demo-login', { role });
      expect(res.status, role).toBe(200);
      c.csrf = res.body.csrfToken;
      expect((await c.get('/api/me')).body.role).toBe(role);
    }
  });
});
