import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { SESSION_COLLECTION } from '../../src/auth/sessions.js';
import { PASSWORD, startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_PER_EMAIL: '3', LOGIN_MAX_PER_IP: '50' });
});
afterAll(async () => {
  await app.close();
});

describe('password login and session', () => {
  it('logs in, sets an httpOnly SameSite=Lax cookie, and /api/me answers the member', async () => {
    const c = app.client();
    await c.init();
    const res = await c.request('POST', '/api/auth/login', {
      email: app.members.sales.email,
      password: 'Motdepasse-test-1',
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('digiweb.sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    c.csrf = res.body.csrfToken;
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(app.members.sales.email);
    expect(me.body.role).toBe('sales');
    expect(me.body.modules).toEqual(['crm', 'sales', 'personal']);
    expect(me.body.user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password in French and audits the failure', async () => {
    const c = app.client();
    const res = await c.login(app.members.marketing.email, 'faux');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toBe('E-mail ou mot de passe incorrect.');
    expect(
      await AuditLog.countDocuments({ action: 'auth.login_failed', actorEmail: app.members.marketing.email }),
    ).toBe(1);
  });

  it('refuses a malformed e-mail (422, French) and writes none of its text in the audit log', async () => {
    const c = app.client();
    await c.init();
    const failures = () => AuditLog.countDocuments({ action: 'auth.login_failed' });
    const before = await failures();
    for (const email of [
      'x\nFAKE ENTRY',
      `${app.members.admin.email}\n2026-01-01 auth.login ok`,
      'pas-un-email',
      `${'a'.repeat(250)}@digiflow-agency.fr`,
    ]) {
      const res = await c.post('/api/auth/login', { email, password: 'faux' });
      expect(res.status, email).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ path: 'email', message: 'Adresse e-mail invalide.' }]);
    }
    expect(await failures()).toBe(before);
    expect(await AuditLog.countDocuments({ actorEmail: /fake entry|auth\.login ok/i })).toBe(0);
    const admin = await app.as('admin');
    const listed = await admin.get('/api/admin/audit?action=auth.login_failed&q=fake');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(0);
    // A well-formed e-mail still fails like any wrong password.
    const unknown = await c.login('personne@digiflow-agency.fr', 'faux');
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe('E-mail ou mot de passe incorrect.');
    expect(await failures()).toBe(before + 1);
  });

  it('throttles repeated failures per e-mail (429) even with the right password', async () => {
    const c = app.client();
    for (let i = 0; i < 3; i++) expect((await c.login(app.members.account_manager.email, 'faux')).status).toBe(401);
    const blocked = await c.login(app.members.account_manager.email);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(blocked.body.detail).toMatch(/Trop de tentatives/);
    // The counter is in MongoDB, shared by every API instance.
    expect(await mongoose.connection.collection('login_rate_limits').countDocuments({})).toBeGreaterThan(0);
  });

  it('rejects state-changing requests without the CSRF token', async () => {
    const c = await app.as('admin');
    const token = c.csrf;
    c.csrf = undefined;
    const res = await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/CSRF/);
    c.csrf = 'forged-token';
    expect((await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead' })).status).toBe(403);
    c.csrf = token;
    expect((await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead' })).status).toBe(201);
  });

  it('logout destroys the session', async () => {
    const c = await app.as('sales');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('unauthenticated calls answer 401 in French', async () => {
    const res = await app.client().get('/api/crm/contacts');
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Connectez-vous pour continuer.');
  });

  it('demo login does not exist outside demo mode', async () => {
    const c = app.client();
    await c.init();
    expect((await c.post('/api/auth/demo-login', { role: 'admin' })).status).toBe(404);
  });
});

describe('member administration', () => {
  it('deactivating a member revokes all his sessions at once', async () => {
    const s1 = await app.as('colleague');
    const s2 = await app.as('colleague');
    expect((await s1.get('/api/me')).status).toBe(200);
    expect(
      await mongoose.connection
        .collection(SESSION_COLLECTION)
        .countDocuments({ 'session.passport.user': app.members.colleague.id }),
    ).toBeGreaterThanOrEqual(2);
    const admin = await app.as('admin');
    const res = await admin.patch(`/api/team/members/${app.members.colleague.id}`, { status: 'inactive' });
    expect(res.status).toBe(200);
    expect((await s1.get('/api/me')).status).toBe(401);
    expect((await s2.get('/api/me')).status).toBe(401);
    // and he can no longer log in
    const again = await app.client().login(app.members.colleague.email);
    expect(again.status).toBe(401);
    expect(again.body.detail).toBe('Ce compte est désactivé.');
    expect(await AuditLog.countDocuments({ action: 'user.status_change', subjectId: app.members.colleague.id })).toBe(
      1,
    );
    await admin.patch(`/api/team/members/${app.members.colleague.id}`, { status: 'active' });
  });

  it('a role change is audited and only admins may do it', async () => {
    const sales = await app.as('sales');
    expect((await sales.patch(`/api/team/members/${app.members.marketing.id}`, { role: 'sales' })).status).toBe(403);
    const admin = await app.as('admin');
    const res = await admin.patch(`/api/team/members/${app.members.marketing.id}`, { role: 'account_manager' });
    expect(res.status).toBe(200);
    const log = await AuditLog.findOne({ action: 'user.role_change', subjectId: app.members.marketing.id }).lean();
    expect(log?.details).toEqual({ from: 'marketing', to: 'account_manager' });
    await admin.patch(`/api/team/members/${app.members.marketing.id}`, { role: 'marketing' });
  });

  it('an admin cannot deactivate himself', async () => {
    const admin = await app.as('admin');
    const res = await admin.patch(`/api/team/members/${app.members.admin.id}`, { status: 'inactive' });
    expect(res.status).toBe(409);
  });
});

describe('own notification preferences', () => {
  it('are on by default, changed by the member himself, validated strictly', async () => {
    const c = await app.as('sales');
    expect((await c.get('/api/me/preferences')).body).toEqual({ reminderEmail: true });
    expect((await c.put('/api/me/preferences', { reminderEmail: 'non' })).status).toBe(422);
    expect((await c.put('/api/me/preferences', { reminderEmail: false, role: 'admin' })).status).toBe(422);
    expect((await c.put('/api/me/preferences', { reminderEmail: { $ne: true } })).status).toBe(422);
    const res = await c.put('/api/me/preferences', { reminderEmail: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reminderEmail: false });
    expect((await c.get('/api/me/preferences')).body).toEqual({ reminderEmail: false });
    // Another member's choice is his own.
    expect((await (await app.as('admin')).get('/api/me/preferences')).body).toEqual({ reminderEmail: true });
    await c.put('/api/me/preferences', { reminderEmail: true });
    expect((await app.client().put('/api/me/preferences', { reminderEmail: true })).status).toBe(401);
  });
});

describe('own password', () => {
  it('a member changes his password with the current one; his other sessions close, this one stays', async () => {
    const here = await app.as('marketing');
    const elsewhere = await app.as('marketing');
    const email = app.members.marketing.email;

    // Validated first, in French: unknown fields, too short, unchanged.
    expect(
      (await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'x'.repeat(12), role: 'admin' }))
        .status,
    ).toBe(422);
    const short = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'court' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toEqual({
      path: 'newPassword',
      message: 'Le nouveau mot de passe doit comporter au moins 10 caractères.',
    });
    const same = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.body.errors[0].message).toBe('Le nouveau mot de passe doit être différent de l’actuel.');
    expect(
      (await here.post('/api/me/password', { currentPassword: { $gt: '' }, newPassword: 'Nouveau-mdp-2026' })).status,
    ).toBe(422);

    const wrong = await here.post('/api/me/password', {
      currentPassword: 'pas-le-bon',
      newPassword: 'Nouveau-mdp-2026',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' }]);
    expect((await app.client().login(email)).status).toBe(200);

    // Without the CSRF token, nothing changes.
    const token = here.csrf;
    here.csrf = undefined;
    expect(
      (await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'Nouveau-mdp-2026' })).status,
    ).toBe(403);
    here.csrf = token;

    const ok = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'Nouveau-mdp-2026' });
    expect(ok.status).toBe(200);
    expect(ok.body.sessionsClosed).toBeGreaterThanOrEqual(2);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await app.client().login(email)).status).toBe(401);
    expect((await app.client().login(email, 'Nouveau-mdp-2026')).status).toBe(200);
    expect(await AuditLog.countDocuments({ action: 'auth.password_change', subjectId: app.members.marketing.id })).toBe(
      1,
    );

    // Back to the shared test password.
    expect(
      (await here.post('/api/me/password', { currentPassword: 'Nouveau-mdp-2026', newPassword: PASSWORD })).status,
    ).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const c = app.client();
    await c.init();
    expect(
      (await c.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'Nouveau-mdp-2026' })).status,
    ).toBe(401);
  });
});
