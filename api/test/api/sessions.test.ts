/**
 * Session limits (ASVS 3.3.2): an absolute lifetime counted from sign-in, and an idle limit counted
 * from the member's last request. Time is moved with the API's clock, never waited for.
 */
import mongoose from 'mongoose';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { SecuritySettings } from '../../src/auth/security-settings.js';
import { SESSION_COLLECTION } from '../../src/auth/sessions.js';
import { clock } from '../../src/clock.js';
import { DEMO_LOGIN_EMAILS } from '../../src/demo/accounts.js';
import { makeMember } from '../factories.js';
import { type Client, startTestApp, type TestApp } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const EXPIRED = 'Votre session a expiré : reconnectez-vous.';

let app: TestApp;
/** Stands in for Google's OAuth endpoints. */
const google = new OAuth2Server();
beforeAll(async () => {
  await google.issuer.keys.generate('RS256');
  await google.start(0, '127.0.0.1');
  const issuer = google.issuer.url!;
  app = await startTestApp({
    DEMO_MODE: 'true',
    GOOGLE_CLIENT_ID: 'digiweb-test',
    GOOGLE_CLIENT_SECRET: 'digiweb-test-secret',
    GOOGLE_AUTH_URL: `${issuer}/authorize`,
    GOOGLE_TOKEN_URL: `${issuer}/token`,
    GOOGLE_USERINFO_URL: `${issuer}/userinfo`,
  });
  await makeMember({
    firstName: 'Démo',
    lastName: 'Commercial',
    email: DEMO_LOGIN_EMAILS.sales,
    role: 'sales',
    team: 'Vente A',
    password: null,
  });
});
afterAll(async () => {
  await app.close();
  await google.stop();
});

const realNow = clock.now;
let now = 0;
/** Moves the API's clock forward. */
const advance = (ms: number) => {
  now += ms;
};
beforeEach(() => {
  now = Date.parse('2026-03-02T08:00:00Z');
  clock.now = () => now;
});
afterEach(() => {
  clock.now = realNow;
});

const sessionsOf = (userId: string) =>
  mongoose.connection.collection(SESSION_COLLECTION).countDocuments({ 'session.passport.user': userId });

/** Expects the client's session to be closed: 401 saying so, then a plain 401 (the session is gone). */
async function expectExpired(c: Client) {
  const res = await c.get('/api/me');
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.detail).toBe(EXPIRED);
  const again = await c.get('/api/me');
  expect(again.status).toBe(401);
  expect(again.body.detail).toBe('Connectez-vous pour continuer.');
}

describe('absolute lifetime (SESSION_ABSOLUTE_HOURS, 12 h by default)', () => {
  it('an active member is signed out 12 hours after signing in, and may sign in again', async () => {
    const c = await app.as('marketing');
    for (let h = 1; h < 12; h++) {
      advance(HOUR);
      expect((await c.get('/api/me')).status, `${h} h`).toBe(200);
    }
    advance(59 * MINUTE);
    expect((await c.get('/api/me')).status, '11 h 59').toBe(200);
    advance(MINUTE);
    await expectExpired(c);
    // The session is destroyed in the store, not only refused.
    expect(await sessionsOf(app.members.marketing.id)).toBe(0);
    // Like the login page: a new CSRF token (the old one went with the session), then the password.
    c.csrf = undefined;
    expect((await c.login(app.members.marketing.email)).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('a state-changing request of an expired session answers 401, not a CSRF error', async () => {
    const c = await app.as('admin');
    advance(12 * HOUR);
    const res = await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead' });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe(EXPIRED);
  });

  it('counts from the demo login too', async () => {
    const c = app.client();
    await c.init();
    const res = await c.post('/api/auth/demo-login', { role: 'sales' });
    expect(res.status).toBe(200);
    c.csrf = res.body.csrfToken;
    advance(6 * HOUR);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(6 * HOUR);
    await expectExpired(c);
  });

  it('counts from a Google sign-in too', async () => {
    const c = app.client();
    const start = await c.get('/api/auth/google');
    expect(start.status).toBe(302);
    google.service.once('beforeUserinfo', (userinfo) => {
      userinfo.body = { sub: 'google-am', email: app.members.account_manager.email, email_verified: true };
    });
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location')!);
    expect(callback.pathname).toBe('/api/auth/google/callback');
    const back = await c.get(callback.pathname + callback.search);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/');
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(app.members.account_manager.email);
    advance(6 * HOUR);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(6 * HOUR);
    await expectExpired(c);
  });

  it('closes a session that does not know when it started (opened before the limit existed)', async () => {
    const c = await app.as('account_manager');
    await mongoose.connection
      .collection(SESSION_COLLECTION)
      .updateMany(
        { 'session.passport.user': app.members.account_manager.id },
        { $unset: { 'session.signedInAt': '' } },
      );
    await expectExpired(c);
  });
});

describe('idle limit (10 h by default)', () => {
  it('counts from the last request, not from sign-in', async () => {
    const c = await app.as('sales');
    advance(2 * HOUR);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(9 * HOUR + 59 * MINUTE);
    expect((await c.get('/api/me')).status, '9 h 59 idle').toBe(200);
  });

  it('signs out a member without any request for 10 hours', async () => {
    const c = await app.as('sales');
    advance(30 * MINUTE);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(10 * HOUR);
    await expectExpired(c);
  });
});

describe('background requests', () => {
  it('a poll marked X-Background-Request: 1 (notification bell) does not keep an idle member signed in', async () => {
    const c = await app.as('sales');
    const poll = () => c.request('GET', '/api/notifications', undefined, { 'x-background-request': '1' });
    for (let m = 30; m < 600; m += 30) {
      advance(30 * MINUTE);
      expect((await poll()).status, `${m} min`).toBe(200);
    }
    advance(30 * MINUTE);
    const res = await poll();
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe(EXPIRED);
  });

  it('the same requests without the mark count as activity', async () => {
    const c = await app.as('sales');
    for (let h = 1; h <= 11; h++) {
      advance(HOUR);
      expect((await c.get('/api/notifications')).status, `${h} h`).toBe(200);
    }
  });
});

describe('idle limit set by administrators (Administration → Sécurité)', () => {
  /** Back to the default through the API, for the next test. */
  afterEach(async () => {
    const admin = await app.as('admin');
    expect((await admin.put('/api/admin/security', { idleMinutes: 600 })).status).toBe(200);
  });

  it('reads the limits: 10 h idle by default, the absolute lifetime from the configuration', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/admin/security');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idleMinutes: 600, absoluteHours: 12 });
  });

  it('a shorter limit applies from the next request, to sessions already open, and is audited', async () => {
    const sales = await app.as('sales');
    advance(40 * MINUTE);
    const admin = await app.as('admin');
    // This request reads the limit (10 h) into the cache; the change must not wait for it to go stale.
    expect((await admin.get('/api/admin/security')).body.idleMinutes).toBe(600);
    const res = await admin.put('/api/admin/security', { idleMinutes: 30 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idleMinutes: 30, absoluteHours: 12, updatedBy: 'admin Test' });
    expect(Date.parse(res.body.updatedAt)).not.toBeNaN();
    expect((await admin.get('/api/admin/security')).body.idleMinutes).toBe(30);
    const entry = await AuditLog.findOne({ action: 'security.update' }).sort({ at: -1 }).lean();
    expect(entry).toMatchObject({
      actorEmail: app.members.admin.email,
      subject: 'SecuritySetting',
      details: { setting: 'idleMinutes', from: 600, to: 30 },
    });
    // Idle for 40 minutes: signed out at once.
    await expectExpired(sales);

    const marketing = await app.as('marketing');
    advance(29 * MINUTE);
    expect((await marketing.get('/api/me')).status, '29 min idle').toBe(200);
    advance(30 * MINUTE);
    await expectExpired(marketing);
  });

  it('a longer limit keeps an idle member signed in past the default 10 h', async () => {
    const admin = await app.as('admin');
    expect((await admin.put('/api/admin/security', { idleMinutes: 720 })).status).toBe(200);
    const c = app.client();
    const login = await c.login(app.members.marketing.email);
    // The cookie outlives the longest idle limit: the server alone decides when the session ends.
    const cookie = login.headers.getSetCookie().find((h) => h.startsWith('digiweb.sid='))!;
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
    expect(expires).toBeGreaterThanOrEqual(Date.now() + 12 * HOUR - MINUTE);
    advance(11 * HOUR + 59 * MINUTE);
    expect((await c.get('/api/me')).status, '11 h 59 idle').toBe(200);
  });

  it('is kept in memory; a change made by another API instance applies once the cache is 30 s old', async () => {
    const sales = await app.as('sales');
    const reads = vi.spyOn(SecuritySettings, 'findById');
    try {
      for (let i = 0; i < 5; i++) {
        advance(1000);
        expect((await sales.get('/api/me')).status).toBe(200);
      }
      expect(reads.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      reads.mockRestore();
    }
    // Another instance stores 15 minutes: this one still has 10 h in cache, then reads it again.
    await SecuritySettings.updateOne({ _id: 'security' }, { $set: { idleMinutes: 15 } }, { upsert: true });
    advance(20 * MINUTE);
    await expectExpired(sales);
  });

  it('only administrators read or change it; the change needs the CSRF token', async () => {
    for (const role of ['sales', 'marketing', 'account_manager'] as const) {
      const c = await app.as(role);
      expect((await c.get('/api/admin/security')).status, role).toBe(403);
      expect((await c.put('/api/admin/security', { idleMinutes: 15 })).status, role).toBe(403);
    }
    const anonymous = app.client();
    await anonymous.init();
    expect((await anonymous.get('/api/admin/security')).status).toBe(401);
    expect((await anonymous.put('/api/admin/security', { idleMinutes: 15 })).status).toBe(401);
    const admin = await app.as('admin');
    admin.csrf = undefined;
    expect((await admin.put('/api/admin/security', { idleMinutes: 15 })).status).toBe(403);
    expect((await (await app.as('admin')).get('/api/admin/security')).body.idleMinutes).toBe(600);
    expect(
      await AuditLog.countDocuments({
        action: 'security.update',
        details: { setting: 'idleMinutes', from: 600, to: 15 },
      }),
    ).toBe(0);
  });

  it('refuses invalid values with French messages (422) and keeps the limit', async () => {
    const admin = await app.as('admin');
    const cases: [unknown, string][] = [
      [{ idleMinutes: 14 }, "La durée d'inactivité est d'au moins 15 minutes."],
      [{ idleMinutes: 721 }, "La durée d'inactivité est de 12 heures (720 minutes) au plus."],
      [{ idleMinutes: 30.5 }, "La durée d'inactivité est un nombre entier de minutes."],
      [{ idleMinutes: '30' }, "La durée d'inactivité est obligatoire, en minutes."],
      [{ idleMinutes: null }, "La durée d'inactivité est obligatoire, en minutes."],
      [{ idleMinutes: { $gt: 0 } }, "La durée d'inactivité est obligatoire, en minutes."],
      [{}, "La durée d'inactivité est obligatoire, en minutes."],
      [{ idleMinutes: 30, absoluteHours: 48 }, 'Champ(s) non autorisé(s) : absoluteHours.'],
    ];
    for (const [body, message] of cases) {
      const res = await admin.put('/api/admin/security', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual([message]);
    }
    expect((await admin.get('/api/admin/security')).body.idleMinutes).toBe(600);
  });
});

describe('a request sent as soon as a sign-in answers', () => {
  /** Fetches without waiting for the end of the answer: a browser acts on the headers alone. */
  async function headersOnly(c: Client, method: string, url: string, body?: unknown) {
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(c.base + url, {
      method,
      headers: { 'content-type': 'application/json', cookie, ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const sc of res.headers.getSetCookie()) {
      const [kv] = sc.split(';');
      const i = kv!.indexOf('=');
      c.cookies.set(kv!.slice(0, i), kv!.slice(i + 1));
    }
    return res;
  }

  it('finds the new session with its sign-in time and CSRF token, however slow the session store', async () => {
    // Every write of the session store takes 300 ms, as on a loaded database.
    const sessions = mongoose.connection.getClient().db(mongoose.connection.name).collection(SESSION_COLLECTION);
    const proto = Object.getPrototypeOf(sessions) as { updateOne: (...a: unknown[]) => Promise<unknown> };
    const updateOne = proto.updateOne;
    const slow = vi.spyOn(proto, 'updateOne').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if ((this as { collectionName?: string }).collectionName === SESSION_COLLECTION)
        await new Promise((r) => setTimeout(r, 300));
      return updateOne.apply(this, args);
    });
    try {
      const c = app.client();
      const config = await headersOnly(c, 'GET', '/api/auth/config');
      c.csrf = ((await config.json()) as { csrfToken: string }).csrfToken;
      const login = await headersOnly(c, 'POST', '/api/auth/demo-login', { role: 'sales' });
      expect(login.status).toBe(200);
      const me = await headersOnly(c, 'GET', '/api/me');
      expect(me.status).toBe(200);
      c.csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const logout = await headersOnly(c, 'POST', '/api/auth/logout');
      expect(logout.status).toBe(200);
      expect(slow).toHaveBeenCalled();
    } finally {
      slow.mockRestore();
    }
  });
});
